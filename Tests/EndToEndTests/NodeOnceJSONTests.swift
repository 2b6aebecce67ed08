import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `--once --json` with node targets: nodes are reported, joined to a real haproxy's servers, and a
    /// broken node is stale with its error while the others keep updating.
    @Suite struct NodeOnceJSONTests {
        @Test func localNodeJoinsHAProxyServersOnLoopback() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])]) }
            defer { haproxy.stop() }
            let url = haproxy.socketURL
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "1s", url, "--node", "local"]) }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.servers.map(\.name) == ["app1", "app2"])
            #expect(document.servers.map(\.node) == ["local", "local"])
            let node = try #require(document.nodes.first)
            #expect(document.nodes.count == 1)
            #expect(node.name == "local")
            #expect(node.stale == false)
            #expect(node.servers == ["app/app1", "app/app2"])
            let cpu = try #require(node.cpuPercent)
            #expect(cpu >= 0 && cpu <= 100)
            let memory = try #require(node.memoryPercent)
            #expect(memory > 0 && memory < 100)
        }

        @Test func twoDifferentNodesWithOneNameAreRefusedAndARepeatIsOne() async throws {
            let clash = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "0.3s", "--node", "a=local",
                                     "--node", "a=http://127.0.0.1:9/metrics"])
            }
            #expect(clash.status == 64, "stderr: \(clash.stderr)")
            #expect(clash.stderr.contains("two different nodes are named 'a' (local and http://127.0.0.1:9/metrics)"),
                    "stderr: \(clash.stderr)")
            let repeated = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "0.3s", "--node", "local", "--node", "local"])
            }
            #expect(repeated.status == 0, "stderr: \(repeated.stderr)")
            #expect(try repeated.document().nodes.map(\.name) == ["local"])
        }

        @Test func brokenNodesAreStaleWithTheirErrorsWhileLocalUpdates() async throws {
            let garbage = try await offPool { try FaultyEndpoint.start(.truncatedCSV) }
            let failing = try await offPool { try FaultyEndpoint.start(.http500) }
            let stalled = try await offPool { try FaultyEndpoint.start(.stalledHTTP) }
            defer { [garbage, failing, stalled].forEach { $0.stop() } }
            let refusedPort = try Loopback.freePort()
            let arguments = [
                "--once", "--json", "--interval", "1s", "--timeout", "3s", "--node", "local",
                "--node", "refused=http://127.0.0.1:\(refusedPort)/metrics", "--node", "garbage=\(garbage.url)",
                "--node", "failing=\(failing.url)", "--node", "stalled=\(stalled.url)",
            ]
            let run = try await offPool { try LBTopBinary.run(arguments) }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let targets = Dictionary(uniqueKeysWithValues: document.targets.map { ($0.id, $0) })
            #expect(targets["local"]?.health == .fresh)
            #expect(targets["local"]?.error == nil)
            for name in ["refused", "garbage", "failing", "stalled"] { #expect(targets[name]?.health == .stale, "\(name)") }
            #expect(targets["refused"]?.error?.hasPrefix("connection refused (127.0.0.1:\(refusedPort))") == true,
                    "\(targets["refused"]?.error ?? "")")
            #expect(targets["garbage"]?.error?.hasPrefix("not node_exporter metrics") == true, "\(targets["garbage"]?.error ?? "")")
            #expect(targets["failing"]?.error?.hasPrefix("HTTP 500 Internal Server Error") == true, "\(targets["failing"]?.error ?? "")")
            #expect(targets["stalled"]?.error == "timed out after 3s")
            let nodes = Dictionary(uniqueKeysWithValues: document.nodes.map { ($0.name, $0) })
            #expect(nodes["local"]?.stale == false)
            #expect(nodes["local"]?.cpuPercent != nil, "two polls of local gave a CPU %")
            for name in ["refused", "garbage", "failing", "stalled"] {
                #expect(nodes[name]?.stale == true, "\(name)")
                #expect(nodes[name]?.cpuPercent == nil, "\(name)")
            }
        }
    }
}
