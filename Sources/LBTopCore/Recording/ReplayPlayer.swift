import Foundation
import Synchronization

/// Feeds a recording back through the same decoders, store and alert rules as a live run: each
/// recorded poll is decoded from its bytes and ingested, and at each recorded snapshot build a
/// snapshot is built at the recorded times and the rules evaluated over it. Playing moves
/// forward only; `seek` restarts from a keyframe before the point.
public final class ReplayPlayer {
    public let reader: RecordingReader
    public let rules: [AlertRule]
    /// False for the report, which takes the recorded alert transitions instead.
    public let evaluatesAlerts: Bool
    /// What each snapshot is built with: everything for the dashboard; the report reads current
    /// values alone (`.current`), so its replay builds no series, forecast or log figures.
    public let content: SnapshotContent
    /// Index of the next entry to apply.
    public private(set) var position = 0
    /// The newest snapshot built (with its alerts), nil before the first.
    public private(set) var latest: Snapshot?
    /// Bodies that could not be decoded (damage), each losing its target's polls until the next keyframe.
    public private(set) var damagedPolls = 0
    private var store: Store
    private var engine: AlertEngine
    private let clock: ReplayClock
    private var previousBody: [Int: [UInt8]] = [:]
    private let decompression = DecompressionContext()
    /// Entry indices of each target's keyframes, in order.
    private let keyframes: [[Int]]

    public init(reader: RecordingReader, rules: [AlertRule] = BuiltInAlertRules.all, evaluatesAlerts: Bool = true,
                content: SnapshotContent = .whole) {
        self.reader = reader
        self.rules = rules
        self.evaluatesAlerts = evaluatesAlerts
        self.content = content
        clock = ReplayClock()
        var keyframes = [[Int]](repeating: [], count: reader.targets.count)
        for (index, entry) in reader.entries.enumerated() {
            if case .poll(let target, true, _) = entry.kind { keyframes[target].append(index) }
        }
        self.keyframes = keyframes
        let fresh = Self.fresh(reader: reader, rules: rules, clock: clock, content: content)
        store = fresh.0
        engine = fresh.1
    }

    /// Seconds of history before a seek point replayed to fill the graphs and alert durations: the
    /// polls a graph draws (240) or the window, whichever is shorter. Snapshots without series
    /// (the report's) need only a few polls, for rates and each target's state.
    public var warmUp: Double {
        min(reader.window, (content.contains(.history) ? 240 : 5) * reader.interval)
    }

    /// Seconds before a seek point whose snapshots are built and evaluated, so that an alert
    /// held for its rule's `for` is firing there as it was: the longest `for`, and a poll more.
    public var alertWarmUp: Double {
        evaluatesAlerts ? (rules.map(\.forSeconds).max() ?? 0) + reader.interval : 0
    }

    /// Applies entries up to (not including) index `end`; snapshots are built with `content`
    /// (the player's by default).
    nonisolated(nonsending) public func play(to end: Int, content: SnapshotContent? = nil) async {
        let end = min(end, reader.entries.count)
        while position < end {
            await apply(reader.entries[position], content: content ?? self.content)
            position += 1
        }
    }

    /// Takes the polls and actions up to index `end` into the store and alert engine without
    /// building their snapshots: the part of a seek's warm-up that only fills the graphs. A log
    /// batch received before monotonic time `foldingFrom` is counted, not folded into the window.
    nonisolated(nonsending) private func ingest(to end: Int, foldingFrom: Double) async {
        let end = min(end, reader.entries.count)
        while position < end {
            let entry = reader.entries[position]
            if case .snapshot = entry.kind {} else {
                await apply(entry, content: content, foldingRequests: (entry.mono ?? .infinity) >= foldingFrom)
            }
            position += 1
        }
    }

    /// Decompresses the bodies up to index `end` without decoding them: the polls between a
    /// seek's restart and its warm-up, which only the deltas after them are made against.
    private func follow(to end: Int) {
        let end = min(end, reader.entries.count)
        while position < end {
            let entry = reader.entries[position]
            if case .poll(let target, let keyframe, let size) = entry.kind {
                _ = recordedBody(entry, target: target, keyframe: keyframe, size: size)
            }
            position += 1
        }
    }

    /// Moves to index `target`: forward by playing, backward (or far forward) by starting again
    /// from every target's keyframe before `target` minus the warm-up. From a restart, the bodies
    /// before the warm-up are only decompressed; of the warm-up, only the last `alertWarmUp`
    /// seconds build snapshots, only the one shown has the request-log window's figures (most of
    /// a snapshot's cost with a log), and only the log batches of the last two log windows before
    /// it are folded into the window (older requests have left it by then).
    nonisolated(nonsending) public func seek(to target: Int) async {
        let target = max(0, min(target, reader.entries.count))
        let entries = reader.entries
        let startWall = target < entries.count ? entries[target].wall : (entries.last?.wall ?? 0)
        let from = restartIndex(before: startWall - warmUp)
        if target < position || from > position {
            (store, engine) = Self.fresh(reader: reader, rules: rules, clock: clock, content: content)
            previousBody = [:]
            latest = nil
            position = from
            follow(to: min(target, entries.partitioningIndex { $0.wall >= startWall - warmUp }))
        }
        let shown = entries[position..<target].lastIndex { if case .snapshot = $0.kind { return true }; return false }
        let foldingFrom = shown.flatMap { entries[$0].mono }.map { $0 - 2 * reader.logWindow } ?? -.infinity
        // The snapshot shown is built even with no alert warm-up (the report's player).
        await ingest(to: min(shown ?? target, entries.partitioningIndex { $0.wall >= startWall - alertWarmUp }), foldingFrom: foldingFrom)
        await play(to: max(position, shown ?? target), content: content.subtracting(.logFigures))
        await play(to: target)
    }

    /// The entry to start again from to show wall time `wall`: each target's last keyframe at or
    /// before it, the earliest of those.
    private func restartIndex(before wall: Double) -> Int {
        let index = reader.entries.partitioningIndex { $0.wall >= wall }
        var restart = index
        for frames in keyframes {
            let after = frames.partitioningIndex { $0 > index }
            if after > 0 { restart = min(restart, frames[after - 1]) }
        }
        return restart
    }

    nonisolated(nonsending) private func apply(_ entry: RecordedEntry, content: SnapshotContent,
                                               foldingRequests: Bool = true) async {
        switch entry.kind {
        case .poll(let target, let keyframe, let size):
            if let result = pollResult(entry, target: target, keyframe: keyframe, size: size) {
                store.ingest(result, foldingRequests: foldingRequests)
            }
        case .snapshot:
            var snapshot = store.snapshot(time: Date(timeIntervalSince1970: entry.wall), now: entry.mono ?? 0, content: content)
            if evaluatesAlerts { snapshot.alerts = await engine.evaluate(snapshot) }
            latest = snapshot
        case .action(let index):
            let action = reader.actions[index]
            guard action.action == "acknowledge" else { return }
            clock.set(Date(timeIntervalSince1970: entry.wall))
            await engine.acknowledge(action.subjects, by: action.user)
            if var snapshot = latest {
                snapshot.alerts = await engine.evaluate(snapshot)
                latest = snapshot
            }
        case .alert:
            break
        }
    }

    /// The recorded poll decoded as it was live; nil for a body that follows no readable keyframe
    /// (the start of a seek, or damage before it), skipped until the next keyframe.
    private func pollResult(_ entry: RecordedEntry, target index: Int, keyframe: Bool, size: Int?) -> PollResult? {
        let target = reader.targets[index]
        guard let received = recordedBody(entry, target: index, keyframe: keyframe, size: size) else { return nil }
        let outcome = received.flatMap { body in Result { () throws(CollectError) in try target.decoder.decode(body) } }
        return PollResult(target: target.id, role: target.role, displayURL: target.url, name: target.name,
                          host: target.host, at: entry.mono ?? 0, outcome: outcome)
    }

    /// The bytes the poll received, decompressed against its target's previous body (kept for
    /// the next one), or its recorded error; nil for a body that follows no readable keyframe.
    private func recordedBody(_ entry: RecordedEntry, target index: Int, keyframe: Bool, size: Int?) -> Result<[UInt8], CollectError>? {
        do {
            let row = try reader.pollRow(seq: entry.seq)
            guard let frame = row.body, let size else {
                return .failure(row.error ?? CollectError(.other, "no answer recorded"))
            }
            let prefix = keyframe ? nil : previousBody[index]
            if !keyframe && prefix == nil { return nil }
            let body = try BodyCodec.decompress(frame, prefix: prefix, size: size, context: decompression)
            previousBody[index] = body
            return .success(body)
        } catch {
            damagedPolls += 1
            previousBody[index] = nil
            return .failure(CollectError(.other, error.message))
        }
    }

    /// A store that keeps what snapshots of `content` are built from, and an alert engine.
    private static func fresh(reader: RecordingReader, rules: [AlertRule], clock: ReplayClock,
                              content: SnapshotContent) -> (Store, AlertEngine) {
        var store = Store(options: StoreOptions(interval: reader.interval, window: reader.window, maxPoints: 3600,
                                              logWindow: reader.logWindow, keeps: content))
        for target in reader.targets { store.register(id: target.id, role: target.role, displayURL: target.url) }
        for node in reader.nodes { store.register(node: node) }
        let engine = AlertEngine(rules: rules, log: InMemoryAlertLog(), now: { clock.now() })
        return (store, engine)
    }
}

/// The wall time acknowledgements are stamped with while replaying: the recorded one.
final class ReplayClock: Sendable {
    private let time = Mutex(Date(timeIntervalSince1970: 0))
    func set(_ date: Date) { time.withLock { $0 = date } }
    func now() -> Date { time.withLock { $0 } }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
