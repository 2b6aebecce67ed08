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
            "\(error)" == "\(root)/stat: larger than the 64-byte limit"
        }
        try FileManager.default.removeItem(atPath: root + "/meminfo")
        let missing = ProcNodeCollector(spec: try NodeTargetSpec.parse("local"), root: root)
        await #expect { try await missing.collect() } throws: { error in
            "\(error)" == "\(root)/meminfo: No such file or directory"
        }
    }

    @Test func localCPUPercentIsInRangeAndMovesWithABusyLoop() async throws {
        let collector = ProcNodeCollector(spec: try NodeTargetSpec.parse("local"))
        let before = try await collect(collector)
        let ownBefore = Self.processCPUSeconds()
        Self.spin(untilOwnCPUSecondsAbove: ownBefore + 0.5)
        let after = try await collect(collector)
        let ownSpent = Self.processCPUSeconds() - ownBefore

        var tracker = NodeTracker(capacity: 4)
        tracker.ingest(before, node: NodeID("local"), name: "local", host: "localhost", at: 0)
        tracker.ingest(after, node: NodeID("local"), name: "local", host: "localhost", at: 1)
        var servers: [ServerSnapshot] = []
        let percent = try #require(tracker.snapshots(joining: &servers)[0].cpuPercent)
        #expect(percent > 0 && percent <= 100)
        // Every CPU second this process burned is busy time of the machine; allow one tick per CPU.
        let busy = (after.cpu!.total - after.cpu!.idleAll) - (before.cpu!.total - before.cpu!.idleAll)
        let slack = 0.02 * Double(after.cpuCount ?? 1)
        #expect(busy >= ownSpent * 0.9 - slack, "machine busy \(busy) s, this process \(ownSpent) s")
    }

    @Test func localMemoryPercentMatchesFree() async throws {
        let collector = ProcNodeCollector(spec: try NodeTargetSpec.parse("local"))
        let sample = try await collect(collector)
        let free = try Self.run("/usr/bin/free", ["-b"])
        let memLine = try #require(free.split(separator: "\n").first { $0.hasPrefix("Mem:") })
        let fields = memLine.split(separator: " ")
        let total = try #require(Double(fields[1])), used = try #require(Double(fields[2]))
        var tracker = NodeTracker(capacity: 2)
        tracker.ingest(sample, node: NodeID("local"), name: "local", host: nil, at: 0)
        var servers: [ServerSnapshot] = []
        let ours = try #require(tracker.snapshots(joining: &servers)[0].memoryPercent)
        #expect(abs(ours - used / total * 100) < 2, "lbtop \(ours) %, free \(used / total * 100) %")
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// A bounded busy loop: stops when this process has used `target` CPU seconds, or after
    /// 200 million iterations at most.
    @discardableResult
    static func spin(untilOwnCPUSecondsAbove target: Double) -> UInt64 {
        var accumulator: UInt64 = 1
        for round in 0..<200 {
            for step in 0..<1_000_000 { accumulator = accumulator &* 6364136223846793005 &+ UInt64(step) }
            if round % 10 == 9, processCPUSeconds() > target { break }
        }
        return accumulator
    }

    static func run(_ path: String, _ arguments: [String]) throws -> String {
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw NodeTestError("\(path) is missing: install the Debian package procps")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

struct NodeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
