// A helper process for the alert log's crash test: it evaluates snapshots in which one server
// flips between DOWN and UP, so every evaluation is one alert transition written to the log at
// the path given as its only argument. After each evaluation returns it writes the number of
// transitions so far to stdout (unbuffered), so the test can SIGKILL it right then.
import Foundation
import LBTopCore

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: alert-log-writer LOG_PATH\n".utf8))
    exit(2)
}
let engine = AlertEngine(rules: BuiltInAlertRules.all.filter { $0.name == "server-down" },
                         log: FileAlertLog(path: CommandLine.arguments[1]))
let target = TargetID("http://127.0.0.1:1/stats;csv")
let start = Date(timeIntervalSince1970: 1_800_000_000)

/// Flips the server between DOWN and UP forever, one evaluation (one logged transition) per turn.
func flipForever(engine: AlertEngine, target: TargetID, start: Date) async -> Never {
    var transitions = 0
    while true {
        let down = transitions % 2 == 0
        let server = ServerSnapshot(id: ServerID(target: target, backend: "app", server: "app1"),
                                    state: ServerState(kind: down ? .down : .up))
        let snapshot = Snapshot(time: start.addingTimeInterval(Double(transitions)),
                                targets: [TargetStatus(id: target, role: .balancer, displayURL: target.rawValue,
                                                       health: .fresh)],
                                servers: [server])
        _ = await engine.evaluate(snapshot)
        transitions += 1
        let line = Array("\(transitions)\n".utf8)
        _ = line.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }
}

await flipForever(engine: engine, target: target, start: start)
