import Foundation
import Testing

extension EndToEnd {
    /// `docs/lbtop.1`, generated from the parser (`scripts/update-man-page.sh`), still matches the
    /// built binary's parser, and `man -l` renders it with every option.
    @Suite struct ManPageTests {
        static let stale = "docs/lbtop.1 no longer matches the parser: run scripts/update-man-page.sh"

        /// The options under each command of the page: the top level, then each `.It Em NAME` subcommand.
        static func options(inPage page: String) -> [String: Set<String>] {
            var found: [String: Set<String>] = ["lbtop": []]
            var command = "lbtop"
            for line in page.split(separator: "\n") {
                if line.hasPrefix(".It Em ") {
                    command = String(line.dropFirst(7))
                    found[command, default: []] = []
                } else if line.hasPrefix(".It Fl ") {
                    // `.It Fl -node Ar node`, `.It Fl h , -help`
                    let words = line.dropFirst(7).split(separator: " ")
                    var flags: [String] = [String(words[0])]
                    if words.count > 2, words[1] == "," { flags.append(String(words[2])) }
                    for flag in flags { found[command, default: []].insert("-" + flag) }
                }
            }
            return found
        }

        @Test func manPageListsEveryOptionOfTheParser() async throws {
            let page = try PackageRoot.text("docs/lbtop.1")
            let dump = try await offPool { try ParserDump.load() }
            let inPage = Self.options(inPage: page)
            let commands = [dump.command] + dump.command.userSubcommands
            #expect(Set(inPage.keys) == Set(commands.map(\.commandName) + ["help"]), "\(Self.stale)")
            for command in commands {
                let name = command.commandName == dump.command.commandName ? "lbtop" : command.commandName
                let spellings = command.options.reduce(into: Set<String>()) { $0.formUnion($1.spellings) }
                #expect(inPage[name] == spellings, "\(name): \(Self.stale)")
                for text in [command.abstract] + command.options.map(\.abstract) {
                    guard let text, !text.isEmpty else { continue }
                    #expect(page.contains(text), "\(name): the page lacks \"\(text)\": \(Self.stale)")
                }
            }
            #expect(!page.contains("/root/") && !page.contains("/home/"), "a home folder of the machine that made the page")
        }

        @Test func manRendersThePage() async throws {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else {
                Issue.record("man is missing: apt-get install man-db")
                return
            }
            let path = PackageRoot.url.appendingPathComponent("docs/lbtop.1").path
            let (status, text, errors) = try await offPool { try Self.man(path) }
            #expect(status == 0, "\(errors)")
            #expect(errors.isEmpty, "man -l warned: \(errors)")
            for option in ["--node", "--once", "--allow-actions", "--version"] { #expect(text.contains(option)) }
            #expect(text.contains("LBTOP(1)"))
        }

        /// `man -l PAGE` as plain text (no pager, no formatting), with its stderr.
        static func man(_ path: String) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/man")
            process.arguments = ["-l", path]
            process.environment = ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "100",
                                   "LANG": "C.UTF-8", "MAN_KEEP_FORMATTING": ""]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let text = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: text, as: UTF8.self), String(decoding: errors, as: UTF8.self))
        }
    }
}
