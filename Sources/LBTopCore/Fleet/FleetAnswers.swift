/// What one poll of a Prometheus server received, as one byte string (what a recording keeps and
/// `PayloadDecoder.prometheusFleet` reads): each answer is `name length\n`, that many bytes, `\n`.
/// Names are `targets` and the `FleetQuery` raw values. A query that failed in transport is kept
/// as `error:NAME` with the reason as its bytes.
public struct FleetAnswers: Sendable, Equatable {
    public var parts: [(name: String, bytes: [UInt8])]

    public init(parts: [(name: String, bytes: [UInt8])] = []) { self.parts = parts }

    public static func == (a: FleetAnswers, b: FleetAnswers) -> Bool {
        a.parts.count == b.parts.count && zip(a.parts, b.parts).allSatisfy { $0.name == $1.name && $0.bytes == $1.bytes }
    }

    public subscript(name: String) -> [UInt8]? { parts.first { $0.name == name }?.bytes }

    public var framed: [UInt8] { FramedParts.write(parts) }

    /// Reads `bytes` as `framed` writes them; nil when they are not.
    public init?(framed bytes: [UInt8]) {
        guard let parts = FramedParts.read(bytes) else { return nil }
        self.init(parts: parts)
    }
}
