import Foundation
import Testing
import LBTopCore
@testable import LBTopUI

/// The servers view with what the fix is made of: PERSIST where a backend uses persistence, a
/// server marked new, an empty template slot as `free`, the servers gone lately, and the cache
/// and session tiers under them.
@Suite struct ServersViewFixPartsTests {
    static let target = TargetID("unix:///run/haproxy.sock")

    static func server(_ backend: String, _ name: String, _ state: ServerState, persistent: Double? = nil,
                       appeared: Double? = nil) -> ServerSnapshot {
        var server = ServerSnapshot(id: ServerID(target: target, backend: backend, server: name), state: state,
                                    weight: 1, requestRate: state.isServing ? 10 : 0,
                                    persistentShare: persistent, usesPersistence: persistent != nil)
        server.secondsSinceAppeared = appeared
        return server
    }

    static func snapshot(persistence: Bool) -> Snapshot {
        var snapshot = Snapshot(
            servers: [
                server("shop", "s1", ServerState(kind: .up), persistent: persistence ? 0.93 : nil),
                server("shop", "s2", ServerState(kind: .up), appeared: 40),
                server("tpl", "web3", ServerState(kind: .maint, detail: "resolution")),
            ],
            tiers: [TierSnapshot(id: TargetID("sessions"), name: "sessions", kind: .redis, role: .sessionStore,
                                 hitRatio: 0.75, opsPerSecond: 120, usedMemoryBytes: 1_048_576,
                                 maxMemoryBytes: 67_108_864, evictionsPerSecond: 0, clients: 5)])
        snapshot.goneServers = [GoneServer(id: ServerID(target: target, backend: "shop", server: "old"),
                                           lastState: ServerState(kind: .maint), secondsAgo: 12)]
        snapshot.usesPersistence = persistence
        return snapshot
    }

    func lines(_ snapshot: Snapshot, width: Int = 100, height: Int = 16) -> [String] {
        renderView(ServersView(), ViewContext(snapshot: snapshot), width: width, height: height).lines
    }

    @Test func persistNewFreeGoneAndTiers() throws {
        let screen = lines(Self.snapshot(persistence: true))
        #expect(screen[0].contains("SHR/FAIR PERSIST"), "\(screen[0])")
        let s1 = try #require(screen.first { $0.hasPrefix("shop/s1 ") })
        #expect(s1.contains("93%"), "\(s1)")
        #expect(screen.contains { $0.hasPrefix("shop/s2 new ") }, "\(screen)")
        let slot = try #require(screen.first { $0.hasPrefix("tpl/web3 ") })
        #expect(slot.contains(" free "), "\(slot)")
        #expect(screen.contains { $0.hasPrefix("gone: shop/old (MAINT) 12s ago") }, "\(screen)")
        let title = try #require(screen.firstIndex { $0.hasPrefix("Cache and session tiers") })
        #expect(screen[title + 1].hasPrefix("TIER ") && screen[title + 1].contains("HIT%"))
        let tier = screen[title + 2]
        #expect(tier.hasPrefix("sessions ") && tier.contains("session") && tier.contains("75%"), "\(tier)")
    }

    @Test func noPersistColumnWithoutPersistence() {
        let screen = lines(Self.snapshot(persistence: false))
        #expect(!screen[0].contains("PERSIST"), "\(screen[0])")
    }
}
