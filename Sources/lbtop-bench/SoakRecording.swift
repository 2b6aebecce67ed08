import Foundation
import LBTopCore

/// The hour of `Tests/perf/soak.sh` as `lbtop --record` keeps it, written in minutes through the
/// real `Recorder`: an HAProxy of 50 backends x 20 servers polled every second with its request
/// log beside it (40 requests/s and its server events), a snapshot after every poll. Every 180 s
/// the 125 servers behind one of 8 toy servers go DOWN for 45 s (19 times in an hour: 2,375
/// downs), every 300 s a reload restarts the counters (11), the stats page times out for 3 s once,
/// and the alert transitions and an acknowledgement are recorded as the dashboard records them.
struct SoakRecording {
    var seconds = 3600
    var shape = StatsCSVGenerator(backends: 50, serversPerBackend: 20)
    static let toyServers = 8
    static let faultEvery = 180, faultDown = 45, reloadEvery = 300
    /// The stats page does not answer for these seconds.
    static let staleSeconds = 1990..<1993
    static let start = 1_764_000_000.0

    static let balancer = RecordedTarget(id: TargetID("unix:///run/haproxy/admin.sock"), role: .balancer, decoder: .haproxyCSV,
                                         url: "unix:///run/haproxy/admin.sock", name: "haproxy", host: nil)
    static let log = RecordedTarget(id: TargetID("udp://127.0.0.1:5514"), role: .log, decoder: .logLines,
                                    url: "udp://127.0.0.1:5514", name: "udp://127.0.0.1:5514", host: nil)

    /// What was written.
    struct Counts {
        var polls = 0
        var downs = 0
        var reloads = 0
        var alerts = 0
    }

    /// The status haproxy shows for server `index` at second `second`: the servers of a killed toy
    /// server fail two checks 2 s apart, stay DOWN until it is back, then pass two.
    func status(of index: Int, at second: Int) -> String {
        let fault = second / Self.faultEvery
        let since = second - fault * Self.faultEvery
        guard fault >= 1, fault * Self.faultEvery < seconds - Self.faultDown - 60,
              (index + 1) % Self.toyServers == fault % Self.toyServers, since < Self.faultDown + 4 else { return "UP" }
        switch since {
        case ..<2: return "UP"
        case ..<4: return "UP 1/2"
        case ..<(Self.faultDown + 2): return "DOWN"
        default: return "DOWN 1/2"
        }
    }

    func write(to path: String) throws -> Counts {
        let recorder = try Recorder(path: path, targets: [Self.balancer, Self.log], nodes: [],
                                    options: MonitorOptions(interval: 1))
        let servers = shape.serverCount
        let logLines = HTTPLogGenerator(backends: shape.backends, serversPerBackend: shape.serversPerBackend, lines: 40,
                                        serverPrefix: "srv")
        var requests = [Int](repeating: 0, count: servers), errors = requests, changed = requests
        var statuses = [String](repeating: "UP", count: servers)
        var counts = Counts()
        for second in 0..<seconds {
            let mono = 1000 + Double(second)
            func wall(_ offset: Double) -> Date { Date(timeIntervalSince1970: Self.start + Double(second) + offset) }
            if second > 0, second % Self.reloadEvery == 0 {
                requests = [Int](repeating: 0, count: servers)
                errors = requests
                changed = [Int](repeating: second, count: servers)
                counts.reloads += 1
            }
            var events: [String] = []
            var transitions: [AlertLogRecord] = []
            for index in 0..<servers {
                let status = status(of: index, at: second)
                if status != statuses[index] {
                    let name = "app\(index / shape.serversPerBackend)/srv\(index % shape.serversPerBackend)"
                    if status == "DOWN" {
                        counts.downs += 1
                        events.append("Server \(name) is DOWN, reason: Layer4 connection problem, info: \"Connection refused\", check duration: 0ms.")
                        transitions.append(serverDown(name, .firing, since: second, at: wall(0.5)))
                    } else if status == "UP" {
                        events.append("Server \(name) is UP, reason: Layer4 check passed, check duration: 0ms.")
                        transitions.append(serverDown(name, .resolved, since: second - Self.faultDown, at: wall(0.5)))
                    }
                    statuses[index] = status
                    changed[index] = second
                }
                if status.hasPrefix("UP") {
                    requests[index] += 1 + (index * 7 + second) % 3
                    if index % 13 == 0, second % 3 == 0 { errors[index] += 1 }
                }
            }
            let answered = !Self.staleSeconds.contains(second)
            let body = shape.body(poll: second) { index in
                .init(requests: requests[index], errors: errors[index], status: statuses[index],
                      responseTimeMs: 2 + (index + second) % 9, sessions: (index + second) % 7, lastChange: second - changed[index])
            }
            recorder.record(PollResult(target: Self.balancer.id, role: .balancer, displayURL: Self.balancer.url,
                                       name: Self.balancer.name, host: nil, at: mono + 0.2, received: answered ? body : nil,
                                       outcome: answered ? .success(.balancer(BalancerSample()))
                                           : .failure(CollectError(.timeout, "no answer within 5 s"))),
                            wall: wall(0.2))
            var batch = logLines.batch(seed: second)
            for event in events { batch.bytes += Array("<129>Dec  2 00:41:52 haproxy[3622]: \(event)\n".utf8) }
            batch.lineCount += events.count
            recorder.record(PollResult(target: Self.log.id, role: .log, displayURL: Self.log.url, name: Self.log.name,
                                       host: nil, at: mono + 0.3, received: batch.framed(), outcome: .success(.logs(LogBatch()))),
                            wall: wall(0.3))
            counts.polls += 2
            recorder.recordSnapshot(mono: mono + 0.5, wall: wall(0.5))
            if second == Self.staleSeconds.lowerBound || second == Self.staleSeconds.upperBound {
                transitions.append(targetStale(firing: second == Self.staleSeconds.lowerBound, since: Self.staleSeconds.lowerBound,
                                               at: wall(0.5)))
            }
            recorder.record(alerts: transitions)
            counts.alerts += transitions.count
            if second == Self.faultEvery + 10 {
                recorder.record(action: "acknowledge", subjects: ["server-down|\(Self.balancer.id.rawValue)|app0/srv0"],
                                user: "oncall", mono: mono + 0.7, wall: wall(0.7))
            }
        }
        recorder.close()
        if let failure = recorder.failure { throw RecordingError(failure) }
        return counts
    }

    private func serverDown(_ name: String, _ state: AlertState, since: Int, at time: Date) -> AlertLogRecord {
        let alert = Alert(id: "server-down|\(Self.balancer.id.rawValue)|\(name)", rule: "server-down", severity: .warning,
                          state: state, subject: name, target: Self.balancer.id,
                          message: state == .firing ? "\(name) is DOWN (L4CON)" : "\(name) is UP",
                          value: state == .firing ? 1 : 0, threshold: 1,
                          since: Date(timeIntervalSince1970: Self.start + Double(since)), changedAt: time)
        return AlertLogRecord(alert, at: time)
    }

    private func targetStale(firing: Bool, since: Int, at time: Date) -> AlertLogRecord {
        let url = Self.balancer.url
        let alert = Alert(id: "target-stale|\(url)", rule: "target-stale", severity: .warning, state: firing ? .firing : .resolved,
                          subject: url, target: Self.balancer.id,
                          message: firing ? "\(url) is not answering: no answer within 5 s" : "\(url) answers again",
                          since: Date(timeIntervalSince1970: Self.start + Double(since)), changedAt: time)
        return AlertLogRecord(alert, at: time)
    }
}
