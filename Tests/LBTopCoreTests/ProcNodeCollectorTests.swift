import Foundation
import Testing
@testable import LBTopCore

@Suite struct ProcNodeCollectorTests {
    private func collect(_ collector: ProcNodeCollector) async throws -> NodeSample {
        guard case .node(let sample) = try await collector.collect() else {
            Issue.record("expected a node payload")
            return NodeSample()
        }
        return sample
    }

    /// A private folder laid out like /proc with the captured files.
    private func fixtureRoot() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("net"), withIntermediateDirectories: true)
        for (fixture, name) in [("proc-stat.txt", "stat"), ("proc-meminfo.txt", "meminfo"), ("proc-loadavg.txt", "loadavg"),
                                ("proc-net-dev.txt", "net/dev"), ("proc-uptime.txt", "uptime")] {
            try Data(try NodeFixtures.bytes(fixture)).write(to: root.appendingPathComponent(name))
        }
        return root.path
    }

    @Test func readsAnInjectedRoot() async throws {
        let root = try fixtureRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let sample = try await collect(ProcNodeCollector(spec: try NodeTargetSpec.parse("local"), root: root))
        #expect(sample.cpu?.user == 67.43)
        #expect(sample.memoryAvailableBytes == Double(24_318_736 * 1024))
        #expect(sample.load1 == 0.69)
        #expect(sample.networkReceiveBytes == 27_112_461)
    }

    @Test func missingFileOrOversizedFileIsAClearError() async throws {
        let root = try fixtureRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tiny = ProcNodeCollector(spec: try NodeTargetSpec.parse("local"), root: root, maxBytesPerFile: 64)
        await #expect { try await tiny.collect() } throws: { error in
            error as? CollectError == CollectError(.unreachable, "\(root)/stat: larger than the 64-byte limit")
        }
        try FileManager.default.removeItem(atPath: root + "/meminfo")
        let missing = ProcNodeCollector(spec: try NodeTargetSpec.parse("local"), root: root)
        await #expect { try await missing.collect() } throws: { error in
            error as? CollectError == CollectError(.unreachable, "\(root)/meminfo: No such file or directory")
        }
    }
}
