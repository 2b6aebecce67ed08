import Foundation
import NIOCore
import NIOPosix

/// Sends one request over TCP (Redis `INFO`, memcached `stats`) and reads the answer until
/// `isComplete` says it is whole, or the peer closes, with a timeout and a byte cap. These servers
/// keep the connection open after answering, so the reader, not EOF, decides where the answer ends.
public struct TCPTransport: Sendable {
    public let host: String
    public let port: Int
    public let limits: TransportLimits

    public init(host: String, port: Int, limits: TransportLimits = .init()) {
        self.host = host; self.port = port; self.limits = limits
    }

    /// `host:port`, for messages.
    public var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Writes `request` and returns the bytes read once `isComplete` holds or the peer closed.
    public func exchange(_ request: [UInt8], until isComplete: @escaping @Sendable (ArraySlice<UInt8>) -> Bool) async throws -> [UInt8] {
        let host = self.host, port = self.port, limits = self.limits
        do {
            return try await TimeLimit.run(seconds: limits.timeout) {
                try await Self.exchange(host: host, port: port, request: request, limits: limits, isComplete: isComplete)
            }
        } catch {
            throw TransportErrorText.collectError(error, endpoint: endpoint, limits: limits)
        }
    }

    private static func exchange(host: String, port: Int, request: [UInt8], limits: TransportLimits,
                                 isComplete: @escaping @Sendable (ArraySlice<UInt8>) -> Bool) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: [UInt8].self)
        let timeout = TimeAmount.milliseconds(Int64(limits.timeout * 1000))
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ReadUntilCompleteHandler(byteCap: limits.byteCap, isComplete: isComplete, promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            promise.fail(error)
            throw error
        }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(CollectError.timeout(after: limits.timeout))
            channel.close(promise: nil)
        }
        channel.writeAndFlush(ByteBuffer(bytes: request), promise: nil)
        return try await withTaskCancellationHandler {
            defer { deadline.cancel() }
            return try await promise.futureResult.get()
        } onCancel: {
            promise.fail(CancellationError())
            channel.close(promise: nil)
        }
    }
}

/// Gathers bytes until the answer is whole (then closes) or the channel closes; fails once more
/// than `byteCap` arrive.
private final class ReadUntilCompleteHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let byteCap: Int
    private let isComplete: @Sendable (ArraySlice<UInt8>) -> Bool
    private let promise: EventLoopPromise<[UInt8]>
    private var bytes: [UInt8] = []
    private var finished = false

    init(byteCap: Int, isComplete: @escaping @Sendable (ArraySlice<UInt8>) -> Bool, promise: EventLoopPromise<[UInt8]>) {
        self.byteCap = byteCap; self.isComplete = isComplete; self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !finished else { return }
        let buffer = unwrapInboundIn(data)
        guard bytes.count + buffer.readableBytes <= byteCap else {
            finish(.failure(CollectError.tooLarge(cap: byteCap)))
            context.close(promise: nil)
            return
        }
        buffer.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        if isComplete(bytes[...]) {
            finish(.success(bytes))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.success(bytes))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A reset after a whole answer changes nothing; before it, the bytes so far are read as
        // they are (the parser names a cut-short answer).
        if (error as? IOError)?.errnoCode == ECONNRESET, !bytes.isEmpty {
            finish(.success(bytes))
        } else {
            finish(.failure(error))
        }
        context.close(promise: nil)
    }

    private func finish(_ result: Result<[UInt8], any Error>) {
        guard !finished else { return }
        finished = true
        promise.completeWith(result)
    }
}
