/// Where an `ssh://[user@]host[:port]` node is, as the user's `ssh` understands it: `host` may be
/// an alias from their ssh config; user and port are passed only when the URL gives them, so the
/// config's `User` and `Port` apply otherwise.
public struct SSHDestination: Sendable, Equatable {
    public var user: String?
    /// Host alias or address as written (an IPv6 address without its brackets).
    public var host: String
    public var port: Int?

    public init(user: String? = nil, host: String, port: Int? = nil) {
        self.user = user; self.host = host; self.port = port
    }

    /// Parses `ssh://[user@]host[:port]` (a trailing `/` is allowed; a password, path or query is not).
    public init(url text: String) throws(CollectError) {
        guard text.lowercased().hasPrefix("ssh://") else { throw Self.invalid(text, "expected ssh://[user@]host[:port]") }
        var rest = Substring(text.dropFirst("ssh://".count))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            throw Self.invalid(text, "an ssh:// node takes no path: ssh://[user@]host[:port]")
        }
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            let name = rest[..<at]
            guard !name.isEmpty else { throw Self.invalid(text, "empty user before @") }
            if name.contains(":") {
                throw Self.invalid(text, "a password in the URL is refused: use a key (ssh-agent, IdentityFile)")
            }
            user = String(name)
            rest = rest[rest.index(after: at)...]
        }
        guard let parts = HostAddress.split(String(rest)), !parts.host.isEmpty else {
            throw Self.invalid(text, "no host")
        }
        if rest.contains(":"), !rest.hasPrefix("["), rest.filter({ $0 == ":" }).count == 1, parts.port == nil {
            throw Self.invalid(text, "the port must be a number")
        }
        if let port = parts.port, !(1...65535).contains(port) { throw Self.invalid(text, "port \(port) is out of range") }
        guard !parts.host.hasPrefix("-"), parts.host.allSatisfy({ !$0.isWhitespace && !$0.isNewline }) else {
            throw Self.invalid(text, "not a host name: \(parts.host)")
        }
        self.init(user: user, host: parts.host, port: parts.port)
    }

    /// `ssh://user@host:port`, with only the parts given.
    public var url: String {
        let host = host.contains(":") ? "[\(host)]" : host
        return "ssh://" + (user.map { "\($0)@" } ?? "") + host + (port.map { ":\($0)" } ?? "")
    }

    /// The node's default name: the host alias, with the port when the URL gives one.
    public var defaultName: String { port.map { "\(host):\($0)" } ?? host }

    /// `ssh` arguments that reach this destination and run `command` there: no terminal, never a
    /// prompt (`BatchMode=yes`), host keys checked as the user's config says.
    func arguments(configFile: String?, command: String) -> [String] {
        ["-T", "-o", "BatchMode=yes"] + selection(configFile: configFile) + ["--", host, command]
    }

    /// `ssh -G` arguments: the configuration ssh would use for this destination (to learn `HostName`).
    func resolveArguments(configFile: String?) -> [String] {
        ["-G"] + selection(configFile: configFile) + ["--", host]
    }

    private func selection(configFile: String?) -> [String] {
        (configFile.map { ["-F", $0] } ?? []) + (user.map { ["-l", $0] } ?? []) + (port.map { ["-p", String($0)] } ?? [])
    }

    private static func invalid(_ text: String, _ reason: String) -> CollectError {
        CollectError(.unsupported, "\(reason): \(text)")
    }
}
