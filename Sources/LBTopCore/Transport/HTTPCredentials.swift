import Foundation

/// HTTP basic-auth credentials. They come from the config file or the environment, never from the
/// command line (where `ps` would show them to every user of the machine).
public struct HTTPCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }

    /// Environment variables read by `fromEnvironment`.
    public static let userVariable = "LBTOP_HTTP_USER"
    public static let passwordVariable = "LBTOP_HTTP_PASSWORD"

    /// `LBTOP_HTTP_USER` and `LBTOP_HTTP_PASSWORD`, when the user variable is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> HTTPCredentials? {
        guard let user = environment[userVariable], !user.isEmpty else { return nil }
        return HTTPCredentials(user: user, password: environment[passwordVariable] ?? "")
    }

    /// The `Authorization` header value.
    public var headerValue: String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }
}
