/// Bounds every fetch: how long it may take and how many bytes it may return.
public struct TransportLimits: Sendable, Equatable {
    /// Seconds from connect to the last byte.
    public var timeout: Double
    /// Largest accepted response body; larger answers fail with a clear error.
    public var byteCap: Int

    /// 16 MiB holds a 50,000-server HAProxy CSV (about 230 bytes per row).
    public static let defaultByteCap = 16 << 20

    public init(timeout: Double = 2, byteCap: Int = TransportLimits.defaultByteCap) {
        self.timeout = timeout
        self.byteCap = byteCap
    }
}
