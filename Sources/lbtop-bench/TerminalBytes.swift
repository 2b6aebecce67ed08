import Foundation
import LBTopCore
import LBTopUI
#if canImport(Glibc)
import Glibc
#endif

/// Counts the bytes the curses screen sends to the terminal: curses writes into a temp file
/// instead of a tty, as it would for an xterm-256color of the given size.
enum TerminalBytes {
    struct Result { var first: Int; var median: Int; var max: Int }

    /// The first frame, then `frames` steady-state frames, each after one new poll and a clock
    /// tick one second later — what the dashboard draws every second with live data.
    static func steadyState(workload: inout BenchWorkload, size: TerminalSize, frames: Int) -> Result {
        let path = NSTemporaryDirectory() + "lbtop-bench-\(getpid()).out"
        guard let output = fopen(path, "w+"), let input = fopen("/dev/null", "r") else {
            fatalError("cannot open \(path)")
        }
        defer { fclose(output); fclose(input); unlink(path) }
        let screen = try! NcursesScreen(theme: .builtinDefault, asciiOnly: false,
                                        environment: ["TERM": "xterm-256color"],
                                        terminalType: "xterm-256color", output: output, input: input)
        defer { screen.end() }
        screen.resize(to: size)
        func written() -> Int { fflush(output); return Int(ftell(output)) }

        let start = Date(timeIntervalSince1970: 1_800_000_000)
        var app = App(renderer: DashboardFrame(), size: size, snapshot: workload.store.snapshot(time: start),
                      now: start)
        func draw() -> Int {
            let before = written()
            screen.beginFrame()
            var target = screen
            app.render(on: &target)
            screen.present()
            return written() - before
        }
        let first = draw()
        var perSecond: [Int] = []
        for second in 1...frames {
            let now = start.addingTimeInterval(Double(second))
            workload.store.ingest(workload.nextResult())
            var bytes = 0
            if app.handle(.snapshot(workload.store.snapshot(time: now))).contains(.redraw) { bytes += draw() }
            if app.handle(.tick(now)).contains(.redraw) { bytes += draw() }
            perSecond.append(bytes)
        }
        perSecond.sort()
        return Result(first: first, median: perSecond[perSecond.count / 2], max: perSecond.last ?? 0)
    }
}
