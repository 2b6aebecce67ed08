import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// What the incident's fix was made of, against one real haproxy shared by every case: cookie
    /// and stick table persistence, HAProxy's cache, `server-template` slots, and servers added and
    /// removed over the runtime API.
    @Suite struct HAProxyFixPartsTests {
        static let cacheSection = "cache c1\n    total-max-size 4\n    max-age 60"

        @Test func persistenceCacheTemplateSlotsAndServerChurn() async throws {
            let haproxy = try await offPool {
                try HAProxyProcess.start([
                    .init(name: "sticky", servers: ["s1", "s2", "s3"], checks: false, cookie: true),
                    .init(name: "stuck", servers: ["t1", "t2", "t3"], checks: false,
                          lines: ["stick-table type ip size 1k expire 30m", "stick on src"]),
                    .init(name: "dyn", servers: ["d1", "d2"], checks: false),
                    .init(name: "tpl", servers: [], checks: false, lines: ["server-template web 5 svc.lbtop.test:80 init-addr none"]),
                    .init(name: "cached", servers: ["c1"], checks: false,
                          lines: ["http-request cache-use c1", "http-response cache-store c1"]),
                ], sections: [Self.cacheSection])
            }
            defer { haproxy.stop() }
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-fix-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let config = directory.appendingPathComponent("config.toml").path
            try "[rules.persistence-imbalance]\nfor = \"0s\"\n[rules.imbalance]\nfor = \"0s\"\n"
                .write(toFile: config, atomically: true, encoding: .utf8)
            let arguments = ["--once", "--json", "--config", config, haproxy.socketURL,
                             "--alert-log", directory.appendingPathComponent("alerts.jsonl").path]
            // Two of the template's five slots get an address (as DNS would give them).
            let port = try #require(haproxy.servers["dyn/d1"]?.port)
            for slot in ["web1", "web2"] { _ = try haproxy.command("set server tpl/\(slot) addr 127.0.0.1 port \(port)") }

            // One user keeps its cookie (to s1) and asks 50 times a second; others without a cookie
            // arrive 5 times a second and are spread by round-robin. One cacheable page is asked
            // for 20 times a second.
            let sticky = RequestLoop(port: haproxy.frontendPort, path: "/sticky/page", headers: ["Cookie: SRV=s1"], every: 0.02)
            let fresh = RequestLoop(port: haproxy.frontendPort, path: "/sticky/page", every: 0.2)
            let cached = RequestLoop(port: haproxy.frontendPort, path: "/cached/page", http11: true, every: 0.05)
            // One client address through a stick table: one entry, every request to its server.
            let stuck = RequestLoop(port: haproxy.frontendPort, path: "/stuck/page", every: 0.05)
            let run = try await offPool { try LBTopBinary.run(["--interval", "1s"] + arguments) }
            sticky.stop(); fresh.stop(); cached.stop(); stuck.stop()
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let servers = Dictionary(uniqueKeysWithValues: document.servers.map { ("\($0.backend)/\($0.name)", $0) })
            let s1 = try #require(servers["sticky/s1"]?.persistentShare)
            #expect(s1 > 0.85, "s1 persistent share \(s1)")
            for name in ["sticky/s2", "sticky/s3"] {
                #expect((servers[name]?.persistentShare ?? 0) < 0.05, "\(name): \(servers[name]?.persistentShare ?? -1)")
            }
            let backends = Dictionary(uniqueKeysWithValues: document.backends.map { ($0.name, $0) })
            #expect(backends["sticky"]?.cookie == "SRV")
            #expect((backends["cached"]?.cacheHitRatio ?? 0) > 0.8, "cache hit ratio \(backends["cached"]?.cacheHitRatio ?? -1)")
            #expect(backends["tpl"]?.freeSlots == 3 && backends["tpl"]?.serverCount == 2)
            #expect(["web3", "web4", "web5"].allSatisfy { servers["tpl/\($0)"]?.freeSlot == true })
            let table = try #require(backends["stuck"]?.stickTable)
            #expect(table.name == "stuck" && table.type == "ip" && table.size == 1024 && table.used == 1 && !table.contentsDenied,
                    "\(table.name) \(table.type) \(table.used)/\(table.size) denied: \(table.contentsDenied)")
            let stuckServers = document.servers.filter { $0.backend == "stuck" }
            #expect(stuckServers.compactMap(\.stickEntries).sorted() == [0, 0, 1], "\(stuckServers.map(\.stickEntries))")
            let held = try #require(stuckServers.first { $0.stickEntries == 1 })
            #expect((held.persistentShare ?? 0) > 0.85, "\(held.name) persistent share \(held.persistentShare ?? -1)")
            #expect(document.alerts.map { "\($0.rule) \($0.subject)" }.sorted()
                        == ["persistence-imbalance sticky/s1", "persistence-imbalance stuck/\(held.name)"],
                    "alerts: \(document.alerts.map(\.message))")

            // Between the two polls of a run 4 s apart, d3 is added and enabled, d2 put in
            // maintenance and deleted.
            async let churned = offPool { try LBTopBinary.run(["--interval", "4s"] + arguments) }
            try await Task.sleep(nanoseconds: 2_000_000_000)
            let d2 = try #require(haproxy.servers["dyn/d2"]?.port)
            let answers = try await offPool {
                try ["add server dyn/d3 127.0.0.1:\(d2)", "enable server dyn/d3", "set server dyn/d2 state maint",
                     "del server dyn/d2"].map { try haproxy.command($0) }
            }
            #expect(answers[0].hasPrefix("New server registered.") && answers[3].hasPrefix("Server deleted."), "\(answers)")
            let after = try await churned.document()
            let d3 = try #require(after.servers.first { $0.backend == "dyn" && $0.name == "d3" })
            #expect(d3.new && (d3.appearedSecondsAgo ?? 99) < 4)
            #expect(!(after.servers.first { $0.backend == "dyn" && $0.name == "d1" }?.new ?? true))
            #expect(after.goneServers.map { "\($0.backend)/\($0.name)" } == ["dyn/d2"])
            #expect(!after.alerts.contains { $0.subject.hasPrefix("dyn/") || $0.subject == "backend dyn" },
                    "a server drained and removed raises nothing: \(after.alerts.map(\.message))")
        }
    }
}
