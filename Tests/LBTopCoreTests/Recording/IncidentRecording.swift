import Foundation
@testable import LBTopCore

/// A ten-minute recording with everything a report tells, the same bytes on every run: an HAProxy
/// (backends app and api) polled every second, its request log and a node_exporter node beside
/// it. app/app2 takes most of app's traffic and is slow, then is DOWN 100–159 s; app/app3 is DOWN
/// twice (130–139 s, 170–174 s); api/api2 in MAINT 300–319 s; api/api1 DOWN from 500 s to the end;
/// the stats page refuses 200–202 s and answers an HTML page at 205 s; a reload at 250 s; the
/// recorded alert transitions and an acknowledgement by alice.
enum IncidentRecording {
    static let seconds = 600
    static let start = 1_764_000_000.0
    static let balancer = RecordedTarget(id: TargetID("http://127.0.0.1:8404/stats;csv"), role: .balancer, decoder: .haproxyCSV,
                                         url: "http://127.0.0.1:8404/stats;csv", name: "edge", host: "127.0.0.1")
    static let log = RecordedTarget(id: TargetID("udp://127.0.0.1:5514"), role: .log, decoder: .logLines,
                                    url: "udp://127.0.0.1:5514", name: "udp://127.0.0.1:5514", host: nil)
    static let node = NodeTargetSpec(name: "node1", location: .exporter(url: "http://127.0.0.1:9100/metrics"),
                                     servers: ["app/app1", "app/app2"])
    static let nodeTarget = RecordedTarget(id: TargetID("node1"), role: .node, decoder: .nodeExporter,
                                           url: "http://127.0.0.1:9100/metrics", name: "node1", host: "127.0.0.1")
    static let servers = [("app", "app1"), ("app", "app2"), ("app", "app3"), ("app", "app4"),
                          ("api", "api1"), ("api", "api2"), ("api", "api3")]

    /// HAProxy's status of server `index` at second `second`.
    static func status(_ index: Int, at second: Int) -> String {
        switch (servers[index].1, second) {
        case ("app2", 98..<100): "UP 1/2"
        case ("app2", 100..<160), ("app3", 130..<140), ("app3", 170..<175), ("api1", 500...): "DOWN"
        case ("app2", 160..<162): "DOWN 1/2"
        case ("api2", 300..<320): "MAINT"
        default: "UP"
        }
    }

    static func write(to path: String) throws {
        let recorder = try Recorder(path: path, targets: [balancer, log, nodeTarget], nodes: [node],
                                    options: MonitorOptions(interval: 1))
        let template = try Fixture.text("haproxy/stats-2.6-http.csv").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        var requests = [Int](repeating: 0, count: servers.count), errors = requests
        var previous = servers.indices.map { status($0, at: 0) }
        for second in 0..<seconds {
            let mono = 500 + Double(second)
            func wall(_ offset: Double) -> Date { Date(timeIntervalSince1970: start + Double(second) + offset) }
            if second == 250 {
                requests = requests.map { _ in 0 }
                errors = requests
            }
            var transitions: [AlertLogRecord] = []
            var events: [String] = []
            for index in servers.indices {
                let now = status(index, at: second)
                let name = "\(servers[index].0)/\(servers[index].1)"
                if now == "DOWN", previous[index] != "DOWN" {
                    transitions.append(alert("server-down", name, .firing, at: wall(0.5)))
                    events.append("Server \(name) is DOWN, reason: Layer4 connection problem, info: \"Connection refused\".")
                } else if now != "DOWN", previous[index] == "DOWN" {
                    transitions.append(alert("server-down", name, .resolved, at: wall(0.5)))
                }
                previous[index] = now
                guard now.hasPrefix("UP") else { continue }
                requests[index] += [10, 30, 5, 5, 8, 8, 8][index] + second % 3
                if index == 1, (50..<100).contains(second) { errors[index] += 3 }
            }
            let body: [UInt8]?
            switch second {
            case 200..<203: body = nil
            case 205: body = Array("<html><body>stats</body></html>".utf8)
            default: body = csv(template, requests: requests, errors: errors, second: second)
            }
            let outcome: Result<TargetPayload, CollectError> = body.map { bytes in
                Result { () throws(CollectError) in try balancer.decoder.decode(bytes) }
            } ?? .failure(CollectError(.unreachable, "connection refused (127.0.0.1:8404)"))
            recorder.record(PollResult(target: balancer.id, role: .balancer, displayURL: balancer.url, name: balancer.name,
                                       host: balancer.host, at: mono + 0.1, received: body, outcome: outcome), wall: wall(0.1))
            var lines: [String] = []
            for line in 0..<(3 + second % 4) {
                let server = "app/app\(1 + line % 4) 0/0/1/\(5 + line)/\(6 + line)"
                lines.append("<134>Dec  2 00:42:11 haproxy[3622]: 10.0.0.\(line):4\(second % 10)000 [02/Dec/2026:00:42:11.560] web "
                             + "\(server) 200 150 - - --NI 1/1/0/0/0 0/0 \"GET /p\(line) HTTP/1.1\"\n")
            }
            lines += events.map { "<129>Dec  2 00:42:11 haproxy[3622]: \($0)\n" }
            let batch = LogBatch(bytes: Array(lines.joined().utf8), lineCount: lines.count).framed()
            recorder.record(PollResult(target: log.id, role: .log, displayURL: log.url, name: log.name, host: nil, at: mono + 0.2,
                                       received: batch, outcome: Result { () throws(CollectError) in try log.decoder.decode(batch) }),
                            wall: wall(0.2))
            let metrics = nodeMetrics(second)
            recorder.record(PollResult(target: nodeTarget.id, role: .node, displayURL: nodeTarget.url, name: nodeTarget.name,
                                       host: nodeTarget.host, at: mono + 0.3, received: metrics,
                                       outcome: Result { () throws(CollectError) in try nodeTarget.decoder.decode(metrics) }),
                            wall: wall(0.3))
            recorder.recordSnapshot(mono: mono + 0.5, wall: wall(0.5))
            if second == 200 { transitions.append(alert("target-stale", balancer.url, .firing, at: wall(0.5))) }
            if second == 203 { transitions.append(alert("target-stale", balancer.url, .resolved, at: wall(0.5))) }
            recorder.record(alerts: transitions)
            if second == 110 {
                recorder.record(action: "acknowledge", subjects: ["server-down|\(balancer.id.rawValue)|app/app2"], user: "alice",
                                mono: mono + 0.7, wall: wall(0.7))
                recorder.record(alerts: [alert("server-down", "app/app2", .acknowledged, at: wall(0.7), by: "alice")])
            }
        }
        recorder.close()
        if let failure = recorder.failure { throw RecordingError(failure) }
    }

    /// The fixture's rows, its servers replaced by ours with these counters.
    private static func csv(_ template: [[String]], requests: [Int], errors: [Int], second: Int) -> [UInt8] {
        let header = template[0], frontend = template[1], backend = template[6], server = template[3]
        func row(_ base: [String], _ fields: [Int: String]) -> String {
            base.enumerated().map { fields[$0.offset] ?? $0.element }.joined(separator: ",")
        }
        // stot 7, status 17, lastchg 23, hrsp_2xx 40, hrsp_5xx 43, req_tot 48, rtime 60.
        func counters(_ total: Int, _ failed: Int) -> [Int: String] {
            [7: "\(total)", 40: "\(total - failed)", 43: "\(failed)", 48: "\(total)"]
        }
        var lines = [header.joined(separator: ","), row(frontend, counters(requests.reduce(0, +), errors.reduce(0, +)))]
        for backendName in ["app", "api"] {
            let members = servers.indices.filter { servers[$0].0 == backendName }
            for index in members {
                var fields = counters(requests[index], errors[index])
                fields[0] = backendName
                fields[1] = servers[index].1
                fields[17] = status(index, at: second)
                fields[23] = "\(second % 250)"
                fields[60] = index == 1 && (90..<100).contains(second) ? "900" : "\(4 + index)"
                lines.append(row(server, fields))
            }
            var fields = counters(members.map { requests[$0] }.reduce(0, +), members.map { errors[$0] }.reduce(0, +))
            fields[0] = backendName
            lines.append(row(backend, fields))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// node_exporter's CPU and memory lines: busier from 100 s on.
    private static func nodeMetrics(_ second: Int) -> [UInt8] {
        let busy = Double(second) * (second >= 100 ? 0.6 : 0.2)
        let idle = 1000 + Double(second) * 2 - busy
        let available = 6e9 - Double(second % 200) * 1e7
        return Array("""
        node_cpu_seconds_total{cpu="0",mode="idle"} \(idle / 2)
        node_cpu_seconds_total{cpu="0",mode="user"} \(busy / 2)
        node_cpu_seconds_total{cpu="1",mode="idle"} \(idle / 2)
        node_cpu_seconds_total{cpu="1",mode="user"} \(busy / 2)
        node_memory_MemTotal_bytes 8e+09
        node_memory_MemAvailable_bytes \(available)

        """.utf8)
    }

    private static func alert(_ rule: String, _ subject: String, _ state: AlertState, at time: Date, by user: String? = nil) -> AlertLogRecord {
        AlertLogRecord(Alert(id: "\(rule)|\(balancer.id.rawValue)|\(subject)", rule: rule, severity: .warning, state: state,
                             subject: subject, target: balancer.id, message: "\(subject) \(state.rawValue)", since: time,
                             changedAt: time, acknowledgedBy: user), at: time)
    }
}
