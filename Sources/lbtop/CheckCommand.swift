import ArgumentParser
import Foundation
import LBTopCore

/// `lbtop check --config FILE`: validates a config file and exits; non-zero with one line per
/// problem (`FILE:LINE: message`) when it is not valid.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a config file and exit.",
        discussion: "Prints one line per error, FILE:LINE: message, and exits non-zero when there is any."
    )

    @Option(help: ArgumentHelp("Config file (TOML) to validate.",
                               discussion: "Default: \(StandardPaths.current.configFile)"))
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
        let tuned = parsed.rules.keys.sorted()
        print("\(path): OK: \(parsed.targets.count) targets, \(parsed.nodes.count) nodes, "
              + (tuned.isEmpty ? "default rules" : "rules tuned: \(tuned.joined(separator: ", "))"))
    }
}
