// A helper process for the recording's crash test: into the recording at the path given as its
// only argument it records what lbtop records each poll (the demo cluster's stats CSV, the snapshot
// built from it, an alert transition every fifth poll), then flushes and writes the number of polls
// so far to stdout (unbuffered), `0` once the file is created, so the test can SIGKILL it right
// then or at any moment after.
import Foundation
import LBTopCore

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: recording-writer RECORDING_PATH\n".utf8))
    exit(2)
}
let target = RecordedTarget(id: TargetID("http://127.0.0.1:8404/stats;csv"), role: .balancer, decoder: .haproxyCSV,
                            url: "http://127.0.0.1:8404/stats;csv", name: "demo", host: nil)
let recorder: Recorder
do {
    recorder = try Recorder(path: CommandLine.arguments[1], targets: [target], nodes: [],
                            options: MonitorOptions(interval: 1))
} catch {
    FileHandle.standardError.write(Data("recording-writer: \(error.message)\n".utf8))
    exit(1)
}

func report(_ polls: Int) {
    let line = Array("\(polls)\n".utf8)
    _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

var cluster = DemoCluster()
let start = cluster.startEpoch
report(0)
for poll in 1... {
    cluster.advance(to: poll)
    let body = Array(DemoStatsCSV.render(cluster).utf8)
    let wall = Date(timeIntervalSince1970: start + Double(poll))
    recorder.record(PollResult(target: target.id, role: target.role, displayURL: target.url, name: target.name,
                               host: nil, at: Double(poll), received: body,
                               outcome: Result { () throws(CollectError) in try target.decoder.decode(body) }),
                    wall: wall)
    recorder.recordSnapshot(mono: Double(poll) + 0.001, wall: wall.addingTimeInterval(0.001))
    if poll % 5 == 0 {
        let alert = Alert(id: "server-down|demo|app/app\(poll % 3)", rule: "server-down", severity: .warning,
                          state: poll % 10 == 0 ? .resolved : .firing, subject: "app/app\(poll % 3)",
                          message: "app/app\(poll % 3) is DOWN", since: wall, changedAt: wall)
        recorder.record(alerts: [AlertLogRecord(alert, at: wall)])
    }
    recorder.flush()
    report(poll)
}
