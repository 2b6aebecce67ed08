import Foundation
import LBTopCore

/// The soak's hour of recording (`SoakRecording`: 1,000 servers polled every second with a
/// request log, servers going DOWN and back, reloads; `LBTOP_BENCH_RECORDING_POLLS` seconds,
/// 3,600 by default): what recording costs per second, its size per hour, then how long
/// `lbtop report` and seeks take over it. `LBTOP_BENCH_RECORDING_KEEP=FILE` keeps the recording
/// there for `lbtop report FILE` or `lbtop replay FILE --at +55m`; when FILE exists already, it is
/// measured as it is instead of being written again. `LBTOP_BENCH_RECORDING_WHOLE=1` also times
/// the report made from whole snapshots, and says whether it is the same report.
enum RecordingBench {
    static func run(say: (String) -> Void) async throws {
        let environment = ProcessInfo.processInfo.environment
        let scenario = SoakRecording(seconds: Int(environment["LBTOP_BENCH_RECORDING_POLLS"] ?? "") ?? 3600)
        let kept = environment["LBTOP_BENCH_RECORDING_KEEP"]
        let path = kept ?? NSTemporaryDirectory() + "lbtop-bench-\(getpid()).lbrec"
        defer {
            if kept == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        }
        if FileManager.default.fileExists(atPath: path) {
            say("measuring the recording at \(path)")
        } else {
            try record(scenario, to: path, say: say)
        }

        var start = Measurement.now()
        let reader = try RecordingReader(path: path)
        say("open: \(Measurement.format(seconds: Measurement.now() - start)) (\(reader.entries.count) rows)")
        // In one pass, then cut into a stretch per core replayed side by side (what `lbtop report` does).
        var reports: [IncidentReport] = []
        for parts in [1, ProcessInfo.processInfo.activeProcessorCount] {
            start = Measurement.now()
            let cpu = processCPUSeconds()
            let report = await IncidentReport.make(from: reader, parts: parts)
            say("report in \(parts) part\(parts == 1 ? "" : "s"): \(Measurement.format(seconds: Measurement.now() - start)), "
                + "\(Measurement.format(seconds: processCPUSeconds() - cpu)) CPU "
                + "(\(report.servers.count) servers, \(report.summary.downtimes.count) downs)"
                + (reports.isEmpty ? "" : reports[0] == report ? "; the same report" : "; A DIFFERENT REPORT"))
            reports.append(report)
        }
        let report = reports[0]
        if environment["LBTOP_BENCH_RECORDING_WHOLE"] == "1" {
            start = Measurement.now()
            let whole = await wholeSnapshotReport(reader)
            say("report from whole snapshots (as the replay builds them): \(Measurement.format(seconds: Measurement.now() - start)); "
                + (whole == report ? "the same report" : "A DIFFERENT REPORT"))
        }
        let player = ReplayPlayer(reader: reader)
        for fraction in [0.5, 1.0, 0.1, 0.9] {
            start = Measurement.now()
            await player.seek(to: Int(Double(reader.entries.count - 1) * fraction))
            say("seek to \(Int(fraction * 100)) %: \(Measurement.format(seconds: Measurement.now() - start))")
        }
    }

    /// The report made from whole snapshots, as the replay builds them (without the request-log
    /// figures, which no report reads): what `lbtop report` did before it built current values alone.
    static func wholeSnapshotReport(_ reader: RecordingReader) async -> IncidentReport {
        await IncidentReport.make(from: reader, player: ReplayPlayer(reader: reader, evaluatesAlerts: false,
                                                                     content: SnapshotContent.whole.subtracting(.logFigures)))
    }

    private static func record(_ scenario: SoakRecording, to path: String, say: (String) -> Void) throws {
        var counts = SoakRecording.Counts()
        let began = Measurement.now()
        let cpu = try cpuSeconds { counts = try scenario.write(to: path) }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        say("recorded \(scenario.seconds) s of 1,000 servers and a request log (\(counts.polls) polls, \(counts.downs) downs, "
            + "\(counts.reloads) reloads, \(counts.alerts) alert transitions) in \(Measurement.format(seconds: Measurement.now() - began)); "
            + "\(Measurement.format(seconds: cpu / Double(scenario.seconds))) CPU per second recorded, generation included; "
            + "\(Measurement.fixed(Double(size) / 1e6, 1)) MB, \(Measurement.fixed(Double(size) / 1e6 * 3600 / Double(scenario.seconds), 1)) MB per hour")
    }

    static func cpuSeconds(_ work: () throws -> Void) rethrows -> Double {
        let before = processCPUSeconds()
        try work()
        return processCPUSeconds() - before
    }

    /// User and system time of every thread of this process so far.
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
