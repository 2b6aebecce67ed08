#if canImport(Glibc)
import Glibc
#endif

/// Repeats one operation and summarises its wall time: median, quartiles and extremes.
struct Measurement {
    var name: String
    /// Seconds of each timed run.
    var samples: [Double]
    /// What the median must stay under (seconds), or nil when there is no budget.
    var budget: Double?

    /// Runs `body` a few times untimed, then `iterations` timed runs (or until `maxSeconds`).
    static func run(_ name: String, iterations: Int, warmup: Int = 3, maxSeconds: Double = 20,
                    budget: Double? = nil, _ body: () -> Void) -> Measurement {
        for _ in 0..<warmup { body() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        let started = Self.now()
        for _ in 0..<iterations {
            let start = Self.now()
            body()
            samples.append(Self.now() - start)
            if Self.now() - started > maxSeconds { break }
        }
        return Measurement(name: name, samples: samples, budget: budget)
    }

    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU seconds the calling thread has used: what a budget stated as a share of a core is about,
    /// and steadier than wall time on a busy machine.
    static func threadCPU() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count - 1)).rounded())))
        return sorted[index]
    }

    var median: Double { percentile(0.5) }
    var meetsBudget: Bool? { budget.map { median < $0 } }

    static let tableHeader = pad("benchmark", 34) + pad("runs", 6, right: true) + pad("median", 11, right: true)
        + pad("p25", 11, right: true) + pad("p75", 11, right: true) + pad("min", 11, right: true)
        + pad("max", 11, right: true) + "  budget"

    var tableRow: String {
        var row = Self.pad(name, 34) + Self.pad(String(samples.count), 6, right: true)
        for value in [median, percentile(0.25), percentile(0.75), percentile(0), percentile(1)] {
            row += Self.pad(Self.format(seconds: value), 11, right: true)
        }
        if let budget {
            row += "  < " + Self.format(seconds: budget) + (meetsBudget == true ? " ok" : " MISSED")
        }
        return row
    }

    static func format(seconds: Double) -> String {
        if seconds >= 1 { return fixed(seconds, 2) + " s" }
        if seconds >= 1e-3 { return fixed(seconds * 1e3, 3) + " ms" }
        return fixed(seconds * 1e6, 1) + " µs"
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        } else if decimals > 0 {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let gap = max(0, width - text.count)
        return right ? String(repeating: " ", count: gap) + text : text + String(repeating: " ", count: gap)
    }
}

extension Measurement {
    /// Like `run`, but `setup` (untimed) prepares each run's input.
    /// `run` for an async operation (one that awaits an actor, as the dashboard does).
    static func runAsync(_ name: String, iterations: Int, warmup: Int = 3, budget: Double? = nil,
                         _ body: () async -> Void) async -> Measurement {
        for _ in 0..<warmup { await body() }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let start = now()
            await body()
            samples.append(now() - start)
        }
        return Measurement(name: name, samples: samples, budget: budget)
    }

    static func runWithSetup<Input>(_ name: String, iterations: Int, warmup: Int = 3, budget: Double? = nil,
                                    setup: () -> Input, _ body: (Input) -> Void) -> Measurement {
        for _ in 0..<warmup { body(setup()) }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let input = setup()
            let start = now()
            body(input)
            samples.append(now() - start)
        }
        return Measurement(name: name, samples: samples, budget: budget)
    }
}
