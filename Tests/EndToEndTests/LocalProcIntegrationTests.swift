import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `--node local` against this machine's real /proc.
    @Suite struct LocalProcIntegrationTests {
        @Test func cpuPercentIsInRangeAndMovesWithABusyLoop() async throws {
            let spec = try NodeTargetSpec.parse("local")
            _ = try await NodeProbe.expectCPUMovesWithBusyLoop(ProcNodeCollector(spec: spec), spec: spec)
        }

        @Test func memoryPercentMatchesFree() async throws {
            let spec = try NodeTargetSpec.parse("local")
            let collector = ProcNodeCollector(spec: spec)
            let sample = try await NodeProbe.sample(collector)
            var servers: [ServerSnapshot] = []
            let node = try NodeProbe.snapshot(sample, sample, spec: spec, joining: &servers)
            let memory = try #require(node.memoryPercent)
            let free = try await offPool { try NodeProbe.freeMemoryPercent() }
            #expect(abs(memory - free) < 2, "lbtop \(memory) %, free \(free) %")
            #expect(node.load1 != nil)
        }

        @Test func joinsServersOnAnyOfThisMachinesAddresses() async throws {
            let spec = try NodeTargetSpec.parse("local")
            let sample = try await NodeProbe.sample(ProcNodeCollector(spec: spec))
            #expect(sample.addresses.contains("127.0.0.1"))
            let own = try #require(sample.addresses.first { !$0.hasPrefix("127.") && $0 != "::1" } ?? sample.addresses.first)
            let address = own.contains(":") ? "[\(own)]:8080" : "\(own):8080"
            var servers = [ServerSnapshot(id: ServerID(target: TargetID("lb"), backend: "app", server: "s1"),
                                          state: ServerState(kind: .up), address: address),
                           ServerSnapshot(id: ServerID(target: TargetID("lb"), backend: "app", server: "s2"),
                                          state: ServerState(kind: .up), address: "192.0.2.99:8080")]
            _ = try NodeProbe.snapshot(sample, sample, spec: spec, joining: &servers)
            #expect(servers.map(\.node) == [spec.id, nil])
        }
    }
}
