import Foundation
import LBTopCore
import LBTopUI

// lbtop-bench: wall-time benchmarks of lbtop's hot paths, run as a release build:
//   swift run -c release lbtop-bench            (all)
//   swift run -c release lbtop-bench csv store  (names containing a word: csv, prometheus,
//                                                logs, store, forecast, alerts, render, key, poll, terminal,
//                                                recording, 1,000 or 10,000)
// Each line: runs, median, quartiles and extremes of one operation, and its budget.

let filters = Array(CommandLine.arguments.dropFirst())
func wanted(_ name: String) -> Bool { filters.isEmpty || filters.contains { name.contains($0) } }

var results: [Measurement] = []
/// Prints a line at once (unbuffered), so a long run shows progress.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
@MainActor func report(_ measurement: Measurement) {
    results.append(measurement)
    say(measurement.tableRow)
}

say("lbtop-bench (\(BenchWorkload.windowPoints)-point window, 1 s interval)")
say(Measurement.tableHeader)

for (label, shape, iterations, budget) in [
    ("csv parse 1,000 servers", StatsCSVGenerator(backends: 10, serversPerBackend: 100), 300, 1e-3),
    ("csv parse 50 backends x 20", StatsCSVGenerator(backends: 50, serversPerBackend: 20), 300, 1e-3),
    ("csv parse 10,000 servers", StatsCSVGenerator(backends: 100, serversPerBackend: 100), 60, 10e-3),
] where wanted(label) {
    let body = shape.body(poll: 1)
    var rows = 0
    report(Measurement.run("\(label) (\(body.count / 1024) KB)", iterations: iterations, budget: budget) {
        rows &+= (try? HAProxyCSVParser.parse(body))?.rows.count ?? 0
    })
    precondition(rows > 0)
}

if wanted("prometheus") {
    let body = PrometheusBodyGenerator.body(lines: 100_000)
    var samples = 0
    report(Measurement.run("prometheus 100,000 lines (\(body.count / 1024) KB)", iterations: 30) {
        samples &+= PrometheusTextParser.forEachSample(in: body) { _ in }.samples
    })
    report(Measurement.run("prometheus document 100,000 lines", iterations: 15) {
        samples &+= PrometheusDocument(parsing: body).families.count
    })
    precondition(samples > 0)
}

if wanted("prometheus fleet") {
    // A Prometheus server's answers for 100 HAProxy instances x 100 servers and 100 nodes: the
    // mapping from its JSON, then the store taking the poll (one per interval).
    var plain = FleetAnswersGenerator()
    plain.plainSelectors = true
    for (label, generator) in [("", FleetAnswersGenerator()), (", plain selectors' answers", plain)] {
        let polls = (0..<4).map { generator.answers(poll: $0).framed }
        say("prometheus fleet answers\(label): \(polls[0].count / 1024) KB a poll, \(FleetQuery.allCases.count + 1) requests")
        var servers = 0
        report(Measurement.run("prometheus fleet map 10,000 servers, 100 nodes\(label)", iterations: 10, budget: 0.25) {
            if case .fleet(let fleet)? = try? PayloadDecoder.prometheusFleet.decode(polls[servers % polls.count]) {
                servers &+= fleet.balancers.reduce(0) { $0 + $1.sample.rows.count }
            }
        })
        precondition(servers > 0)
    }
    let polls = (0..<4).map { FleetAnswersGenerator().answers(poll: $0).framed }
    let prom = TargetID("http://prom:9090")
    let fleets = polls.map { bytes -> FleetSample in
        guard case .fleet(let fleet) = try! PayloadDecoder.prometheusFleet.decode(bytes) else { fatalError() }
        return fleet
    }
    var store = Store()
    var polled = 0
    report(Measurement.run("prometheus fleet store update 10,000 servers", iterations: 30, budget: 0.05) {
        polled += 1
        let result = PollResult(target: prom, role: .fleet, displayURL: prom.rawValue, name: prom.rawValue, host: nil,
                                at: Double(polled), outcome: .success(.fleet(fleets[polled % fleets.count])))
        store.ingest(result)
    })
    // Every server is named as a node's host name: all 10,000 join one of the 100 nodes.
    let joined = store.snapshot(now: Double(polled)).servers.filter { $0.node != nil }.count
    say("prometheus fleet: \(joined) servers joined to nodes")
    report(Measurement.run("prometheus fleet store snapshot 10,000 servers", iterations: 10) {
        _ = store.snapshot(now: Double(polled))
    })
}

if wanted("logs") {
    // One second of a 50,000 requests/s balancer's log into the store; the budget is a quarter of a core.
    let generator = HTTPLogGenerator()
    let batches = (0..<4).map { generator.batch(seed: $0) }
    var store = Store()
    let input = TargetID("udp://127.0.0.1:5514")
    var second = 0.0
    var cpu: [Double] = []
    report(Measurement.run("logs parse+ingest 50,000 httplog lines", iterations: 20, budget: 0.25) {
        let start = Measurement.threadCPU()
        second += 1
        store.ingest(PollResult(target: input, role: .log, displayURL: input.rawValue, name: input.rawValue, host: nil,
                                at: second, outcome: .success(.logs(batches[Int(second) % batches.count]))))
        cpu.append(Measurement.threadCPU() - start)
    })
    // The same runs in CPU time of the thread (warm-up runs left out): the budget's own measure.
    report(Measurement(name: "logs parse+ingest, CPU time", samples: Array(cpu.dropFirst(3))))
    var servers = 0
    report(Measurement.run("logs snapshot 100 servers, 60 s window", iterations: 20) {
        servers &+= store.snapshot(now: second).servers.count
    })
    precondition(servers > 0)
}

// The store, the alert rules and the frame at both sizes the budgets name: 1,000 servers (50
// backends x 20) and 10,000 (200 x 50), each store fed a full window first.
for (label, shape) in [("1,000 servers", StatsCSVGenerator(backends: 50, serversPerBackend: 20)),
                       ("10,000 servers", StatsCSVGenerator(backends: 200, serversPerBackend: 50))] {
    let names = ["store update", "store snapshot", "forecast", "alert rules", "render servers view", "key press",
                 "new poll on screen", "terminal bytes"].map { $0 + " " + label }
    guard names.contains(where: wanted) else { continue }
    var workload = BenchWorkload(shape: shape)
    let residentBefore = BenchWorkload.residentKB()
    workload.fill(upTo: 60)
    withExtendedLifetime(workload.store.snapshot()) {
        say("store of \(label) after 60 polls, 1 snapshot held: "
            + "+\((BenchWorkload.residentKB() - residentBefore) / 1024) MB resident")
    }
    workload.fill()
    var held = [workload.store.snapshot(), workload.store.snapshot(), workload.store.snapshot()]
    say("store of \(label) with a full \(BenchWorkload.windowPoints)-point window, 3 snapshots held: "
        + "+\((BenchWorkload.residentKB() - residentBefore) / 1024) MB resident")
    held.removeAll()
    if wanted("store update \(label)") {
        report(Measurement.runWithSetup("store update \(label)", iterations: 100,
                                        setup: { workload.nextResult() }) { workload.store.ingest($0) })
    }
    if wanted("store snapshot \(label)") {
        var servers = 0
        report(Measurement.run("store snapshot \(label)", iterations: 30) {
            servers &+= workload.store.snapshot().servers.count
        })
        precondition(servers > 0)
    }
    if wanted("forecast \(label)") {
        // The capacity forecast alone (a least-squares fit per server over its sessions window):
        // its part of `store snapshot`, which makes it.
        let snapshot = workload.store.snapshot()
        var backends = 0
        report(Measurement.run("forecast \(label)", iterations: 30) {
            backends &+= CapacityForecast.forecasts(in: snapshot).count
        })
        precondition(backends > 0)
    }
    let snapshot = workload.store.snapshot()
    if wanted("alert rules \(label)") {
        // The built-in rules over the uneven traffic of the workload (imbalance breaches pending).
        let engine = AlertEngine(log: InMemoryAlertLog())
        var time = snapshot.time
        var alerts = 0
        report(await Measurement.runAsync("alert rules \(label)", iterations: 100) {
            var next = snapshot
            time += 1
            next.time = time
            alerts &+= await engine.evaluate(next).count
        })
        say("alerts raised or pending over the workload: \(await engine.evaluate(snapshot).count)")
    }
    let size = TerminalSize(width: 200, height: 50)
    var screen = InMemoryScreen(width: size.width, height: size.height)
    if wanted("render servers view \(label)") {
        let app = App(renderer: DashboardFrame(), size: size, snapshot: snapshot)
        report(Measurement.run("render servers view 200x50, \(label)", iterations: 200, budget: 2e-3) {
            app.render(on: &screen)
        })
    }
    // A key moves the selection and redraws; sorted by req/s (`s` three times), the order is the
    // one made for the snapshot, not sorted again.
    for (sortKeys, sortLabel) in [(0, ""), (3, ", sorted by req/s")] where wanted("key press \(label)") {
        var app = App(renderer: DashboardFrame(), size: size, snapshot: snapshot)
        for _ in 0..<sortKeys { _ = app.handle(.key(.character("s"))) }
        var down = true
        report(Measurement.run("key press j/k and redraw, \(label)\(sortLabel)", iterations: 200, budget: 50e-3) {
            _ = app.handle(.key(.character(down ? "j" : "k")))
            down.toggle()
            app.render(on: &screen)
        })
    }
    for (sortKeys, sortLabel) in [(0, ""), (3, ", sorted by req/s")] where wanted("new poll on screen \(label)") {
        var app = App(renderer: DashboardFrame(), size: size, snapshot: snapshot)
        for _ in 0..<sortKeys { _ = app.handle(.key(.character("s"))) }
        var next = snapshot
        report(Measurement.run("new poll on screen (rows ordered, frame drawn), \(label)\(sortLabel)", iterations: 100) {
            next.time += 1
            _ = app.handle(.snapshot(next))
            app.render(on: &screen)
        })
    }
    if wanted("terminal bytes \(label)"), label.hasPrefix("1,000") {
        let bytes = TerminalBytes.steadyState(workload: &workload, size: size, frames: 30)
        say("terminal bytes, servers view 200x50: first frame \(bytes.first) B; "
            + "steady-state frame (new poll + clock) median \(bytes.median) B, max \(bytes.max) B")
    }
}

// Only when asked by name: an hour of recording takes a few minutes to make.
if filters.contains("recording") {
    try await RecordingBench.run(say: say)
}

let missed = results.filter { $0.meetsBudget == false }.map(\.name)
say(missed.isEmpty ? "all budgets met" : "budget missed: " + missed.joined(separator: ", "))
