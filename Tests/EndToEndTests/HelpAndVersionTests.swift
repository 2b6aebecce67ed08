import Foundation
import Testing

extension EndToEnd {
    /// `lbtop --help` and `--version` of the built binary: the dashboard's options with examples,
    /// the subcommands after them, the version from VERSION and the commit of the tree.
    @Suite struct HelpAndVersionTests {
        static func help(_ arguments: [String] = ["--help"], columns: Int = 100) throws -> String {
            let run = try LBTopBinary.run(arguments, environment: ["COLUMNS": String(columns)])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return String(decoding: run.stdout, as: UTF8.self)
        }

        @Test func helpListsEveryDashboardOptionWithExamplesThenTheSubcommands() async throws {
            try await offPool {
                let help = try Self.help()
                let dump = try ParserDump.load()
                #expect(dump.command.optionNames.count >= 16)
                for name in dump.command.optionNames {
                    #expect(help.contains(name), "--help lacks \(name)")
                }
                for required in ["--node", "--log", "--demo", "--once", "--json", "--record", "--version"] {
                    #expect(dump.command.optionNames.contains(required))
                }
                #expect(help.contains("lbtop --demo") && help.contains("lbtop --once --json"), "no examples: \(help)")
                let options = try #require(help.range(of: "\nOPTIONS:\n"))
                let subcommands = try #require(help.range(of: "\nSUBCOMMANDS:\n"))
                #expect(options.upperBound < subcommands.lowerBound)
                let listed = help[subcommands.upperBound...].split(separator: "\n")
                    .compactMap { $0.split(separator: " ").first.map(String.init) }
                for name in ["check", "replay", "report"] { #expect(listed.contains(name), "\(listed)") }
                // `help` alone is the same page; `help SUBCOMMAND` and `SUBCOMMAND --help` are the subcommand's.
                #expect(try Self.help(["help"]) == help)
                let check = try Self.help(["check", "--help"])
                #expect(check.contains("USAGE: lbtop check") && check.contains("--config <file>"), "\(check)")
                #expect(try Self.help(["help", "report"]).contains("USAGE: lbtop report"))
            }
        }

        @Test func versionIsTheVersionFileAndTheCommitOfTheTree() async throws {
            try await offPool {
                let run = try LBTopBinary.run(["--version"])
                #expect(run.status == 0, "\(run.stderr)")
                let line = String(decoding: run.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let version = try PackageRoot.text("VERSION").trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(line.hasPrefix("lbtop \(version) (commit "), "\(line)")
                let git = Process()
                git.executableURL = URL(fileURLWithPath: "/usr/bin/git")
                git.arguments = ["-C", PackageRoot.url.path, "rev-parse", "--short=12", "HEAD"]
                let out = Pipe()
                git.standardOutput = out
                git.standardError = FileHandle.nullDevice
                try git.run()
                git.waitUntilExit()
                let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if git.terminationStatus == 0 {
                    #expect(line.hasPrefix("lbtop \(version) (commit \(head)"), "\(line) vs HEAD \(head)")
                } else {
                    #expect(line == "lbtop \(version) (commit unknown)")
                }
                // Subcommands answer it too.
                #expect(try LBTopBinary.run(["check", "--version"]).stdout == run.stdout)
            }
        }

        @Test func helpWrapsAtTheTerminalWidthWithoutBreakingAURL() async throws {
            try await offPool {
                let wide = try Self.help(columns: 400)
                let urls = Set(wide.split(whereSeparator: \.isWhitespace).filter { $0.contains("://") }.map(String.init))
                #expect(urls.count >= 10, "\(urls)")
                for columns in [60, 80, 120] {
                    let help = try Self.help(columns: columns)
                    let words = Set(help.split(whereSeparator: \.isWhitespace).map(String.init))
                    #expect(urls.subtracting(words).isEmpty, "at \(columns) columns, cut: \(urls.subtracting(words))")
                    for line in help.split(separator: "\n") where line.count > columns {
                        // Only a line holding a single word longer than the width may pass it.
                        #expect(line.split(separator: " ").count == 1, "at \(columns) columns: \(line)")
                    }
                }
            }
        }
    }
}
