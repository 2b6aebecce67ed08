import Foundation

/// What the replay keys ask for.
public enum ReplayControl: Hashable, Sendable {
    case playPause
    /// One snapshot back or forward.
    case stepBack, stepForward
    /// The previous or next alert transition or action.
    case previousEvent, nextEvent
    /// One minute of recorded time back or forward.
    case minuteBack, minuteForward
    case faster, slower
}

/// Where a replay stands, for the position bar.
public struct ReplayStatus: Sendable, Equatable {
    public var isPlaying: Bool
    public var speed: Int
    public var start: Date
    public var end: Date
    /// The recorded time of the snapshot on screen.
    public var position: Date

    public init(isPlaying: Bool, speed: Int, start: Date, end: Date, position: Date) {
        self.isPlaying = isPlaying; self.speed = speed; self.start = start; self.end = end; self.position = position
    }

    /// 0…1 along the recording.
    public var fraction: Double {
        let span = end.timeIntervalSince(start)
        return span > 0 ? min(1, max(0, position.timeIntervalSince(start) / span)) : 1
    }
}

/// The dashboard's feed over a recording: publishes the snapshots a `ReplayPlayer` rebuilds, at
/// the recorded pace times the speed while playing, and moves on the replay keys. Read-only:
/// acknowledging does nothing to the recording.
public actor ReplayFeed: DashboardFeed {
    public static let speeds = [1, 2, 5, 10, 30, 60]

    private let player: ReplayPlayer
    private var playing = true
    private var speedIndex = 0
    private var playTask: Task<Void, Never>?
    /// True while the player is moved (a key's seek, a played step): one at a time.
    private var busy = false
    private var snapshotSubscribers: [Int: AsyncStream<Snapshot>.Continuation] = [:]
    private var statusSubscribers: [Int: AsyncStream<ReplayStatus>.Continuation] = [:]
    private var nextSubscriber = 0
    /// Entry indices of snapshots and of alert transitions and actions, in order.
    private let snapshotIndices: [Int]
    private let eventIndices: [Int]

    /// Starts at entry index `start` (playing).
    public init(player: sending ReplayPlayer, start: Int) async {
        self.player = player
        let entries = player.reader.entries
        snapshotIndices = entries.indices.filter { if case .snapshot = entries[$0].kind { return true }; return false }
        eventIndices = entries.indices.filter {
            switch entries[$0].kind { case .alert, .action: return true; default: return false }
        }
        await player.seek(to: max(start, (snapshotIndices.first ?? 0) + 1))
    }

    public func latestSnapshot() -> Snapshot { player.latest ?? .empty }

    public func updates() -> AsyncStream<Snapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: Snapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = subscriberID()
        snapshotSubscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        startPlayingIfNeeded()
        return stream
    }

    /// The position bar's state, now and after every change.
    public func statuses() -> AsyncStream<ReplayStatus> {
        let (stream, continuation) = AsyncStream.makeStream(of: ReplayStatus.self, bufferingPolicy: .bufferingNewest(1))
        let id = subscriberID()
        statusSubscribers[id] = continuation
        continuation.yield(status)
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        return stream
    }

    public func acknowledge(_ alertIDs: [String], by user: String) async {}

    public var status: ReplayStatus {
        let entries = player.reader.entries
        let start = Date(timeIntervalSince1970: entries.first?.wall ?? 0)
        return ReplayStatus(isPlaying: playing, speed: Self.speeds[speedIndex], start: start,
                            end: Date(timeIntervalSince1970: entries.last?.wall ?? 0),
                            position: player.latest?.time ?? start)
    }

    public func control(_ control: ReplayControl) async {
        while busy { try? await Task.sleep(nanoseconds: 1_000_000) }
        busy = true
        defer { busy = false }
        switch control {
        case .playPause: playing.toggle()
        case .faster: speedIndex = min(speedIndex + 1, Self.speeds.count - 1)
        case .slower: speedIndex = max(speedIndex - 1, 0)
        case .stepForward: await move(to: nextIndex(after: player.position - 1, in: snapshotIndices))
        case .stepBack:
            let shown = previousIndex(before: player.position, in: snapshotIndices)
            await move(to: previousIndex(before: shown ?? 0, in: snapshotIndices))
        case .nextEvent: await move(to: nextIndex(after: player.position - 1, in: eventIndices))
        case .previousEvent:
            // The event shown is the one just before the position: go to the one before it.
            let shown = previousIndex(before: player.position, in: eventIndices)
            await move(to: previousIndex(before: (shown ?? 0), in: eventIndices))
        case .minuteForward, .minuteBack:
            let here = player.latest?.time.timeIntervalSince1970 ?? player.reader.entries.first?.wall ?? 0
            let wall = here + (control == .minuteForward ? 60 : -60)
            let entries = player.reader.entries
            let index = entries.partitioningIndex { $0.wall > wall }
            await move(to: previousIndex(before: index, in: snapshotIndices))
        }
        publishStatus()
        startPlayingIfNeeded()
    }

    /// Shows the state right after entry `index` (a snapshot, or an event: then the snapshot it
    /// belongs to, which was built just before it).
    private func move(to index: Int?) async {
        guard let index else { return }
        await player.seek(to: index + 1)
        publish()
    }

    private func nextIndex(after index: Int, in list: [Int]) -> Int? {
        let next = list.partitioningIndex { $0 > index }
        return next < list.count ? list[next] : nil
    }

    private func previousIndex(before index: Int, in list: [Int]) -> Int? {
        let next = list.partitioningIndex { $0 >= index }
        return next > 0 ? list[next - 1] : nil
    }

    private func startPlayingIfNeeded() {
        guard playTask == nil, playing, !snapshotSubscribers.isEmpty else { return }
        playTask = Task { [weak self] in await self?.playLoop() }
    }

    /// Plays snapshot after snapshot, each after its recorded gap divided by the speed.
    private func playLoop() async {
        defer { playTask = nil }
        while playing, !Task.isCancelled {
            guard let next = nextIndex(after: player.position - 1, in: snapshotIndices) else {
                playing = false
                publishStatus()
                return
            }
            let entries = player.reader.entries
            let gap = entries[next].wall - (player.latest?.time.timeIntervalSince1970 ?? entries[next].wall)
            let wait = max(0, min(gap, 60)) / Double(Self.speeds[speedIndex])
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
            guard playing, !busy, nextIndex(after: player.position - 1, in: snapshotIndices) == next else {
                try? await Task.sleep(nanoseconds: 1_000_000)
                continue
            }
            busy = true
            await player.play(to: next + 1)
            busy = false
            publish()
            publishStatus()
        }
    }

    private func publish() {
        guard let snapshot = player.latest else { return }
        for continuation in snapshotSubscribers.values { continuation.yield(snapshot) }
    }

    private func publishStatus() {
        let current = status
        for continuation in statusSubscribers.values { continuation.yield(current) }
    }

    private func subscriberID() -> Int {
        nextSubscriber += 1
        return nextSubscriber
    }

    private func unsubscribe(_ id: Int) {
        snapshotSubscribers[id] = nil
        statusSubscribers[id] = nil
    }
}
