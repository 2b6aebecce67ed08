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
                                 maxMemoryBytes: 67_108_864, evictionsPerSecond: 0, expirationsPerSecond: 2.5,
                                 clients: 5, keys: 1234)])
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
        // What a session store holds and lets expire, on a screen wide enough for them.
        let wide = lines(Self.snapshot(persistence: true), width: 160)
        let header = try #require(wide.first { $0.hasPrefix("TIER ") })
        #expect(header.contains("KEYS") && header.contains("EXP/S"), "\(header)")
        let row = try #require(wide.first { $0.hasPrefix("sessions ") })
        #expect(row.contains(" 1.2k ") && row.contains(" 2.5 "), "\(row)")
    }

    @Test func noPersistColumnWithoutPersistence() {
        let screen = lines(Self.snapshot(persistence: false))
        #expect(!screen[0].contains("PERSIST"), "\(screen[0])")
    }

    @Test func aBackendsDetailSaysWhenItsServerCountChanged() throws {
        // 4 servers, then 7 from the poll 120 s before the snapshot at 14:04:00 UTC: scaled at 14:02.
        let counts = [Double](repeating: 4, count: 60) + [Double](repeating: 7, count: 121)
        let time = Date(timeIntervalSince1970: 14 * 3600 + 4 * 60)
        func line(_ counts: [Double]) -> String {
            let backend = ProxySnapshot(id: ProxyID(target: Self.target, proxy: "shop"), kind: .backend, status: "UP",
                                        history: ProxyHistory(serverCount: Series(counts)))
            let snapshot = Snapshot(time: time, interval: 1, backends: [backend])
            let context = ViewContext(snapshot: snapshot, clockZone: .utc)
            return renderView(DetailView(subject: .proxy(backend.id)), context, width: 100, height: 6).lines[0]
        }
        #expect(line(counts).contains("servers 4→7 at 14:02"), "\(line(counts))")
        let twice = [Double](repeating: 4, count: 30) + [Double](repeating: 6, count: 30) + counts.suffix(121)
        #expect(line(twice).contains("servers 4→7 (6→7 at 14:02)"), "\(line(twice))")
    }

    @Test func theDetailsSayWhatPersistenceAndTheStickTableHold() {
        var server = Self.server("shop", "s1", ServerState(kind: .up), persistent: 0.93)
        server.stickEntries = 2
        var backend = ProxySnapshot(id: ProxyID(target: Self.target, proxy: "shop"), kind: .backend, status: "UP")
        backend.stickTable = StickTable(name: "shop", type: "ip", size: 1024, used: 4, contentsDenied: true)
        let snapshot = Snapshot(backends: [backend], servers: [server])
        let context = ViewContext(snapshot: snapshot, clockZone: .utc)
        let serverLine = renderView(DetailView(subject: .server(server.id)), context, width: 120, height: 6).lines[0]
        #expect(serverLine.contains("93% by persistence  2 stick entries"), "\(serverLine)")
        let backendLine = renderView(DetailView(subject: .proxy(backend.id)), context, width: 120, height: 6).lines[0]
        #expect(backendLine.contains("stick table 4/1024 (entries per server need level operator)"), "\(backendLine)")
    }

    @Test func theTrafficViewShowsCacheServerCountAndAheadOnlyWhereTheyHaveSomethingToSay() throws {
        func backend(_ name: String) -> ProxySnapshot {
            ProxySnapshot(id: ProxyID(target: Self.target, proxy: name), kind: .backend, status: "UP", requestRate: 10)
        }
        var cached = backend("cached"), scaled = backend("scaled"), ramping = backend("ramping")
        cached.cacheHitRatio = 0.85; cached.cacheLookupRate = 20
        scaled.history = ProxyHistory(serverCount: Series([4, 4, 7]))
        ramping.forecast = CapacityForecast(server: ServerID(target: Self.target, backend: "ramping", server: "r1"),
                                            resource: .sessions, secondsToSaturation: 420, earliestSeconds: 300,
                                            latestSeconds: 600, servers: 2, serversNeeded: 4)
        func screen(_ backends: [ProxySnapshot]) -> [String] {
            renderView(TrafficView(), ViewContext(snapshot: Snapshot(backends: backends)), width: 160, height: 5).lines
        }
        let plain = screen([backend("plain")])[0]
        #expect(!plain.contains("CACHE") && !plain.contains("SRV") && !plain.contains("AHEAD"), "\(plain)")
        let lines = screen([cached, scaled, ramping])
        #expect(lines[0].contains("CACHE") && lines[0].contains("SRV") && lines[0].contains("AHEAD"), "\(lines[0])")
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { (String($0.prefix { $0 != " " }), $0) })
        #expect(try #require(rows["cached"]).contains(" 85% "), "\(rows)")
        #expect(try #require(rows["scaled"]).contains(" 4→7 "), "\(rows)")
        #expect(try #require(rows["ramping"]).contains(" 7m00s +2 "), "\(rows)")
        // Where the column shows, a backend without a significant trend reads `—` (right-aligned
        // under AHEAD).
        let header = Array(lines[0])
        let cachedRow = Array(try #require(rows["cached"])), rampingRow = Array(try #require(rows["ramping"]))
        let aheadEnd = try #require((0...(header.count - 5)).first { String(header[$0..<($0 + 5)]) == "AHEAD" }) + 4
        #expect(cachedRow[aheadEnd] == "—" && rampingRow[aheadEnd] == "2", "\(lines)")
    }
}
