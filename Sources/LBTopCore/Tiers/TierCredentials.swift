import Foundation

/// A Redis password (and ACL user, when not `default`). From the config file or the environment,
/// never from the command line, where `ps` would show it to every user of the machine.
public struct TierCredentials: Sendable, Equatable {
    public var username: String?
    public var password: String

    public init(username: String? = nil, password: String) {
        self.username = username; self.password = password
    }

    public static let userVariable = "LBTOP_REDIS_USER"
    public static let passwordVariable = "LBTOP_REDIS_PASSWORD"

    /// `LBTOP_REDIS_PASSWORD` (and `LBTOP_REDIS_USER`), when the password is set.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> TierCredentials? {
        guard let password = environment[passwordVariable], !password.isEmpty else { return nil }
        return TierCredentials(username: environment[userVariable].flatMap { $0.isEmpty ? nil : $0 }, password: password)
    }
}
