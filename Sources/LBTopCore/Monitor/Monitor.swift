import Foundation
import Logging

/// Settings of a running monitor: the store's (interval, window) and the fetch timeout.
public struct MonitorOptions: Sendable, Equatable {
    public var store: StoreOptions
    /// Seconds one fetch may take (defaults to the interval, at most 5 s, at least 0.5 s).
    public var timeout: Double

    /// Seconds between polls of each target.
    public var interval: Double { store.interval }
    /// Seconds of history kept.
    public var window: Double { store.window }
    /// Seconds of request log behind the percentiles (`log_window`).
    public var logWindow: Double { store.logWindow }

    public init(interval: Double = 1, timeout: Double? = nil, window: Double = 900, maxPoints: Int = 3600,
                logWindow: Double = 60) {
        self.store = StoreOptions(interval: interval, window: window, maxPoints: maxPoints, logWindow: logWindow)
        self.timeout = timeout ?? min(5, max(0.5, interval))
    }
}

/// Owns the poller and the store: polls every target, keeps the window, evaluates alerts after each
/// poll and publishes a fresh `Snapshot`. The UI reads it through `DashboardFeed`, never waiting on
/// the network.
public actor Monitor: DashboardFeed {
    public nonisolated let options: MonitorOptions
    private let poller: Poller
    private let alerts: (any AlertEvaluating)?
    private let actions: ActionExecutor?
    private let recorder: Recorder?
    private let logger: Logger
    private var store: Store
    private var latest: Snapshot
    private var built = 0
    private var building = false
    private var changedSinceBuild = false
    private var published = 0
    private var pollTask: Task<Void, Never>?
    private var subscribers: [Int: AsyncStream<Snapshot>.Continuation] = [:]
    private var nextSubscriber = 0

    /// - Parameters:
    ///   - collectors: every balancer and node target, polled concurrently.
    ///   - nodes: node declarations (names, explicit server joins) for the node collectors.
    ///   - alerts: evaluated after each poll; its alerts go into every published snapshot.
    ///   - actions: carries out actions from the dashboard; nil = none possible.
    ///   - recorder: where every poll result, snapshot build and action is recorded (`--record`).
    public init(collectors: [any Collector], nodes: [NodeTargetSpec] = [], options: MonitorOptions = .init(),
                alerts: (any AlertEvaluating)? = nil, actions: ActionExecutor? = nil, recorder: Recorder? = nil,
                logger: Logger = Logger(label: "lbtop.monitor")) {
        self.options = options
        self.poller = Poller(collectors: collectors, interval: options.interval, timeout: options.timeout)
        self.alerts = alerts
        self.actions = actions
        self.recorder = recorder
        self.logger = logger
        var store = Store(options: options.store)
        for collector in collectors { store.register(collector) }
        for node in nodes { store.register(node: node) }
        self.store = store
        self.latest = store.snapshot()
    }

    /// Starts polling every target in the background (idempotent).
    public func start() {
        guard pollTask == nil else { return }
        let poller = self.poller
        let deliver: @Sendable (PollResult) async -> Void = { [weak self] result in await self?.receive(result) }
        pollTask = Task { await poller.run(deliver: deliver) }
    }

    /// Stops polling, closes what collectors keep open (ssh children) and ends every `updates()` stream.
    public func stop() async {
        pollTask?.cancel()
        pollTask = nil
        for collector in poller.collectors { await collector.close() }
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    public func latestSnapshot() -> Snapshot { latest }

    public func acknowledge(_ alertIDs: [String], by user: String) async {
        guard let alerts else { return }
        recorder?.record(action: "acknowledge", subjects: alertIDs, user: user, mono: MonotonicTime.now(),
                         wall: RecordedTime.wallNow())
        await alerts.acknowledge(alertIDs, by: user)
        var refreshed = latest
        refreshed.alerts = await alerts.evaluate(refreshed)
        built += 1
        publish(refreshed, sequence: built)
    }

    public nonisolated var actionPolicy: ActionPolicy { actions?.policy ?? .off }

    public func perform(_ request: ActionRequest, confirmed: Bool, by user: String) async -> [ActionRecord] {
        guard let actions else { return await ActionExecutor.unavailable(request, by: user) }
        let records = await actions.perform(request, confirmed: confirmed, in: latest, by: user)
        var refreshed = latest
        refreshed.actions = await actions.recent()
        built += 1
        publish(refreshed, sequence: built)
        return records
    }

    /// Every snapshot published from now on.
    public func updates() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: Snapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = nextSubscriber
        nextSubscriber += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: Int) { subscribers[id] = nil }

    /// Polls every target twice, one interval apart, and returns the resulting snapshot (what
    /// `lbtop --once` prints): two readings give every counter a rate.
    public func pollTwice() async -> Snapshot {
        let started = MonotonicTime.now()
        for result in await poller.pollAll() { store.ingest(result) }
        let wait = options.interval - (MonotonicTime.now() - started)
        if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        for result in await poller.pollAll() { store.ingest(result) }
        return await buildAndPublish()
    }

    /// Takes one poll result and publishes the snapshot that follows from it.
    func receive(_ result: PollResult) async {
        if case .failure(let error) = result.outcome {
            logger.debug("poll failed", metadata: ["target": "\(result.target)", "error": "\(error.message)"])
        }
        recorder?.record(result, wall: RecordedTime.wallNow())
        store.ingest(result)
        // Results that arrive while a snapshot is being built (and its alerts evaluated) are
        // folded into one more build instead of one build each.
        changedSinceBuild = true
        guard !building else { return }
        building = true
        while changedSinceBuild {
            changedSinceBuild = false
            _ = await buildAndPublish()
        }
        building = false
    }

    private func buildAndPublish() async -> Snapshot {
        built += 1
        let sequence = built
        let wall = RecordedTime.wallNow(), mono = MonotonicTime.now()
        var snapshot = store.snapshot(time: wall, now: mono)
        recorder?.recordSnapshot(mono: mono, wall: wall)
        if let alerts {
            snapshot.alerts = await alerts.evaluate(snapshot)
        }
        if let actions { snapshot.actions = await actions.recent() }
        publish(snapshot, sequence: sequence)
        return snapshot
    }

    /// Keeps the newest snapshot; an older one finishing its alert evaluation late is dropped.
    private func publish(_ snapshot: Snapshot, sequence: Int) {
        guard sequence > published else { return }
        published = sequence
        latest = snapshot
        for continuation in subscribers.values { continuation.yield(snapshot) }
    }
}
