import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `ssh://` nodes against a real OpenSSH sshd on 127.0.0.1 (Debian's openssh-server), with the
    /// system ssh client, keys, known_hosts and an ssh config made for each test.
    @Suite struct SSHNodeTests {
        @Test func onceJSONReadsProcThroughSSHAndLeavesNoSSHBehind() async throws {
            let sshd = try await offPool { try SSHDProcess.start() }
            defer { sshd.stop() }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "15s",
                                     "--config", sshd.lbtopConfigPath, "--node", "ssh://testhost"])
            }
            let free = try await offPool { try NodeProbe.freeMemoryPercent() }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let node = try #require(document.nodes.first)
            #expect(document.nodes.count == 1)
            #expect(node.name == "testhost")
            #expect(node.stale == false)
            #expect(document.targets.first?.url == "ssh://testhost")
            let cpu = try #require(node.cpuPercent)
            #expect(cpu >= 0 && cpu <= 100)
            let memory = try #require(node.memoryPercent)
            #expect(abs(memory - free) < 2, "lbtop \(memory) %, free \(free) %")
            // lbtop has exited: its ssh children ended their sessions with it.
            try await offPool { try waitUntil(10, "sshd sessions to end") { sshd.sessionPIDs.isEmpty } }
        }

        @Test func aChangedHostKeyIsStaleWithSSHsMessage() async throws {
            let sshd = try await offPool { try SSHDProcess.start() }
            defer { sshd.stop() }
            try sshd.trustAnotherHostKey()
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "15s",
                                     "--config", sshd.lbtopConfigPath, "--node", "ssh://testhost"])
            }
            #expect(run.status == 1, "no target could be read: stderr \(run.stderr)")
            let document = try run.document()
            #expect(document.nodes.first?.stale == true)
            let error = try #require(document.targets.first?.error)
            #expect(error == "Host key for [127.0.0.1]:\(sshd.port) has changed and you have requested strict checking. "
                    + "Host key verification failed.")
        }

        @Test func aRemoteThatPrintsSomethingElseIsAClearError() async throws {
            let sshd = try await offPool { try SSHDProcess.start(serverConfig: "ForceCommand echo 'Welcome to web1'; sleep 3") }
            defer { sshd.stop() }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "15s",
                                     "--config", sshd.lbtopConfigPath, "--node", "ssh://testhost"])
            }
            #expect(run.status == 1, "stderr: \(run.stderr)")
            let document = try run.document()
            #expect(document.nodes.first?.stale == true)
            #expect(document.targets.first?.error == "unexpected output from the remote (not lbtop's /proc script): \"Welcome to web1\"")
            try await offPool { try waitUntil(10, "sshd sessions to end") { sshd.sessionPIDs.isEmpty } }
        }

        @Test func collectorFollowsTheRealMachineAndJoinsServersByItsAddresses() async throws {
            let sshd = try await offPool { try SSHDProcess.start() }
            defer { sshd.stop() }
            let spec = try NodeTargetSpec.parse("ssh://testhost")
            guard case .ssh(let destination) = spec.location else { throw LoopbackError("not an ssh spec") }
            let collector = SSHNodeCollector(spec: spec, destination: destination, configFile: sshd.sshConfigPath)
            _ = try await NodeProbe.expectCPUMovesWithBusyLoop(collector, spec: spec)
            let sample = try await NodeProbe.sample(collector)
            #expect(sample.addresses.contains("127.0.0.1"))
            let local = try await NodeProbe.sample(ProcNodeCollector(spec: try NodeTargetSpec.parse("local")))
            #expect(Set(sample.addresses).isSuperset(of: local.addresses.filter { !$0.hasPrefix("fe80") }), "ssh \(sample.addresses), local \(local.addresses)")
            #expect(sample.hostname == local.hostname)
            await collector.close()
            try await offPool { try waitUntil(10, "the session to end") { sshd.sessionPIDs.isEmpty } }
        }

        /// A live monitor: the node is fresh, goes stale with ssh's message when sshd and its
        /// sessions stop, and is fresh again once sshd is back, without restarting anything.
        @Test func sshdStoppedAndStartedAgainIsStaleThenFresh() async throws {
            let sshd = try await offPool { try SSHDProcess.start() }
            defer { sshd.stop() }
            let spec = try NodeTargetSpec.parse("ssh://testhost")
            guard case .ssh(let destination) = spec.location else { throw LoopbackError("not an ssh spec") }
            let collector = SSHNodeCollector(spec: spec, destination: destination, configFile: sshd.sshConfigPath)
            let monitor = Monitor(collectors: [collector], nodes: [spec], options: MonitorOptions(interval: 0.5, timeout: 10))
            await monitor.start()
            /// The first published snapshot that meets `condition`, checked every 100 ms.
            func waitFor(_ what: String, seconds: Double, _ condition: (Snapshot) -> Bool) async throws -> Snapshot {
                let deadline = MonotonicTime.now() + seconds
                while MonotonicTime.now() < deadline {
                    let snapshot = await monitor.latestSnapshot()
                    if condition(snapshot) { return snapshot }
                    try await Task.sleep(nanoseconds: 100_000_000)
                }
                throw LoopbackError("timed out after \(seconds)s waiting for the node to be \(what): \(await monitor.latestSnapshot().targets)")
            }
            do {
                _ = try await waitFor("fresh with CPU", seconds: 30) { $0.nodes.first?.cpuPercent != nil && $0.nodes.first?.isStale == false }
                try await offPool { sshd.stopServer() }
                let stale = try await waitFor("stale", seconds: 20) { $0.nodes.first?.isStale == true }
                let error = stale.targets.first?.lastError ?? ""
                #expect(error.contains("closed") || error.contains("Connection refused") || error.contains("reset"), "\(error)")
                try await offPool { try sshd.startServer() }
                _ = try await waitFor("fresh again", seconds: 60) { $0.nodes.first?.isStale == false && $0.targets.first?.lastError == nil }
            } catch {
                await monitor.stop()
                throw error
            }
            await monitor.stop()
            try await offPool { try waitUntil(10, "the session to end") { sshd.sessionPIDs.isEmpty } }
        }
    }
}
