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
                try await StreamExchange.run(request: request, limits: limits, isComplete: isComplete) {
                    try await $0.connect(host: host, port: port).get()
                }
            }
        } catch {
            throw TransportErrorText.collectError(error, endpoint: endpoint, limits: limits)
        }
    }
}
