import Foundation
import LBTopCore
import Testing

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
        let free = try NodeProbe.freeMemoryPercent()
        #expect(abs(memory - free) < 2, "lbtop \(memory) %, free \(free) %")
        #expect(node.load1 != nil)
    }
}
