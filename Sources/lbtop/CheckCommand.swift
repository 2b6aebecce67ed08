import ArgumentParser

/// `lbtop check --config FILE`: validates a config file and exits.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a config file and exit."
    )

    @Option(help: "Config file (TOML) to validate.")
    var config: String

    func run() async throws {
        throw ValidationError("config validation is not available yet")
    }
}
