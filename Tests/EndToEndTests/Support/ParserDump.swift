import Foundation

/// The built binary's own description of its parser (`lbtop --experimental-dump-help`, the JSON
/// ArgumentParser's manual and completion generators read): commands and their options.
struct ParserDump: Decodable {
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var subcommands: [Command]?
        var arguments: [Argument]?

        /// The displayed options and flags.
        var options: [Argument] { (arguments ?? []).filter { $0.kind != "positional" && $0.shouldDisplay } }

        /// The displayed options and flags, by their preferred spelling (`--node`, `--help`).
        var optionNames: [String] { options.compactMap(\.preferredName?.spelling) }

        /// The subcommands a user can name (ArgumentParser's own `help` left out).
        var userSubcommands: [Command] { (subcommands ?? []).filter { $0.commandName != "help" } }
    }

    struct Argument: Decodable {
        var kind: String
        var shouldDisplay: Bool
        var preferredName: Name?
        var names: [Name]?
        var valueName: String?
        var abstract: String?

        /// Every spelling: `-h` and `--help`.
        var spellings: Set<String> { Set((names ?? []).map(\.spelling)) }
    }

    struct Name: Decodable {
        var kind: String
        var name: String
        var spelling: String { kind == "short" ? "-" + name : (kind == "long" ? "--" + name : "-" + name) }
    }

    var command: Command

    static func load() throws -> ParserDump {
        let run = try LBTopBinary.run(["--experimental-dump-help"], environment: ["HOME": "~"])
        guard run.status == 0 else { throw LoopbackError("--experimental-dump-help exited \(run.status): \(run.stderr)") }
        return try JSONDecoder().decode(ParserDump.self, from: run.stdout)
    }
}

/// The package's root folder, for files checked in beside the sources (README, VERSION).
enum PackageRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
