/// HAProxy's answer to one action.
public struct ActionAnswer: Sendable, Equatable {
    /// HAProxy took the command.
    public var accepted: Bool
    /// What it said, as received (trailing newlines removed); empty when it said nothing.
    public var text: String
    public init(accepted: Bool, text: String) { self.accepted = accepted; self.text = text }
}

/// Says one `ServerCommand` to one HAProxy, the way its endpoint allows.
public protocol ServerActionTransport: Sendable {
    /// How it is sent, for the audit line and the confirmation: `stats socket`, `stats page`.
    var via: String { get }
    /// Exactly what will be sent for `command` on `server`, or why it cannot be sent this way.
    func request(_ command: ServerCommand, server: ServerID) -> Result<String, ActionRefusal>
    /// Sends it and returns HAProxy's answer; throws when no answer came.
    func send(_ command: ServerCommand, server: ServerID) async throws -> ActionAnswer
}

/// Why lbtop will not send an action, in words for the screen and the audit line.
public struct ActionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// The stats socket: `set server B/S state …` / `weight …`, one connection per command. HAProxy
/// answers an empty line when it took the command, else the reason (`Permission denied` at a
/// level below admin).
public struct SocketActionTransport: ServerActionTransport {
    public let socket: UnixSocketTransport
    public init(_ socket: UnixSocketTransport) { self.socket = socket }

    public var via: String { "stats socket" }

    public func request(_ command: ServerCommand, server: ServerID) -> Result<String, ActionRefusal> {
        if let problem = ServerNames.problem(server) { return .failure(problem) }
        return .success(command.socketLine(for: server))
    }

    public func send(_ command: ServerCommand, server: ServerID) async throws -> ActionAnswer {
        let line = try request(command, server: server).get()
        let bytes = try await socket.fetch(command: line)
        let text = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines
        return ActionAnswer(accepted: text.isEmpty, text: text)
    }
}

/// Names lbtop puts into a command line or a form. HAProxy's own names are letters, digits and
/// `-_.:`; anything else (a space, `;`, a newline from a hostile page) could smuggle a second
/// command, so it is refused rather than escaped.
enum ServerNames {
    static func problem(_ server: ServerID) -> ActionRefusal? {
        for name in [server.backend, server.server] where name.isEmpty || !name.unicodeScalars.allSatisfy(isAllowed) {
            return ActionRefusal("refused: \"\(name)\" is not a name HAProxy would give a backend or server")
        }
        return nil
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", ":": return true
        default: return false
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while let last = text.last, last == "\n" || last == "\r" || last == "\r\n" { text = text.dropLast() }
        return String(text)
    }
}
