/// Polls every target concurrently, each on its own task at the interval. Each fetch has a timeout;
/// a fetch still running at the next tick makes that target skip the tick; a failure reaches the
/// store as that target's error and nothing else is affected.
public struct Poller: Sendable {
    public let collectors: [any Collector]
    /// Seconds between polls of one target.
    public let interval: Double
    /// Seconds one fetch may take before it counts as failed.
    public let timeout: Double

    public init(collectors: [any Collector], interval: Double, timeout: Double) {
        self.collectors = collectors
        self.interval = max(0.05, interval)
        self.timeout = max(0.05, timeout)
    }

    /// Polls one collector once, bounded by the timeout: fetches, then decodes what arrived.
    public func poll(_ collector: any Collector) async -> PollResult {
        var received: [UInt8]?
        let outcome: Result<TargetPayload, CollectError>
        do {
            let bytes = try await TimeLimit.run(seconds: timeout) { try await collector.fetch() }
            received = bytes
            outcome = Result { () throws(CollectError) in try collector.decoder.decode(bytes) }
        } catch let error as CollectError {
            outcome = .failure(error)
        } catch is CancellationError {
            outcome = .failure(CollectError(.other, "cancelled"))
        } catch {
            outcome = .failure(CollectError(.other, "\(error)"))
        }
        return PollResult(collector, at: MonotonicTime.now(), received: received, outcome: outcome)
    }

    /// Polls every collector once, concurrently; results in collector order.
    public func pollAll() async -> [PollResult] {
        await withTaskGroup(of: (Int, PollResult).self) { group in
            for (index, collector) in collectors.enumerated() {
                group.addTask { (index, await poll(collector)) }
            }
            var results = [PollResult?](repeating: nil, count: collectors.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    /// Polls every target at the interval until cancelled, handing each result to `deliver`.
    public func run(deliver: @escaping @Sendable (PollResult) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for collector in collectors {
                group.addTask { await loop(collector, deliver: deliver) }
            }
        }
    }

    /// One target's schedule: ticks at multiples of the interval from its start; a poll that runs
    /// past a tick makes that tick skipped rather than queued.
    private func loop(_ collector: any Collector, deliver: @escaping @Sendable (PollResult) async -> Void) async {
        let start = MonotonicTime.now()
        var tick = 0
        while !Task.isCancelled {
            let result = await poll(collector)
            if Task.isCancelled { return }
            await deliver(result)
            let elapsed = MonotonicTime.now() - start
            tick = max(tick + 1, Int((elapsed / interval).rounded(.down)) + 1)
            let wait = start + Double(tick) * interval - MonotonicTime.now()
            if wait > 0 {
                do { try await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) } catch { return }
            }
        }
    }
}
