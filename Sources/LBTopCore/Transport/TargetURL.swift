import Foundation

/// A target as given on the command line or in the config: `http(s)://host:port/path`,
/// `unix:///path/to/socket` (or a bare absolute socket path), `local`, `redis://host:6379`,
/// `memcached://host:11211`. Credentials inside the URL
/// are refused: they belong in the config file or the environment.
public struct TargetURL: Sendable, Equatable, CustomStringConvertible {
    public enum Scheme: String, Sendable {
        case http, https, unix, local, redis, memcached
    }

    public let scheme: Scheme
    /// The URL as written (without credentials, which are refused).
    public let text: String
    public let host: String?
    public let port: Int?
    /// Socket path for `unix`, URL path for HTTP.
    public let path: String

    public init(_ text: String) throws(CollectError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "local" {
            self.init(scheme: .local, text: trimmed, host: nil, port: nil, path: "/proc")
            return
        }
        if trimmed.hasPrefix("/") {
            self.init(scheme: .unix, text: "unix://" + trimmed, host: nil, port: nil, path: trimmed)
            return
        }
        guard let components = URLComponents(string: trimmed), let rawScheme = components.scheme?.lowercased() else {
            throw CollectError(.unsupported, "not a URL: \(trimmed)")
        }
        if rawScheme == "ssh" { throw CollectError(.unsupported, "`\(trimmed)` is a node: pass it as --node \(trimmed)") }
        guard let scheme = Scheme(rawValue: rawScheme) else {
            throw CollectError(.unsupported, "unsupported scheme \(rawScheme):// in \(trimmed) (use http, https, unix, redis or memcached)")
        }
        if components.user != nil || components.password != nil {
            throw CollectError(.unsupported,
                "credentials in the URL are refused (\(components.host ?? trimmed)); set them in the config file or in \(scheme == .redis ? TierCredentials.passwordVariable : HTTPCredentials.userVariable + "/" + HTTPCredentials.passwordVariable)")
        }
        switch scheme {
        case .unix:
            let path = components.percentEncodedPath.removingPercentEncoding ?? components.path
            guard path.hasPrefix("/") else { throw CollectError(.unsupported, "unix socket URL needs an absolute path: \(trimmed)") }
            self.init(scheme: .unix, text: trimmed, host: nil, port: nil, path: path)
        case .http, .https, .redis, .memcached:
            guard let host = components.host, !host.isEmpty else { throw CollectError(.unsupported, "URL without host: \(trimmed)") }
            self.init(scheme: scheme, text: trimmed, host: host, port: components.port, path: components.percentEncodedPath)
        case .local:
            self.init(scheme: .local, text: trimmed, host: nil, port: nil, path: "/proc")
        }
    }

    private init(scheme: Scheme, text: String, host: String?, port: Int?, path: String) {
        self.scheme = scheme; self.text = text; self.host = host; self.port = port; self.path = path
    }

    public var description: String { text }

    /// `host:port` of an HTTP URL, for messages; nil for other strings.
    public static func hostAndPort(of url: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        let port = components.port ?? (components.scheme == "https" ? 443 : 80)
        return "\(host):\(port)"
    }
}
