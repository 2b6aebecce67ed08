import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Fetches one URL over HTTP or HTTPS with a timeout, a byte cap and optional basic auth.
/// A status other than 2xx is an error naming the status.
public struct HTTPTransport: Sendable {
    public let url: String
    public let limits: TransportLimits
    public let credentials: HTTPCredentials?
    private let client: HTTPClient

    /// - Parameter caFile: PEM file of extra trusted roots for a private CA (HTTPS).
    public init(url: String, limits: TransportLimits = .init(), credentials: HTTPCredentials? = nil,
                caFile: String? = nil) throws {
        self.url = url
        self.limits = limits
        self.credentials = credentials
        self.client = try HTTPClientPool.client(caFile: caFile)
    }

    /// GETs the URL and returns the body.
    public func fetch() async throws -> [UInt8] {
        let url = self.url, limits = self.limits, client = self.client
        let authorization = credentials?.headerValue
        let endpoint = TargetURL.hostAndPort(of: url) ?? url
        do {
            return try await TimeLimit.run(seconds: limits.timeout) {
                var request = HTTPClientRequest(url: url)
                request.method = .GET
                request.headers.add(name: "User-Agent", value: "lbtop")
                request.headers.add(name: "Accept", value: "text/plain, */*")
                if let authorization { request.headers.add(name: "Authorization", value: authorization) }
                let response = try await client.execute(request, timeout: .milliseconds(Int64(limits.timeout * 1000)))
                guard (200..<300).contains(response.status.code) else {
                    throw CollectError(.http, "HTTP \(response.status.code) \(response.status.reasonPhrase) from \(endpoint)")
                }
                var body = try await response.body.collect(upTo: limits.byteCap)
                return body.readBytes(length: body.readableBytes) ?? []
            }
        } catch {
            throw TransportErrorText.collectError(error, endpoint: endpoint, limits: limits)
        }
    }
}

/// Process-wide HTTP clients: one for the system trust store and one per extra CA file. They live
/// as long as the process, so they are never shut down while a request runs.
enum HTTPClientPool {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [String: HTTPClient] = [:]

    static func client(caFile: String?) throws -> HTTPClient {
        lock.lock()
        defer { lock.unlock() }
        let key = caFile ?? ""
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
            redirectConfiguration: .follow(max: 3, allowCycles: false),
            timeout: .init(connect: .seconds(5)),
            connectionPool: pool,
            decompression: .disabled
        )
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        clients[key] = client
        return client
    }
}
