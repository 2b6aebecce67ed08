import Foundation
import Testing

extension EndToEnd {
    /// `lbtop --generate-completion-script bash|zsh|fish`: each script offers every option of the
    /// dashboard and of each subcommand (the .deb installs them); the bash one parses.
    @Suite struct CompletionScriptsTests {
        @Test func everyShellGetsEveryOptionAndSubcommand() async throws {
            try await offPool {
                let dump = try ParserDump.load()
                let names = dump.command.options.compactMap(\.preferredName?.name)
                    + dump.command.userSubcommands.flatMap { [$0.commandName] + $0.options.compactMap(\.preferredName?.name) }
                for shell in ["bash", "zsh", "fish"] {
                    let run = try LBTopBinary.run(["--generate-completion-script", shell])
                    #expect(run.status == 0, "\(shell): \(run.stderr)")
                    let script = String(decoding: run.stdout, as: UTF8.self)
                    for name in names { #expect(script.contains(name), "\(shell) completion lacks \(name)") }
                }
                let bash = try LBTopBinary.run(["--generate-completion-script", "bash"])
                let dir = try ScratchDirectory()
                try bash.stdout.write(to: URL(fileURLWithPath: dir.path + "/lbtop"))
                let check = Process()
                check.executableURL = URL(fileURLWithPath: "/bin/bash")
                check.arguments = ["-n", dir.path + "/lbtop"]
                try check.run()
                check.waitUntilExit()
                #expect(check.terminationStatus == 0, "bash -n rejects the bash completion script")
            }
        }
    }
}
