import Foundation
import LBTopCore
import Testing

/// What the node integration tests measure on this machine: a node payload, this process's own
/// CPU time, a bounded busy loop, and `free`'s memory figure.
enum NodeProbe {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func sample(_ collector: any Collector) async throws -> NodeSample {
        guard case .node(let sample) = try await collector.collect() else { throw Failure("expected a node payload") }
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
        guard let a = before.cpu, let b = after.cpu else { throw Failure("sample without CPU times") }
        return (b.total - b.idleAll) - (a.total - a.idleAll)
    }

    /// Used memory in percent as procps `free -b` prints it (used / total).
    static func freeMemoryPercent() throws -> Double {
        let path = "/usr/bin/free"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure("\(path) is missing: install the Debian package procps")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-b"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Mem:") }) else {
            throw Failure("no Mem: line in `free -b` output")
        }
        let fields = line.split(separator: " ")
        guard fields.count > 2, let total = Double(fields[1]), let used = Double(fields[2]), total > 0 else {
            throw Failure("cannot read `free -b`: \(line)")
        }
        return used / total * 100
    }

    /// The snapshot of the one node a tracker fed with `before` then `after` gives.
    static func snapshot(_ before: NodeSample, _ after: NodeSample, spec: NodeTargetSpec,
                         joining servers: inout [ServerSnapshot]) throws -> NodeSnapshot {
        var tracker = NodeTracker(capacity: 4)
        tracker.register(spec)
        tracker.ingest(before, node: spec.id, name: spec.name, host: spec.host, at: 0)
        tracker.ingest(after, node: spec.id, name: spec.name, host: spec.host, at: 1)
        guard let node = tracker.snapshots(joining: &servers).first else { throw Failure("no node snapshot") }
        return node
    }
}
