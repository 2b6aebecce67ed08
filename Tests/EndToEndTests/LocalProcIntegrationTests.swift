import Foundation
import LBTopCore
import Testing

/// `--node local` against this machine's real /proc.
@Suite struct LocalProcIntegrationTests {
    @Test func cpuPercentIsInRangeAndMovesWithABusyLoop() async throws {
        let spec = try NodeTargetSpec.parse("local")
        let collector = ProcNodeCollector(spec: spec)
        let before = try await NodeProbe.sample(collector)
        let ownBefore = NodeProbe.processCPUSeconds()
        NodeProbe.spin(untilOwnCPUSecondsAbove: ownBefore + 0.5)
        let after = try await NodeProbe.sample(collector)
        let ownSpent = NodeProbe.processCPUSeconds() - ownBefore

        var servers = [ServerSnapshot(id: ServerID(target: TargetID("lb"), backend: "app", server: "s1"),
                                      state: ServerState(kind: .up), address: "127.0.0.1:8080")]
        let node = try NodeProbe.snapshot(before, after, spec: spec, joining: &servers)
        let cpu = try #require(node.cpuPercent)
        #expect(cpu > 0 && cpu <= 100)
        // Every CPU second this process burned is busy time of the machine (one tick per CPU of slack).
        let busy = try NodeProbe.busySeconds(from: before, to: after)
        #expect(busy >= ownSpent * 0.9 - 0.02 * Double(after.cpuCount ?? 1), "machine busy \(busy) s, this process \(ownSpent) s")
        #expect(after.cpuCount == ProcessInfo.processInfo.activeProcessorCount)
        #expect(servers[0].node == spec.id)
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
