import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// The demo cluster on loopback: an HTTP server on 127.0.0.1 (ephemeral port) answering
/// `GET /stats;csv` with HAProxy 2.6 stats CSV and `GET /nodes/<server>/metrics` with
/// node_exporter metrics, so lbtop polls it through the same HTTP path as real targets.
/// The simulation advances with the wall clock, one second at a time.
public final class DemoServer: Sendable {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let channel: any Channel
    private let state: NIOLockedValueBox<DemoClusterClock>

    private init(port: Int, channel: any Channel, state: NIOLockedValueBox<DemoClusterClock>) {
        self.port = port; self.channel = channel; self.state = state
    }

    /// The stats page and node URLs on this server's port.
    public var targets: DemoTargets { DemoTargets(port: port, servers: state.withLockedValue { $0.cluster.servers }) }

    /// Starts listening. `startSecond` lets a caller begin part-way through the script.
    public static func start(startSecond: Int = 0,
                             group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> DemoServer {
        let state = NIOLockedValueBox(DemoClusterClock(startSecond: startSecond))
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(DemoHTTPHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw DemoServerError(reason: "could not read the demo server's port")
        }
        return DemoServer(port: port, channel: channel, state: state)
    }

    /// Stops listening.
    public func shutdown() async {
        try? await channel.close()
    }
}

public struct DemoServerError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { "demo: \(reason)" }
}

/// The cluster and the instant its second 0 corresponds to.
struct DemoClusterClock: Sendable {
    var cluster = DemoCluster()
    let started = ContinuousClock.now
    let startSecond: Int

    init(startSecond: Int) {
        self.startSecond = startSecond
        cluster.advance(to: startSecond)
    }

    /// Brings the simulation up to now and answers `path`.
    mutating func respond(to path: String) -> DemoResponse {
        let elapsed = ContinuousClock.now - started
        cluster.advance(to: startSecond + Int(elapsed.components.seconds))
        return DemoResponse(path: path, cluster: cluster)
    }
}

/// What the demo server answers for a path (pure: routing and rendering only).
struct DemoResponse: Sendable, Equatable {
    var statusCode: Int
    var contentType: String
    var body: String

    init(path: String, cluster: DemoCluster) {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        if route == "/stats;csv" || route == "/stats;csv;norefresh" {
            statusCode = 200; contentType = "text/plain"; body = DemoStatsCSV.render(cluster)
            return
        }
        let parts = route.split(separator: "/")
        if parts.count == 3, parts[0] == "nodes", parts[2] == "metrics",
           let server = cluster.servers.first(where: { $0.name == parts[1] }) {
            statusCode = 200; contentType = "text/plain; version=0.0.4; charset=utf-8"
            body = DemoNodeMetrics.render(server, second: cluster.second, startEpoch: cluster.startEpoch)
            return
        }
        statusCode = 404; contentType = "text/plain"
        body = "lbtop demo: GET /stats;csv or /nodes/<server>/metrics\n"
    }
}

/// Answers each HTTP request with a `DemoResponse`.
private final class DemoHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: NIOLockedValueBox<DemoClusterClock>
    private var request: HTTPRequestHead?

    init(state: NIOLockedValueBox<DemoClusterClock>) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): request = head
        case .body: break
        case .end:
            guard let head = request else { return }
            request = nil
            let response = state.withLockedValue { $0.respond(to: head.uri) }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: response.contentType)
            headers.add(name: "Content-Length", value: "\(response.body.utf8.count)")
            if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
            let buffer = context.channel.allocator.buffer(string: response.body)
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.statusCode),
                                                                 headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !head.isKeepAlive {
                let channel = context.channel
                done.whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}
