import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// The built binary with a config file and alerts: `--once --json` carries alerts raised on a real
    /// haproxy, `check` names the line of every error. Blocking work runs off the cooperative pool.
    @Suite struct AlertsAndConfigCommandTests {
        @Test func onceJSONCarriesAServerDownAlertFromTheConfig() async throws {
            try await offPool {
                let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])])
                defer { haproxy.stop() }
                haproxy.servers["app/app2"]!.stop()
                try waitUntil(15, "haproxy to mark app2 DOWN") {
                    try haproxy.command("show stat -1 4 -1").split(separator: "\n")
                        .contains { $0.hasPrefix("app,app2,") && $0.contains(",DOWN,") }
                }
                let dir = try ScratchDirectory()
                let config = dir.path + "/lbtop.toml"
                try """
                interval = "500ms"
                [[target]]
                name = "edge"
                url = "\(haproxy.socketURL)"
                [rules.server-down]
                severity = "critical"
                """.write(toFile: config, atomically: true, encoding: .utf8)

                let run = try LBTopBinary.run(["--once", "--json", "--config", config],
                                              environment: ["XDG_STATE_HOME": dir.path + "/state"])
                #expect(run.status == 0, "stderr: \(run.stderr)")
                let document = try run.document()
                let down = document.alerts.filter { $0.rule == "server-down" }
                #expect(down.map(\.subject) == ["app/app2"])
                #expect(down.map(\.state) == [.firing])
                #expect(down.map(\.severity) == [.critical])
                #expect(down.first?.target == TargetID("edge"))
                #expect(document.targets.map(\.id) == ["edge"])
                // A one-shot probe reads acknowledgements but writes no transitions.
                #expect(!FileManager.default.fileExists(atPath: dir.path + "/state/lbtop/alerts.jsonl"))
            }
        }

        @Test func checkAcceptsAGoodConfig() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let config = dir.path + "/good.toml"
                try "interval = \"2s\"\n[[target]]\nurl = \"http://127.0.0.1:8404/stats;csv\"\n[rules.imbalance]\nwarning = 3\n"
                    .write(toFile: config, atomically: true, encoding: .utf8)
                let run = try LBTopBinary.run(["check", "--config", config])
                #expect(run.status == 0, "stderr: \(run.stderr)")
                #expect(String(decoding: run.stdout, as: UTF8.self)
                    == "\(config): OK: 1 targets, 0 nodes, rules tuned: imbalance\n")
            }
        }

        @Test func checkWarnsOfAnUnsetPasswordVariableAndAnUnreadableCAFile() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let config = dir.path + "/env.toml"
                try """
                [[target]]
                name = "edge"
                url = "https://lb1.example.net/stats;csv"
                username = "stats"
                password_env = "LBTOP_TEST_UNSET_PASSWORD"
                ca_file = "\(dir.path)/missing-ca.pem"
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let run = try LBTopBinary.run(["check", "--config", config])
                #expect(run.status == 0, "stderr: \(run.stderr)")   // valid; it just will not work from here
                #expect(String(decoding: run.stdout, as: UTF8.self) == "\(config): OK: 1 targets, 0 nodes, default rules\n")
                #expect(run.stderr.split(separator: "\n").map(String.init) == [
                    "\(config): warning: password_env LBTOP_TEST_UNSET_PASSWORD of target edge is not set here (lbtop would send an empty password)",
                    "\(config): warning: ca_file \(dir.path)/missing-ca.pem of target edge cannot be read here",
                ])
            }
        }

        @Test func checkNamesTheLineOfEveryErrorAndFails() async throws {
            try await offPool {
                let dir = try ScratchDirectory()
                let config = dir.path + "/bad.toml"
                try """
                # lbtop config
                interval = "often"

                [[target]]
                url = "https://user:secret@lb1.example.net/stats;csv"

                [rules.imbalance]
                warnign = 3
                """.write(toFile: config, atomically: true, encoding: .utf8)
                let run = try LBTopBinary.run(["check", "--config", config])
                #expect(run.status == 64)   // EX_USAGE: ArgumentParser's validationFailure
                #expect(run.stdout.isEmpty)
                let lines = run.stderr.split(separator: "\n").map(String.init)
                #expect(lines.count == 3, "stderr: \(run.stderr)")
                #expect(lines.map { $0.components(separatedBy: ": ").first } == ["\(config):2", "\(config):5", "\(config):8"])
                #expect(lines[0].hasSuffix("interval \"often\" is not a duration (write \"1s\", \"500ms\", \"2m\" or \"1h\")"))
                #expect(lines[1].contains("credentials in the URL are refused"))
                #expect(lines[2].contains("unknown key 'warnign' for rule imbalance"))
            }
        }

        @Test func helpShowsTheAlertLogPath() async throws {
            try await offPool {
                let run = try LBTopBinary.run(["--help"], environment: ["XDG_STATE_HOME": "/var/lib/oncall-state"])
                let help = String(decoding: run.stdout, as: UTF8.self)
                #expect(help.contains("/var/lib/oncall-state/lbtop/alerts.jsonl"), "help: \(help)")
            }
        }
    }
}

/// A private temporary directory, removed when the value goes away.
final class ScratchDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
