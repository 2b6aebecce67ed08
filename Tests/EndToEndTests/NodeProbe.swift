import Foundation
import LBTopCore
import Testing

/// What the node integration tests measure on this machine: a node payload, this process's own
/// CPU time, a bounded busy loop, and `free`'s memory figure.
enum NodeProbe {
    static func sample(_ collector: any Collector) async throws -> NodeSample {
        guard case .node(let sample) = try await collector.collect() else { throw LoopbackError("expected a node payload") }
        return sample
    }

    /// User + system CPU seconds this process has used.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// A bounded busy loop: stops once this process has used `target` CPU seconds, or after
    /// 400 million iterations at most.
    @discardableResult
    static func spin(untilOwnCPUSecondsAbove target: Double) -> UInt64 {
        var accumulator: UInt64 = 1
        for round in 0..<400 {
            for step in 0..<1_000_000 { accumulator = accumulator &* 6364136223846793005 &+ UInt64(step) }
            if round % 10 == 9, processCPUSeconds() > target { break }
        }
        return accumulator
    }

    /// Busy CPU seconds of the whole machine between two samples (all CPUs).
    static func busySeconds(from before: NodeSample, to after: NodeSample) throws -> Double {
        guard let a = before.cpu, let b = after.cpu else { throw LoopbackError("sample without CPU times") }
        return (b.total - b.idleAll) - (a.total - a.idleAll)
    }

    /// Used memory in percent as procps `free -b` prints it (used / total).
    static func freeMemoryPercent() throws -> Double {
        let path = "/usr/bin/free"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw LoopbackError("\(path) is missing: install the Debian package procps")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-b"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.exitStatus()
        let output = String(decoding: data, as: UTF8.self)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Mem:") }) else {
            throw LoopbackError("no Mem: line in `free -b` output")
        }
        let fields = line.split(separator: " ")
        guard fields.count > 2, let total = Double(fields[1]), let used = Double(fields[2]), total > 0 else {
            throw LoopbackError("cannot read `free -b`: \(line)")
        }
        return used / total * 100
    }

    /// Samples `collector` around a bounded busy loop and checks what any node source must show:
    /// CPU % within 0…100, machine busy time at least what this process burned (one tick per CPU of
    /// slack), and the node joined to a server on 127.0.0.1. Returns the node's snapshot.
    static func expectCPUMovesWithBusyLoop(_ collector: any Collector, spec: NodeTargetSpec) async throws -> NodeSnapshot {
        let before = try await sample(collector)
        let ownBefore = processCPUSeconds()
        _ = try await offPool { spin(untilOwnCPUSecondsAbove: ownBefore + 0.5) }
        let after = try await sample(collector)
        let ownSpent = processCPUSeconds() - ownBefore
        #expect(after.cpuCount == sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        var servers = [ServerSnapshot(id: ServerID(target: TargetID("lb"), backend: "app", server: "s1"),
                                      state: ServerState(kind: .up), address: "127.0.0.1:8080")]
        let node = try snapshot(before, after, spec: spec, joining: &servers)
        let cpu = try #require(node.cpuPercent)
        #expect(cpu > 0 && cpu <= 100)
        let busy = try busySeconds(from: before, to: after)
        #expect(busy >= ownSpent * 0.9 - 0.02 * Double(after.cpuCount ?? 1), "machine busy \(busy) s, this process \(ownSpent) s")
        #expect(servers[0].node == spec.id)
        return node
    }

    /// The snapshot of the one node a tracker fed with `before` then `after` gives.
    static func snapshot(_ before: NodeSample, _ after: NodeSample, spec: NodeTargetSpec,
                         joining servers: inout [ServerSnapshot]) throws -> NodeSnapshot {
        var tracker = NodeTracker(capacity: 4)
        tracker.register(spec)
        tracker.ingest(before, node: spec.id, name: spec.name, host: spec.host, at: 0)
        tracker.ingest(after, node: spec.id, name: spec.name, host: spec.host, at: 1)
        guard let node = tracker.snapshots(joining: &servers).first else { throw LoopbackError("no node snapshot") }
        return node
    }
}
