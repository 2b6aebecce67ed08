import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// Fetches one URL over HTTP or HTTPS with a timeout, a byte cap and optional basic auth.
/// A status other than 2xx is an error naming the status.
public struct HTTPTransport: Sendable {
    public let url: String
    public let limits: TransportLimits
    public let credentials: HTTPCredentials?
    /// PEM file of extra trusted roots, for the admin form's POST to trust the same CA.
    public let caFile: String?
    private let client: HTTPClient
    private let sizeHint = BodySizeHint()
    /// The GET sent every poll, made once: the URL is parsed and the headers built here, not per
    /// poll. A URL the client refuses is kept as the error each fetch reports, as before.
    private let request: Result<HTTPClient.Request, any Error>

    /// - Parameter caFile: PEM file of extra trusted roots for a private CA (HTTPS).
    public init(url: String, limits: TransportLimits = .init(), credentials: HTTPCredentials? = nil,
                caFile: String? = nil) throws {
        self.url = url
        self.limits = limits
        self.credentials = credentials
        self.caFile = caFile
        self.client = try HTTPClientPool.client(caFile: caFile)
        var headers: HTTPHeaders = ["User-Agent": "lbtop", "Accept": "text/plain, */*"]
        if let authorization = credentials?.headerValue { headers.add(name: "Authorization", value: authorization) }
        request = Result { try HTTPClient.Request(url: url, method: .GET, headers: headers) }
    }

    /// GETs the URL and returns the body.
    ///
    /// The body is gathered on the connection's event loop and handed over once, whole
    /// (`BodyCollector`): read as an async sequence, a 240 KB answer came in a dozen parts, each
    /// one a hand-off between the event loop and the polling task. The deadline bounds the whole
    /// request, connect to last byte.
    public func fetch() async throws -> [UInt8] {
        let answer = try await fetchAnswer()
        guard (200..<300).contains(answer.status) else {
            throw CollectError(.http, "HTTP \(answer.status) \(answer.reason) from \(TargetURL.hostAndPort(of: url) ?? url)")
        }
        return answer.body
    }

    /// GETs the URL and returns the status with the body, whatever the status (an API that puts
    /// its error text in the body of a 400, as Prometheus does).
    public func fetchAnswer() async throws -> (status: Int, reason: String, body: [UInt8]) {
        let endpoint = TargetURL.hostAndPort(of: url) ?? url
        do {
            let request = try self.request.get()
            let collector = BodyCollector(expectedSize: sizeHint.value, cap: limits.byteCap)
            let task = client.execute(request: request, delegate: collector,
                                      deadline: .now() + .milliseconds(Int64(limits.timeout * 1000)))
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            sizeHint.value = response.body.count
            return (Int(response.status.code), response.status.reasonPhrase, response.body)
        } catch {
            throw TransportErrorText.collectError(error, endpoint: endpoint, limits: limits)
        }
    }
}

/// Process-wide HTTP clients: one for the system trust store and one per extra CA file. They live
/// as long as the process, so they are never shut down while a request runs.
enum HTTPClientPool {
    private static let clients = Mutex<[String: HTTPClient]>([:])

    /// - Parameter followsRedirects: false for the admin form's POST, whose answer is the redirect.
    static func client(caFile: String?, followsRedirects: Bool = true) throws -> HTTPClient {
        try clients.withLock { clients in try makeOrReuse(in: &clients, caFile: caFile, followsRedirects: followsRedirects) }
    }

    private static func makeOrReuse(in clients: inout [String: HTTPClient], caFile: String?,
                                    followsRedirects: Bool) throws -> HTTPClient {
        let key = (followsRedirects ? "" : "no-redirect:") + (caFile ?? "")
        if let client = clients[key] { return client }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            guard FileManager.default.isReadableFile(atPath: caFile) else {
                throw CollectError(.unsupported, "cannot read CA file \(caFile)")
            }
            tls.trustRoots = .file(caFile)
        }
        var pool = HTTPClient.Configuration.ConnectionPool(idleTimeout: .seconds(30))
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: followsRedirects ? .follow(max: 3, allowCycles: false) : .disallow,
            timeout: .init(connect: .seconds(5)),
            connectionPool: pool,
            decompression: .disabled
        )
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        clients[key] = client
        return client
    }
}
