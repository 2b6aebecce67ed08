import ArgumentParser
import Foundation
import LBTopCore

/// `lbtop check --config FILE`: validates a config file and exits; non-zero with one line per
/// problem (`FILE:LINE: message`) when it is not valid. Settings that are valid but will not
/// work from this environment are warned about (`FILE: warning: …`) without failing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a config file and exit.",
        discussion: "Prints one line per error, FILE:LINE: message, and exits non-zero when there is any."
    )

    @Option(help: ArgumentHelp("Config file (TOML) to validate (default \(StandardPaths.current.configFile)).",
                               valueName: "file"))
    var config: String?

    func run() async throws {
        let loader = ConfigLoader()
        let path = config.map(loader.paths.expandingTilde) ?? loader.paths.configFile
        let parsed: Config
        do {
            parsed = try loader.load(path: path)
        } catch let errors as ConfigErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode.validationFailure
        }
        for warning in Self.environmentWarnings(parsed, environment: ProcessInfo.processInfo.environment, paths: loader.paths) {
            FileHandle.standardError.write(Data("\(path): warning: \(warning)\n".utf8))
        }
        let tuned = parsed.rules.keys.sorted()
        print("\(path): OK: \(parsed.targets.count) targets, \(parsed.nodes.count) nodes, "
              + (tuned.isEmpty ? "default rules" : "rules tuned: \(tuned.joined(separator: ", "))"))
    }

    /// What is valid in the file but will not work from this environment: a `password_env` that
    /// is not set (lbtop would send an empty password) or a `ca_file` that cannot be read. Warnings,
    /// not errors: the file may be checked on another machine than the one it runs on.
    static func environmentWarnings(_ config: Config, environment: [String: String], paths: StandardPaths) -> [String] {
        var warnings: [String] = []
        for target in config.targets {
            let name = target.name ?? target.url
            if let variable = target.passwordEnv, environment[variable] == nil {
                warnings.append("password_env \(variable) of target \(name) is not set here (lbtop would send an empty password)")
            }
            if let caFile = target.caFile, !FileManager.default.isReadableFile(atPath: paths.expandingTilde(caFile)) {
                warnings.append("ca_file \(caFile) of target \(name) cannot be read here")
            }
        }
        return warnings
    }
}
