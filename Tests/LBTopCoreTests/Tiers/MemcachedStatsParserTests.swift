import LBTopCore
import Testing

/// memcached 1.6.18's answer to `stats` (`memcached/stats-1.6.18.txt`, captured after one set and
/// two gets, one a miss), and the ways one can go wrong.
@Suite struct MemcachedStatsParserTests {
    @Test func readsTheOnCallFieldsOfTheCapturedStats() throws {
        let bytes = try Fixture.bytes("memcached/stats-1.6.18.txt")
        #expect(MemcachedStatsParser.isComplete(bytes[...]))
        let sample = try MemcachedStatsParser.parse(bytes[...])
        #expect(sample.kind == .memcached)
        #expect(sample.version == "1.6.18")
        #expect(sample.instance == "20326")
        #expect(sample.hits == 1)
        #expect(sample.misses == 1)
        #expect(sample.commands == 3, "cmd_get 2 + cmd_set 1")
        #expect(sample.usedMemoryBytes == 61)
        #expect(sample.maxMemoryBytes == 8_388_608)
        #expect(sample.evictions == 0)
        #expect(sample.clients == 1)
        #expect(sample.maxClients == 1024)
        #expect(sample.rejectedConnections == 0)
        #expect(sample.keys == 1)
        #expect(sample.expirations == nil, "memcached counts no expirations as such")
        #expect(sample.skippedLines == 0)
    }

    @Test func anAnswerWithoutEndIsCutShort() throws {
        let bytes = try Fixture.bytes("memcached/stats-1.6.18.txt")
        let cut = bytes.prefix(200)
        #expect(!MemcachedStatsParser.isComplete(cut))
        #expect(throws: TierAnswerError("memcached stats cut short: no END after 9 lines")) { try MemcachedStatsParser.parse(cut) }
    }

    @Test(arguments: [
        ("-ERR unknown command 'stats', with args beginning with: \r\n",
         "not a memcached answer: \"-ERR unknown command 'stats', with args \" (this port speaks Redis: use redis://)"),
        ("SERVER_ERROR out of memory\r\n", "memcached answered an error: \"SERVER_ERROR out of memory\""),
        ("HTTP/1.1 400 Bad Request\r\n\r\n", "not a memcached answer: \"HTTP/1.1 400 Bad Request\""),
        ("", "memcached closed the connection without an answer"),
    ])
    func aBadAnswerIsNamed(answer: String, message: String) {
        let bytes = Array(answer.utf8)
        #expect(answer.isEmpty || MemcachedStatsParser.isComplete(bytes[...]), "a first line that is no STAT ends the read")
        #expect(throws: TierAnswerError(message)) { try MemcachedStatsParser.parse(bytes[...]) }
    }

    @Test func aMalformedStatLineIsSkippedAndCounted() throws {
        let sample = try MemcachedStatsParser.parse(Array("STAT get_hits 4\r\nSTAT oops\r\nSTAT get_misses x\r\nEND\r\n".utf8)[...])
        #expect(sample.hits == 4)
        #expect(sample.misses == nil)
        #expect(sample.skippedLines == 2)
    }

    /// A count past `Int` (`curr_items 1888…8`) trapped; now it is a skipped line. The fuzzer's
    /// input (`Tests/fuzz/run.sh`, target memcached-stats), garbage lines and all.
    @Test func aCountPastIntIsSkippedNotATrap() throws {
        let fuzzed = try Fixture.bytes("fuzz/memcached-stats-ef37a256.bin")
        let sample = try MemcachedStatsParser.parse(fuzzed[...])
        #expect(sample.keys == nil)
        #expect(sample.usedMemoryBytes == 61)
        #expect(sample.skippedLines == 4, "three lines that are not STAT, and curr_items")
        let huge = try MemcachedStatsParser.parse(Array("STAT curr_connections 1e30\r\nSTAT max_connections -1e19\r\nEND\r\n".utf8)[...])
        #expect(huge.clients == nil)
        #expect(huge.maxClients == nil)
        #expect(huge.skippedLines == 2)
    }
}
