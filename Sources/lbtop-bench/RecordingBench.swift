import Foundation
import LBTopCore

/// A recording of 1,000 servers polled every second for `polls` seconds (an hour by default,
/// `LBTOP_BENCH_RECORDING_POLLS`), every server's counters moving each poll: what recording costs
/// per poll, its size per hour, then how long `lbtop report` and seeks take over it.
enum RecordingBench {
    static func run(say: (String) -> Void) async throws {
        let polls = Int(ProcessInfo.processInfo.environment["LBTOP_BENCH_RECORDING_POLLS"] ?? "") ?? 3600
        let shape = StatsCSVGenerator(backends: 50, serversPerBackend: 20)
        let path = NSTemporaryDirectory() + "lbtop-bench-\(getpid()).lbrec"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let target = RecordedTarget(id: TargetID("rig"), role: .balancer, decoder: .haproxyCSV,
                                    url: "http://127.0.0.1:8404/stats;csv", name: "rig", host: nil)

        // Generating a body costs more than recording it: measured apart and taken off.
        let generation = cpuSeconds { for poll in 0..<50 { _ = shape.body(poll: poll) } } / 50
        let recorder = try Recorder(path: path, targets: [target], nodes: [], options: MonitorOptions(interval: 1))
        let start = 1_764_000_000.0
        let total = cpuSeconds {
            for poll in 0..<polls {
                let body = shape.body(poll: poll)
                let result = PollResult(target: target.id, role: .balancer, displayURL: target.url, name: "rig", host: nil,
                                        at: Double(poll), received: body, outcome: .success(.balancer(BalancerSample())))
                recorder.record(result, wall: Date(timeIntervalSince1970: start + Double(poll)))
                recorder.recordSnapshot(mono: Double(poll) + 0.001, wall: Date(timeIntervalSince1970: start + Double(poll) + 0.001))
            }
            recorder.close()
        }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let perPoll = max(0, total / Double(polls) - generation)
        say("recording 1,000 servers, \(polls) polls of \(shape.body(poll: 1).count / 1024) KB (every counter moving): "
            + "\(Measurement.format(seconds: perPoll)) CPU per poll (\(Measurement.fixed(perPoll * 100, 3)) % of a core at 1 s), "
            + "\(Measurement.fixed(Double(size) / 1e6, 1)) MB, \(Measurement.fixed(Double(size) / 1e6 * 3600 / Double(polls), 1)) MB per hour")

        var began = Measurement.now()
        let reader = try RecordingReader(path: path)
        say("open: \(Measurement.format(seconds: Measurement.now() - began)) (\(reader.entries.count) rows)")
        began = Measurement.now()
        let report = await IncidentReport.make(from: reader)
        say("report over \(polls) polls: \(Measurement.format(seconds: Measurement.now() - began)) (\(report.servers.count) servers)")
        let player = ReplayPlayer(reader: reader)
        for fraction in [0.5, 1.0, 0.1, 0.9] {
            began = Measurement.now()
            await player.seek(to: Int(Double(reader.entries.count - 1) * fraction))
            say("seek to \(Int(fraction * 100)) %: \(Measurement.format(seconds: Measurement.now() - began))")
        }
    }

    static func cpuSeconds(_ work: () -> Void) -> Double {
        func now() -> Double {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        let before = now()
        work()
        return now() - before
    }
}
