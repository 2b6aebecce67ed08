import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Against a real `prometheus-node-exporter` started on 127.0.0.1.
    @Suite struct NodeExporterIntegrationTests {
        @Test func cpuMovesWithABusyLoopAndMemoryMatchesFree() async throws {
            let exporter = try await offPool { try NodeExporterProcess.start() }
            defer { exporter.stop() }
            let spec = try NodeTargetSpec.parse("web1=\(exporter.metricsURL)")
            let collector = NodeExporterCollector(spec: spec, transport: try HTTPTransport(url: exporter.metricsURL, limits: .init(timeout: 15)))
            #expect(collector.name == "web1")
            #expect(collector.host == "127.0.0.1")

            let node = try await NodeProbe.expectCPUMovesWithBusyLoop(collector, spec: spec)
            let memory = try #require(node.memoryPercent)
            let free = try await offPool { try NodeProbe.freeMemoryPercent() }
            #expect(abs(memory - free) < 2, "node_exporter \(memory) %, free \(free) %")
            #expect(node.load1 != nil)
            #expect(node.networkReceiveBytesPerSecond != nil)
        }

        @Test func exporterAndLocalProcAgree() async throws {
            let exporter = try await offPool { try NodeExporterProcess.start() }
            defer { exporter.stop() }
            let remote = try await NodeProbe.sample(NodeExporterCollector(
                spec: try NodeTargetSpec.parse(exporter.metricsURL), transport: try HTTPTransport(url: exporter.metricsURL, limits: .init(timeout: 15))))
            let local = try await NodeProbe.sample(ProcNodeCollector(spec: try NodeTargetSpec.parse("local")))
            #expect(remote.cpuCount == local.cpuCount)
            #expect(remote.memoryTotalBytes == local.memoryTotalBytes)
            #expect(remote.hostname == local.hostname)
            let remoteIdle = try #require(remote.cpu?.idle), localIdle = try #require(local.cpu?.idle)
            // Both read /proc/stat moments apart: idle seconds differ by the few ticks in between.
            #expect(abs(remoteIdle - localIdle) < 5, "exporter idle \(remoteIdle) s, /proc idle \(localIdle) s")
        }
    }
}
