import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// One request written to a stream socket and its answer read until `isComplete` holds or the peer
/// closes, within the limits' timeout and byte cap. The TCP and UNIX socket transports differ only
/// in how they connect.
enum StreamExchange {
    static func run(request: [UInt8], limits: TransportLimits,
                    isComplete: @escaping @Sendable (ArraySlice<UInt8>) -> Bool,
                    connect: (ClientBootstrap) async throws -> any Channel) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: [UInt8].self)
        let timeout = TimeAmount.milliseconds(Int64(limits.timeout * 1000))
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        AnswerReader(byteCap: limits.byteCap, isComplete: isComplete, promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try await connect(bootstrap)
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
private final class AnswerReader: ChannelInboundHandler {
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
        // A reset after some bytes ends the answer as a close would: the parser names one cut short.
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
