import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Each kind of broken target becomes a clear per-target error in `--once --json`; a good target
    /// polled alongside stays fresh and nothing crashes.
    @Suite struct HAProxyBadInputTests {
        @Test func everyFaultIsAClearPerTargetError() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1"])]) }
            defer { haproxy.stop() }
            let faults: [FaultyEndpoint.Fault] = [.http500, .hugeBody, .hugeUnsizedBody, .truncatedCSV, .stalledHTTP, .stalledSocket]
            let endpoints = try await offPool { try faults.map { try FaultyEndpoint.start($0) } }
            defer { endpoints.forEach { $0.stop() } }
            let refused = "http://127.0.0.1:\(try Loopback.freePort())/stats;csv"
            let missingSocket = "unix:///tmp/lbtop-no-such-\(UUID().uuidString.prefix(8)).sock"

            let urls = [haproxy.socketURL, refused, missingSocket] + endpoints.map(\.url)
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--timeout", "3s"] + urls) }
            #expect(run.status == 0, "one target was readable; stderr: \(run.stderr)")
            let document = try run.document()
            let errors = Dictionary(uniqueKeysWithValues: document.targets.map { ($0.url, $0.error ?? "") })
            #expect(document.targets.map(\.url) == urls)
            #expect(document.targets.first?.health == .fresh)
            #expect(document.targets.dropFirst().allSatisfy { $0.health == .stale })
            #expect(errors[refused]?.hasPrefix("connection refused (127.0.0.1:") == true, "\(errors[refused] ?? "")")
            #expect(errors[missingSocket]?.hasPrefix("no such socket") == true, "\(errors[missingSocket] ?? "")")
            let expected: [FaultyEndpoint.Fault: String] = [
                .http500: "HTTP 500 Internal Server Error from 127.0.0.1:",
                .hugeBody: "response larger than the 16 MiB cap",
                .hugeUnsizedBody: "response larger than the 16 MiB cap",
                .truncatedCSV: "truncated CSV: line 3 ends before its last column",
                .stalledHTTP: "timed out after 3s",
                .stalledSocket: "timed out after 3s",
            ]
            for endpoint in endpoints {
                let error = errors[endpoint.url] ?? "(none)"
                #expect(error.hasPrefix(expected[endpoint.fault]!), "\(endpoint.fault): \(error)")
            }
            #expect(document.servers.filter { $0.target == haproxy.socketURL }.map(\.name) == ["app1"])
            #expect(document.servers.allSatisfy { $0.target == haproxy.socketURL })
        }

        @Test func htmlStatsPageWithoutCSVSuffixSaysWhatToAdd() async throws {
            let haproxy = try await offPool { try HAProxyProcess.start([.init(name: "app", servers: ["app1"])]) }
            defer { haproxy.stop() }
            let url = "http://127.0.0.1:\(haproxy.statsPort)/stats"
            let collector = try HAProxyCollector(url: TargetURL(url))
            await #expect(throws: CollectError(.badPayload, "got an HTML page, not CSV: add ;csv to the stats URL (e.g. http://host:8404/stats;csv)")) {
                _ = try await collector.collect()
            }
        }
    }
}
