import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Sends one command line to a UNIX stream socket (HAProxy's stats socket) and reads the answer to
/// EOF, with a timeout and a byte cap. HAProxy answers a non-interactive command and closes.
public struct UnixSocketTransport: Sendable {
    public let path: String
    public let limits: TransportLimits

    public init(path: String, limits: TransportLimits = .init()) {
        self.path = path
        self.limits = limits
    }

    /// Writes `command` + `\n` and returns everything read until the peer closes.
    public func fetch(command: String) async throws -> [UInt8] {
        let path = self.path, limits = self.limits
        do {
            return try await TimeLimit.run(seconds: limits.timeout) {
                try await Self.exchange(path: path, command: command, limits: limits)
            }
        } catch {
            throw TransportErrorText.collectError(error, endpoint: path, limits: limits)
        }
    }

    private static func exchange(path: String, command: String, limits: TransportLimits) async throws -> [UInt8] {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: [UInt8].self)
        let timeout = TimeAmount.milliseconds(Int64(limits.timeout * 1000))
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ReadToEOFHandler(byteCap: limits.byteCap, promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(unixDomainSocketPath: path).get()
        } catch {
            promise.fail(error)
            throw Self.notASocket(path) ?? error
        }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(CollectError.timeout(after: limits.timeout))
            channel.close(promise: nil)
        }
        channel.writeAndFlush(ByteBuffer(string: command + "\n"), promise: nil)
        return try await withTaskCancellationHandler {
            defer { deadline.cancel() }
            return try await promise.futureResult.get()
        } onCancel: {
            promise.fail(CancellationError())
            channel.close(promise: nil)
        }
    }

    /// Why a connect to `path` failed when something other than a socket sits there (connect(2) says
    /// only "connection refused" for a directory or a plain file); nil for a socket or nothing.
    private static func notASocket(_ path: String) -> CollectError? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFSOCK: return nil
        case S_IFDIR: kind = "a directory"
        case S_IFREG: kind = "a regular file"
        default: kind = "a device or pipe"
        }
        return CollectError(.unreachable, "not a socket: \(path) is \(kind)")
    }
}

/// Accumulates every byte until the channel closes; fails once more than `byteCap` arrive.
private final class ReadToEOFHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let byteCap: Int
    private let promise: EventLoopPromise<[UInt8]>
    private var bytes: [UInt8] = []
    private var finished = false

    init(byteCap: Int, promise: EventLoopPromise<[UInt8]>) {
        self.byteCap = byteCap
        self.promise = promise
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
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(.success(bytes))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    private func finish(_ result: Result<[UInt8], any Error>) {
        guard !finished else { return }
        finished = true
        promise.completeWith(result)
    }
}
