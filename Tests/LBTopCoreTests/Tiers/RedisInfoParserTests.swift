import LBTopCore
import Testing

/// Redis `INFO` answers as Redis 7.0.15 writes them (`redis/info-7.0.txt`), and every way one can
/// go wrong: each a clear message.
@Suite struct RedisInfoParserTests {
    /// The fixture as the reply on the wire: `$<length>\r\n`, the body, `\r\n`.
    static func reply(_ body: [UInt8]) -> [UInt8] { Array("$\(body.count)\r\n".utf8) + body + Array("\r\n".utf8) }

    @Test func readsTheOnCallFieldsOfTheCapturedInfo() throws {
        let body = try Fixture.bytes("redis/info-7.0.txt")
        let sample = try RedisInfoParser.parse(Self.reply(body)[...])
        #expect(sample.kind == .redis)
        #expect(sample.version == "7.0.15")
        #expect(sample.instance == "e538c39e05aacb69c6185ecf343b2ef6fb84a5e6")
        #expect(sample.usedMemoryBytes == 2_098_552)
        #expect(sample.maxMemoryBytes == 67_108_864)
        #expect(sample.evictions == 2773)
        #expect(sample.expirations == 0)
        #expect(sample.hits == 552)
        #expect(sample.misses == 1448)
        #expect(sample.commands == 6006)
        #expect(sample.rejectedConnections == 4)
        #expect(sample.clients == 1)
        #expect(sample.keys == 958)
        #expect(sample.keysWithExpiry == 1)
        #expect(sample.skippedLines == 0)
    }

    @Test func anAuthOKBeforeTheInfoIsRead() throws {
        let body = Array("# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:5\r\nmaxmemory:0\r\n".utf8)
        let sample = try RedisInfoParser.parse((Array("+OK\r\n".utf8) + Self.reply(body))[...])
        #expect(sample.version == "7.0.15")
        #expect(sample.maxMemoryBytes == nil, "maxmemory 0 is no limit")
        #expect(sample.keys == 0, "an empty Redis lists no database: 0 keys")
    }

    @Test func aLineWithoutColonOrANumberThatIsNoneIsSkippedAndCounted() throws {
        let body = Array("# Stats\r\ngarbage\r\nevicted_keys:many\r\nkeyspace_hits:3\r\n".utf8)
        let sample = try RedisInfoParser.parse(Self.reply(body)[...])
        #expect(sample.skippedLines == 2)
        #expect(sample.evictions == nil)
        #expect(sample.hits == 3)
    }

    @Test(arguments: [
        ("-NOAUTH Authentication required.\r\n",
         "Redis wants a password (NOAUTH): set LBTOP_REDIS_PASSWORD or password_env in the config's [[tier]]"),
        ("-WRONGPASS invalid username-password pair or user is disabled.\r\n-NOAUTH Authentication required.\r\n",
         "Redis refused the password (WRONGPASS invalid username-password pair or user is disabled.)"),
        ("-ERR max number of clients reached\r\n", "Redis answered an error: ERR max number of clients reached"),
        ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\n\r\n",
         "not a Redis answer: \"HTTP/1.1 400 Bad Request\""),
        ("ERROR\r\n", "not a Redis answer: \"ERROR\" (this port speaks memcached: use memcached://)"),
        ("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n", "not a Redis answer: \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\""),
        ("", "Redis closed the connection without an answer"),
    ])
    func aBadAnswerIsNamed(answer: String, message: String) {
        #expect(throws: TierAnswerError(message)) { try RedisInfoParser.parse(Array(answer.utf8)[...]) }
    }

    @Test func anInfoCutShortSaysHowMuchArrived() throws {
        let whole = Self.reply(try Fixture.bytes("redis/info-7.0.txt"))
        let cut = whole.prefix(1007)  // `$4959\r\n` and 1,000 bytes of the body
        #expect(throws: TierAnswerError("Redis INFO cut short: 1000 of 4959 bytes")) { try RedisInfoParser.parse(cut) }
        #expect(!RedisInfoParser.isComplete(cut, replies: 1))
        #expect(RedisInfoParser.isComplete(whole[...], replies: 1))
    }

    @Test func completenessCountsReplies() {
        let ok = Array("+OK\r\n".utf8), info = Self.reply(Array("a:1\r\n".utf8))
        #expect(!RedisInfoParser.isComplete(ok[...], replies: 2))
        #expect(RedisInfoParser.isComplete((ok + info)[...], replies: 2))
        #expect(!RedisInfoParser.isComplete(Array("$5\r\na:1".utf8)[...], replies: 1))
        #expect(!RedisInfoParser.isComplete(Array("-NOAU".utf8)[...], replies: 1))
        #expect(RedisInfoParser.isComplete(Array("SSH-2.0".utf8)[...], replies: 1), "another protocol ends the read")
    }

    /// Found by `Tests/fuzz/run.sh` (target redis-info): a blank line where the second reply should
    /// start trapped (a reply with no type byte); it is not Redis, so the read ends.
    @Test func aBlankLineWhereAReplyStartsIsNotRedis() throws {
        let fuzzed = try Fixture.bytes("fuzz/redis-info-5e73ae65.bin")
        #expect(RedisInfoParser.isComplete(fuzzed[...], replies: 2))
        #expect(RedisInfoParser.isComplete(Array(":1\r\n\r\n".utf8)[...], replies: 2))
        #expect(throws: TierAnswerError("not a Redis answer: \"\"")) {
            try RedisInfoParser.parse(Array("+OK\r\n\r\n".utf8)[...])
        }
    }

    /// Numbers near `Int.max`: an announced length, a client count, keys summed over databases.
    @Test func numbersPastIntAreNeverATrap() throws {
        let announced = Array("$9223372036854775807\r\nabc".utf8)[...]
        #expect(!RedisInfoParser.isComplete(announced, replies: 1))
        #expect(throws: TierAnswerError.self) { try RedisInfoParser.parse(announced) }
        let body = Array("uptime_in_seconds:5\r\nconnected_clients:1e30\r\ndb0:keys=9223372036854775807,expires=0\r\ndb1:keys=1,expires=0\r\n".utf8)
        let sample = RedisInfoParser.parseInfo(body[...])
        #expect(sample.clients == nil)
        #expect(sample.keys == Int.max, "db1 would overflow the sum: skipped")
        #expect(sample.skippedLines == 2)
    }
}
