import Foundation

/// Where lbtop looks for its config and keeps its state, per the XDG base directory spec.
/// Relative `XDG_*` values are ignored, as the spec requires.
public struct StandardPaths: Sendable, Equatable {
    public var environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// `$XDG_CONFIG_HOME/lbtop/config.toml`, default `~/.config/lbtop/config.toml`.
    public var configFile: String { base("XDG_CONFIG_HOME", fallback: ".config") + "/lbtop/config.toml" }

    /// `$XDG_STATE_HOME/lbtop/alerts.jsonl`, default `~/.local/state/lbtop/alerts.jsonl`.
    public var alertLog: String { base("XDG_STATE_HOME", fallback: ".local/state") + "/lbtop/alerts.jsonl" }

    /// `$HOME` (or `/` when unset).
    public var home: String { environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/" }

    /// Expands a leading `~/` to `$HOME`.
    public func expandingTilde(_ path: String) -> String {
        if path == "~" { return home }
        guard path.hasPrefix("~/") else { return path }
        return (home.hasSuffix("/") ? String(home.dropLast()) : home) + path.dropFirst()
    }

    private func base(_ variable: String, fallback: String) -> String {
        if let value = environment[variable], value.hasPrefix("/") {
            return value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        return (home == "/" ? "" : home) + "/" + fallback
    }
}

extension StandardPaths {
    /// The paths for this process's environment.
    public static var current: StandardPaths { StandardPaths(environment: ProcessInfo.processInfo.environment) }
}
