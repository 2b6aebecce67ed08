/// Why one poll of one target failed, worded for the person watching the dashboard
/// (`connection refused (127.0.0.1:8404)`, `timed out after 2s`, `HTTP 500 Internal Server Error`).
public struct CollectError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        case unreachable, timeout, http, tooLarge, badPayload, unsupported, other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public static func timeout(after seconds: Double) -> CollectError {
        CollectError(.timeout, "timed out after \(DurationText.seconds(seconds))")
    }

    public static func tooLarge(cap: Int) -> CollectError {
        CollectError(.tooLarge, "response larger than the \(DurationText.bytes(cap)) cap")
    }
}

/// Short human renderings of durations and sizes for messages.
public enum DurationText {
    /// `2s`, `0.5s`, `250ms`.
    public static func seconds(_ value: Double) -> String {
        if value < 1 { return "\(Int((value * 1000).rounded()))ms" }
        if value == value.rounded() { return "\(Int(value))s" }
        return "\((value * 10).rounded() / 10)s"
    }

    /// `512 B`, `64 KiB`, `16 MiB`.
    public static func bytes(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) B"
    }
}
