import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `redis://` and `memcached://` targets against a real `redis-server` and `memcached`: the
    /// figures are those the servers report, a stopped or refusing tier (or one whose `INFO` is cut
    /// short) is stale with a clear error while the others update, and a key flood over
    /// `maxmemory` raises `tier-evictions`.
    @Suite struct TierTargetsTests {
        @Test func figuresMatchInfoAndStatsThenStoppedTiersAreDown() async throws {
            let redis = try await offPool { try TierProcess.redis(["--maxmemory", "64mb"]) }
            let memcached = try await offPool { try TierProcess.memcached() }
            defer { redis.stop(); memcached.stop() }
            // 3 hits and 1 miss in Redis, 2 and 2 in memcached.
            _ = try redis.session("SET a 1\r\nSET b 2\r\nGET a\r\nGET a\r\nGET b\r\nGET nope\r\nQUIT\r\n")
            _ = try memcached.session("set k 0 0 1\r\nx\r\nget k\r\nget k\r\nget nope\r\nget nope\r\nquit\r\n")
            let config = try Self.config("""
                [[tier]]
                name = "sessions"
                url = "redis://127.0.0.1:\(redis.port)"
                role = "session-store"

                [[tier]]
                name = "cache"
                url = "memcached://127.0.0.1:\(memcached.port)"
                """)
            let run = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "0.5s", "--config", config]) }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let info = try redis.redisInfo(), stats = try memcached.memcachedStats()
            let document = try run.document()
            let tiers = Dictionary(uniqueKeysWithValues: document.tiers.map { ($0.name, $0) })
            let sessions = try #require(tiers["sessions"]), cache = try #require(tiers["cache"])
            #expect(sessions.kind == "redis" && sessions.role == "session-store" && !sessions.stale)
            #expect(sessions.hits == 3 && sessions.misses == 1)
            #expect(info["keyspace_hits"] == "3" && info["keyspace_misses"] == "1")
            #expect(sessions.lifetimeHitRatio == 0.75)
            #expect(sessions.hitRatio == nil, "no lookup between the two polls")
            #expect(sessions.maxMemoryBytes == Double(info["maxmemory"] ?? ""))
            let used = try #require(Double(info["used_memory"] ?? "")), seen = try #require(sessions.usedMemoryBytes)
            #expect(abs(used - seen) < 64 * 1024, "used_memory \(used) read as \(seen)")
            #expect(sessions.keys == 2 && sessions.clients != nil && sessions.version == info["redis_version"])
            #expect(cache.kind == "memcached" && cache.role == "cache" && !cache.stale)
            #expect(cache.hits == 2 && cache.misses == 2 && cache.lifetimeHitRatio == 0.5)
            #expect(stats["get_hits"] == "2" && stats["get_misses"] == "2")
            #expect(cache.maxMemoryBytes == Double(stats["limit_maxbytes"] ?? "") && cache.keys == 1)
            #expect(cache.usedMemoryBytes == Double(stats["bytes"] ?? ""))

            redis.stop()
            memcached.stop()
            let down = try await offPool { try LBTopBinary.run(["--once", "--json", "--interval", "0.3s", "--config", config]) }
            #expect(down.status == 1, "no target could be read")
            let after = try down.document()
            #expect(after.tiers.allSatisfy { $0.stale })
            #expect(after.targets.map(\.error) == [
                "connection refused (127.0.0.1:\(redis.port))", "connection refused (127.0.0.1:\(memcached.port))",
            ])
            #expect(after.alerts.map { "\($0.rule) \($0.severity.rawValue) \($0.subject)" }.sorted() == [
                "session-store-down critical session store sessions", "tier-down warning tier cache",
            ])
        }

        @Test func aPasswordAnotherProtocolAndAFloodOverMaxmemory() async throws {
            let redis = try await offPool {
                try TierProcess.redis(["--requirepass", "s3cret", "--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru"])
            }
            let memcached = try await offPool { try TierProcess.memcached() }
            let cutShort = try await offPool { try FaultyEndpoint.start(.redisInfoCutShort) }
            defer { redis.stop(); memcached.stop(); cutShort.stop() }
            let config = try Self.config("""
                [[tier]]
                name = "cutshort"
                url = "\(cutShort.url)"

                [[tier]]
                name = "authed"
                url = "redis://127.0.0.1:\(redis.port)"
                password_env = "LBTOP_TEST_REDIS_SECRET"

                [[tier]]
                name = "nopassword"
                url = "redis://127.0.0.1:\(redis.port)"

                [[tier]]
                name = "wrongport"
                url = "redis://127.0.0.1:\(memcached.port)"

                [rules.tier-evictions]
                for = "0s"
                """)
            // 1 KB values at random keys, far more than 2 MB: Redis evicts all along.
            let flood = try Self.flood(port: redis.port, password: "s3cret")
            defer { if flood.isRunning { kill(flood.processIdentifier, SIGKILL); flood.exitStatus() } }
            try await offPool {
                try waitUntil(10, "the first evictions") { (Int(try redis.redisInfo(password: "s3cret")["evicted_keys"] ?? "") ?? 0) > 0 }
            }
            let run = try await offPool {
                try LBTopBinary.run(["--once", "--json", "--interval", "1s", "--config", config],
                                    environment: ["LBTOP_TEST_REDIS_SECRET": "s3cret"])
            }
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let document = try run.document()
            let targets = Dictionary(uniqueKeysWithValues: document.targets.map { ($0.id, $0) })
            #expect(targets["authed"]?.health == .fresh)
            #expect(targets["nopassword"]?.error
                == "Redis wants a password (NOAUTH): set LBTOP_REDIS_PASSWORD or password_env in the config's [[tier]]")
            #expect(targets["wrongport"]?.error == "not a Redis answer: \"ERROR\" (this port speaks memcached: use memcached://)")
            #expect(targets["cutshort"]?.error == "Redis INFO cut short: 32 of 4959 bytes", "\(targets["cutshort"]?.error ?? "")")
            let authed = try #require(document.tiers.first { $0.name == "authed" })
            #expect((authed.evictionsPerSecond ?? 0) > 0, "evictions/s \(authed.evictionsPerSecond ?? -1)")
            #expect(authed.maxMemoryBytes == Double(2 * 1024 * 1024))
            #expect(document.alerts.contains { $0.rule == "tier-evictions" && $0.subject == "tier authed" },
                    "alerts: \(document.alerts.map(\.id))")
            #expect(!document.alerts.contains { $0.rule == "target-stale" }, "tiers raise their own rules")
        }

        /// A config file in a private temp dir.
        static func config(_ text: String) throws -> String {
            let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-tiercfg-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("config.toml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// `redis-benchmark` setting 1 KB values at random keys: bounded by its request count
        /// (a few seconds here), stopped by PID when the test ends first.
        static func flood(port: Int, password: String) throws -> Process {
            let executable = try Executable.find("redis-benchmark", package: "redis-tools")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-h", "127.0.0.1", "-p", String(port), "-a", password, "-t", "set", "-n", "400000",
                                 "-r", "10000000", "-d", "1000", "-c", "4", "-q"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
    }
}
