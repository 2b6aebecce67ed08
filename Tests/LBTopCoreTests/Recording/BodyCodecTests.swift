import Foundation
import Testing
@testable import LBTopCore

@Suite struct BodyCodecTests {
    /// The fixture with every number on odd lines moved, as the next poll's body would be.
    func nextPoll(_ body: [UInt8]) -> [UInt8] {
        var lines = String(decoding: body, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in stride(from: 1, to: lines.count, by: 2) {
            lines[index] = lines[index].split(separator: ",", omittingEmptySubsequences: false)
                .map { Int($0).map { "\($0 + 3)" } ?? String($0) }.joined(separator: ",")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test func aDeltaAgainstThePreviousBodyDecodesToTheBodyAndIsSmallerThanAKeyframe() throws {
        let first = try Fixture.bytes("haproxy/stats-2.6-http.csv")
        let second = nextPoll(first)
        #expect(first != second)
        let keyframe = BodyCodec.compress(second, prefix: nil)
        let delta = BodyCodec.compress(second, prefix: first)
        #expect(delta.count < keyframe.count)
        #expect(try BodyCodec.decompress(keyframe, prefix: nil, size: second.count) == second)
        #expect(try BodyCodec.decompress(delta, prefix: first, size: second.count) == second)
    }

    @Test func aDeltaWithTheWrongPrefixOrDamagedBytesIsAnErrorNotACrash() throws {
        let first = try Fixture.bytes("haproxy/stats-2.6-http.csv")
        let second = nextPoll(first)
        let delta = BodyCodec.compress(second, prefix: first)
        #expect(throws: RecordingError.self) { try BodyCodec.decompress(delta, prefix: nil, size: second.count) }
        var damaged = delta
        damaged[damaged.count / 2] ^= 0x5A
        #expect(throws: RecordingError.self) { try BodyCodec.decompress(damaged, prefix: first, size: second.count) }
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: RecordingError.self) { try BodyCodec.decompress(noise, prefix: nil, size: 4096) }
        #expect(throws: RecordingError.self) { try BodyCodec.decompress(delta, prefix: first, size: BodyCodec.maxBodySize + 1) }
    }

    @Test func anEmptyBodyRoundTrips() throws {
        let frame = BodyCodec.compress([], prefix: nil)
        #expect(try BodyCodec.decompress(frame, prefix: nil, size: 0) == [])
    }
}

@Suite struct ProcFramedTests {
    @Test func framedProcFilesReadBackAsWritten() {
        let framed = ProcFiles.Framed(files: ProcFiles(stat: Array("cpu 1 2 3\n".utf8), meminfo: Array("MemTotal: 1 kB\n".utf8),
                                                       netDev: []),
                                      hostname: "web1", addresses: ["10.0.0.1", "::1"], ticksPerSecond: 100)
        #expect(ProcFiles.Framed(framed.bytes) == framed)
    }

    @Test func bytesThatAreNotFramesAreRefused() {
        #expect(ProcFiles.Framed(Array("stat 99\nshort\n".utf8)) == nil)
        #expect(ProcFiles.Framed(Array("no length here\n".utf8)) == nil)
        #expect(ProcFiles.Framed(Array("stat 2\nabc".utf8)) == nil)
        #expect(throws: CollectError.self) { try PayloadDecoder.proc.decode(Array("garbage".utf8)) }
    }
}

@Suite struct RecordingNamesAndTimesTests {
    @Test func theFileNameExpandsTheStartTime() {
        var seconds = time_t(1_764_000_000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let expected = String(format: "lb-%04d%02d%02d-%02d%02d%02d-%%x.lbrec", parts.tm_year + 1900, parts.tm_mon + 1,
                              parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec)
        #expect(RecordingPath.expand("lb-%Y%m%d-%H%M%S-%%x.lbrec", at: 1_764_000_000) == expected)
    }

    @Test func replayTimesAreClockTimesOnTheRecordingsDayOrOffsetsFromItsStart() {
        let start = 1_764_000_000.0
        #expect(ReplayTime.parse("+5m", start: start) == start + 300)
        #expect(ReplayTime.parse("+90s", start: start) == start + 90)
        var seconds = time_t(start)
        var parts = tm()
        localtime_r(&seconds, &parts)
        let clock = String(format: "%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
        #expect(ReplayTime.parse(clock, start: start) == start)
        #expect(ReplayTime.parse("soon", start: start) == nil)
        #expect(ReplayTime.parse("25", start: start) == nil)
    }
}
