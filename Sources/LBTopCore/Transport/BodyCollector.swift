import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization

/// Gathers one HTTP response on the connection's event loop straight into a byte array, reserved
/// at the size of the previous answer from the same URL (a stats page answers with about the same
/// size every poll) or at `Content-Length`: the body is not regrown by doubling as parts arrive,
/// nor copied out of a `ByteBuffer` at the end. A body over `cap` bytes fails the request with
/// `ResponseAccumulator.ResponseTooBigError`. Redirects are followed by the client before any of
/// this is called.
final class BodyCollector: HTTPClientResponseDelegate {
    struct Response: Sendable {
        var status: HTTPResponseStatus
        var body: [UInt8]
    }

    private struct State {
        var status: HTTPResponseStatus = .ok
        var body: [UInt8] = []
    }

    private let state = Mutex(State())
    private let cap: Int

    init(expectedSize: Int, cap: Int) {
        self.cap = cap
        state.withLock { $0.body.reserveCapacity(min(max(0, expectedSize), cap)) }
    }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        let length = head.headers.first(name: "content-length").flatMap { Int($0) }
        if let length, length > cap { return task.eventLoop.makeFailedFuture(ResponseAccumulator.ResponseTooBigError(maxBodySize: cap)) }
        state.withLock { state in
            state.status = head.status
            if let length { state.body.reserveCapacity(length) }
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let fits = state.withLock { state in
            guard state.body.count + buffer.readableBytes <= cap else { return false }
            buffer.withUnsafeReadableBytes { state.body.append(contentsOf: $0) }
            return true
        }
        guard fits else { return task.eventLoop.makeFailedFuture(ResponseAccumulator.ResponseTooBigError(maxBodySize: cap)) }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        state.withLock { state in
            // Moved out: the collector is done with it.
            var body: [UInt8] = []
            swap(&body, &state.body)
            return Response(status: state.status, body: body)
        }
    }
}

/// The size of the last body a transport received, to reserve the next one at.
final class BodySizeHint: Sendable {
    private let size = Mutex(0)

    var value: Int {
        get { size.withLock { $0 } }
        set { size.withLock { $0 = newValue } }
    }
}
