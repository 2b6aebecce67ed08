import LBTopCore
import Testing

/// Rates, a restart and a stale poll as the tracker turns them into tier snapshots.
@Suite struct TierTrackerTests {
    static let id = TargetID("redis://127.0.0.1:6379")

    static func sample(hits: Double, misses: Double, commands: Double, evictions: Double = 0, run: String = "a",
                       uptime: Double = 100) -> TierSample {
        var sample = TierSample(kind: .redis)
        sample.hits = hits; sample.misses = misses; sample.commands = commands; sample.evictions = evictions
        sample.instance = run; sample.uptimeSeconds = uptime; sample.usedMemoryBytes = 1000
        sample.maxMemoryBytes = 4000; sample.clients = 3; sample.rejectedConnections = 0
        return sample
    }

    @Test func ratesComeFromTwoPolls() throws {
        var tracker = TierTracker(capacity: 60)
        tracker.register(id: Self.id, name: "cache", kind: .redis, role: .sessionStore)
        tracker.ingest(Self.sample(hits: 100, misses: 100, commands: 1000), tier: Self.id, name: "cache", at: 0)
        var tier = try #require(tracker.snapshots().first)
        #expect(tier.hitRatio == nil && tier.opsPerSecond == nil, "one poll has no rate")
        #expect(tier.lifetimeHitRatio == 0.5)
        tracker.ingest(Self.sample(hits: 190, misses: 110, commands: 1200, evictions: 20, uptime: 102),
                       tier: Self.id, name: "cache", at: 2)
        tier = try #require(tracker.snapshots().first)
        #expect(tier.role == .sessionStore)
        #expect(tier.hitRatio == 0.9)
        #expect(tier.lookupRate == 50)
        #expect(tier.opsPerSecond == 100)
        #expect(tier.evictionsPerSecond == 10)
        #expect(tier.memoryRatio == 0.25)
        // Series keep about three significant digits.
        #expect(abs((tier.history.hitRatio.values.last ?? 0) - 0.9) < 1e-3)
    }

    @Test func aRestartIsAResetNotANegativeRate() throws {
        var tracker = TierTracker(capacity: 60)
        tracker.ingest(Self.sample(hits: 500, misses: 0, commands: 900), tier: Self.id, name: "cache", at: 0)
        tracker.ingest(Self.sample(hits: 5, misses: 5, commands: 10, run: "b", uptime: 1), tier: Self.id, name: "cache", at: 1)
        var tier = try #require(tracker.snapshots().first)
        #expect(tier.restarts == 1)
        #expect(tier.hitRatio == nil && tier.opsPerSecond == nil)
        tracker.ingest(Self.sample(hits: 9, misses: 5, commands: 20, run: "b", uptime: 2), tier: Self.id, name: "cache", at: 2)
        tier = try #require(tracker.snapshots().first)
        #expect(tier.hitRatio == 1)
        #expect(tier.opsPerSecond == 10)
    }

    @Test func aFailedPollMakesTheTierStaleWithAGap() throws {
        var tracker = TierTracker(capacity: 60)
        tracker.register(id: Self.id, name: "cache", kind: .redis, role: .cache)
        #expect(tracker.snapshots().first?.isStale == false, "registered, not yet polled: pending, not stale")
        tracker.ingest(Self.sample(hits: 1, misses: 1, commands: 1), tier: Self.id, name: "cache", at: 0)
        tracker.ingest(Self.sample(hits: 2, misses: 1, commands: 2), tier: Self.id, name: "cache", at: 1)
        tracker.markStale(tier: Self.id)
        let tier = try #require(tracker.snapshots().first)
        #expect(tier.isStale)
        #expect(tier.hitRatio == nil)
        #expect(tier.history.hitRatio.values.last?.isNaN == true)
        #expect(tier.usedMemoryBytes == 1000, "the last gauges stay for the detail")
    }
}
