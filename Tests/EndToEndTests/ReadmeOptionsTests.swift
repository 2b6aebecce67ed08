import Foundation
import Testing

extension EndToEnd {
    /// The README's option table is the parser's: every option of `lbtop` and of its subcommands
    /// has a row, and no row names an option the parser lacks.
    @Suite struct ReadmeOptionsTests {
        /// One row's options, as written in its first cell: `--node NODE`, `-h`, `--help`; a
        /// subcommand's row starts with its name (`replay --at TIME`).
        struct Row: Equatable { var command: String; var options: Set<String> }

        static func rows(_ readme: String) throws -> [Row] {
            let begin = "<!-- options: checked against the parser by ReadmeOptionsTests -->\n"
            let start = try #require(readme.range(of: begin), "README has no option table")
            let stop = try #require(readme.range(of: "\n<!-- /options -->", range: start.upperBound..<readme.endIndex))
            let table = readme[start.upperBound..<stop.lowerBound].split(separator: "\n").dropFirst(2)
            return table.map { line in
                let cell = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
                let code = cell.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map(\.element)
                let words = code.flatMap { $0.split(separator: " ").map(String.init) }
                let command = ["check", "replay", "report"].contains(words.first ?? "") ? words[0] : "lbtop"
                return Row(command: command, options: Set(words.filter { $0.hasPrefix("-") }))
            }
        }

        @Test func readmeOptionTableListsExactlyTheParsersOptions() async throws {
            let dump = try await offPool { try ParserDump.load() }
            let rows = try Self.rows(try PackageRoot.text("README.md"))
            let commands = [("lbtop", dump.command)] + dump.command.userSubcommands.map { ($0.commandName, $0) }
            for (name, command) in commands {
                // A subcommand's --help and --version are ArgumentParser's, the same as lbtop's own.
                let options = command.options.filter { name == "lbtop" || !["--help", "--version"].contains($0.preferredName?.spelling ?? "") }
                let mine = rows.filter { $0.command == name }
                for option in options {
                    #expect(mine.contains { !$0.options.isDisjoint(with: option.spellings) },
                            "README option table lacks \(name) \(option.preferredName?.spelling ?? "?")")
                }
                // A row without options is a positional argument's (`URL…`, `replay FILE`).
                for row in mine where !row.options.isEmpty {
                    #expect(options.contains { row.options.isSubset(of: $0.spellings) },
                            "README option table row \(name) \(row.options.sorted()) is no option of the parser")
                }
            }
            #expect(Set(rows.map(\.command)) == Set(commands.map(\.0)))
        }
    }
}
