import Foundation

/// A change lbtop can ask HAProxy to make to one server: the runtime API's
/// `set server B/S state drain|ready|maint` and `set server B/S weight W`.
public enum ServerCommand: Sendable, Hashable {
    case drain
    case ready
    case maint
    case weight(WeightSetting)

    /// One word or two for messages and the audit line: `drain`, `weight 50%`.
    public var verb: String {
        switch self {
        case .drain: return "drain"
        case .ready: return "ready"
        case .maint: return "maint"
        case .weight(let setting): return "weight " + setting.text
        }
    }

    /// The runtime API line sent over the stats socket.
    public func socketLine(for server: ServerID) -> String {
        switch self {
        case .drain, .ready, .maint: return "set server \(server.backend)/\(server.server) state \(verb)"
        case .weight(let setting): return "set server \(server.backend)/\(server.server) weight \(setting.text)"
        }
    }

    /// The `action` value of the stats page's admin form; nil for a weight, which the form cannot set.
    public var formAction: String? {
        switch self {
        case .drain: return "drain"
        case .ready: return "ready"
        case .maint: return "maint"
        case .weight: return nil
        }
    }

    /// Whether the server stops taking new balanced traffic afterwards.
    public var takesOutOfRotation: Bool {
        switch self {
        case .drain, .maint: return true
        case .ready: return false
        case .weight(let setting): return setting.isZero
        }
    }

    /// Whether `server` as polled shows this command took effect. `weight` is the weight HAProxy
    /// reported right after the command (a percentage depends on the initial weight lbtop never sees).
    public func isReflected(in server: ServerSnapshot, weight expected: Int?) -> Bool {
        switch self {
        case .drain: return server.state.kind == .drain
        case .maint: return server.state.kind == .maint
        case .ready: return !server.state.isAdministrativelyOut
        case .weight(let setting):
            if case .absolute(let value) = setting { return server.weight == value }
            return expected.map { server.weight == $0 } ?? true
        }
    }
}

/// A weight as typed: absolute (`50`, HAProxy accepts 0 to 256) or relative to the server's
/// initial weight (`50%`), which HAProxy resolves itself.
public enum WeightSetting: Sendable, Hashable {
    case absolute(Int)
    case percent(Int)

    public static let absoluteRange = 0...256
    /// HAProxy caps the result at 256, so more than 25,600 % of a weight of 1 means nothing.
    public static let percentRange = 0...25_600

    /// Reads `50` or `50%` (spaces around allowed); nil for anything else or out of range.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            guard let value = Int(trimmed.dropLast().trimmingCharacters(in: .whitespaces)),
                  Self.percentRange.contains(value) else { return nil }
            self = .percent(value)
        } else {
            guard let value = Int(trimmed), Self.absoluteRange.contains(value) else { return nil }
            self = .absolute(value)
        }
    }

    /// As HAProxy reads it: `50` or `50%`.
    public var text: String {
        switch self {
        case .absolute(let value): return String(value)
        case .percent(let value): return "\(value)%"
        }
    }

    public var isZero: Bool {
        switch self {
        case .absolute(let value), .percent(let value): return value == 0
        }
    }
}
