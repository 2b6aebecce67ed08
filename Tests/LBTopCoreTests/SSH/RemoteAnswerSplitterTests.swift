import Foundation
import Testing
@testable import LBTopCore

/// The splitter over a captured session (real ssh 9.2 + sshd 9.2 + Debian's mawk: the hello, then
/// two poll answers) and over answers broken every way a connection can break them.
@Suite struct RemoteAnswerSplitterTests {
    static let session = { try! Fixture.bytes("ssh/session-openssh-9.2-mawk.bin") }()
    static let marker = UInt8(0x1E)

    /// Every answer in `bytes`, in order, and what was left after the last one.
    private func answers(_ bytes: [UInt8]) -> (answers: [RemoteAnswer], rest: RemoteAnswerSplitter.Outcome) {
        var found: [RemoteAnswer] = []
        var start = 0
        while true {
            let outcome = RemoteAnswerSplitter.split(bytes[start...])
            guard case .answer(let answer, let consumed) = outcome else { return (found, outcome) }
            #expect(consumed > 0)
            found.append(answer)
            start += consumed
        }
    }

    @Test func capturedSessionIsAHelloThenTwoPollAnswers() throws {
        let (found, rest) = answers(Self.session)
        #expect(rest == .incomplete)
        #expect(found.count == 3)
        let hello = try #require(found.first)
        #expect(hello.parts.map(\.name) == ["lbtop-proc 1", "/proc/sys/kernel/hostname", "ipv4", "/proc/net/if_inet6"])
        let identity = try #require(hello.hostIdentity)
        #expect(identity.hostname == "vm")
        #expect(identity.addresses == ["127.0.0.1", "192.0.2.2", "fd00::2", "fe80::fc:ff:fe00:1", "::1"])
        for poll in found.dropFirst() {
            #expect(poll.parts.map(\.name) == RemoteProcScript.pollFiles)
            #expect(poll.missing.isEmpty)
            #expect(poll.hostIdentity == nil)
            let sample = try SSHNodeCollector.sample(poll, identity: identity)
            #expect(sample.cpuCount == 2)
            #expect((sample.memoryTotalBytes ?? 0) > 0)
            #expect(sample.load1 != nil && sample.uptimeSeconds != nil)
            #expect(sample.interfaces.map(\.name).contains("eth0"))
            #expect(sample.skippedLines == 0)
            #expect(sample.addresses == identity.addresses)
        }
    }

    @Test func eachPartHoldsExactlyItsFileLines() throws {
        let (found, _) = answers(Self.session)
        let poll = try #require(found.last)
        let stat = String(decoding: try #require(poll.bytes(of: "/proc/stat")), as: UTF8.self)
        #expect(stat.hasPrefix("cpu  "))
        #expect(stat.hasSuffix("\n"))
        #expect(!stat.contains("\u{1E}"))
        let loadavg = String(decoding: try #require(poll.bytes(of: "/proc/loadavg")), as: UTF8.self)
        #expect(loadavg.split(separator: "\n").count == 1)
    }

    @Test func everyCutOfTheSessionIsIncompleteNeverAWrongAnswer() {
        let (whole, _) = answers(Self.session)
        // Every cut next to a line end or a marker, where framing decisions are made, and every 31st byte.
        let edges = Self.session.indices.filter { Self.session[$0] == 10 || Self.session[$0] == Self.marker }
        let cuts = Set(edges.flatMap { [$0 - 1, $0, $0 + 1] } + Array(stride(from: 0, to: Self.session.count, by: 31)))
            .filter { $0 >= 0 && $0 < Self.session.count }
        for cut in cuts.sorted() {
            let (found, rest) = answers(Array(Self.session[..<cut]))
            #expect(rest == .incomplete, "cut at \(cut)")
            #expect(found == Array(whole.prefix(found.count)), "cut at \(cut)")
        }
    }

    @Test func bytesBeforeTheFirstMarkerAreUnexpectedOutput() throws {
        let nologin = try Fixture.bytes("ssh/nologin.txt")
        #expect(RemoteAnswerSplitter.split(nologin[...]) == .unexpected(line: "This account is currently not available."))
        #expect(RemoteAnswerSplitter.split((nologin + Self.session)[...]) == .unexpected(line: "This account is currently not available."))
        // Known at the first byte: no need to wait for the end of the line.
        #expect(RemoteAnswerSplitter.split(Array("Wel".utf8)[...]) == .unexpected(line: "Wel"))
    }

    @Test func aLineOutsideAnyPartIsUnexpected() {
        let bytes = Array("\u{1E}missing /proc/stat\nstray\n\u{1E}end\n".utf8)
        #expect(RemoteAnswerSplitter.split(bytes[...]) == .unexpected(line: "stray"))
    }

    @Test func missingFilesAreListedAndTheirPartsAbsent() throws {
        let bytes = Array("\u{1E}/proc/stat\ncpu  1 2 3 4\n\u{1E}missing /proc/meminfo\n\u{1E}end\nrest".utf8)
        guard case .answer(let answer, let consumed) = RemoteAnswerSplitter.split(bytes[...]) else {
            Issue.record("expected an answer"); return
        }
        #expect(consumed == bytes.count - 4)
        #expect(answer.missing == ["/proc/meminfo"])
        #expect(answer.bytes(of: "/proc/meminfo") == nil)
        #expect(answer.bytes(of: "/proc/stat") == Array("cpu  1 2 3 4\n".utf8))
        #expect(throws: CollectError(.badPayload, "the remote has no /proc/meminfo (an ssh:// node reads Linux /proc)")) {
            try SSHNodeCollector.sample(answer, identity: RemoteHostIdentity())
        }
    }

    @Test func emptyPartsAndAnEmptyAnswerAreAnswers() {
        let empty = Array("\u{1E}end\n".utf8)
        #expect(RemoteAnswerSplitter.split(empty[...]) == .answer(RemoteAnswer(), consumed: empty.count))
        let blank = Array("\u{1E}/proc/uptime\n\u{1E}end\n".utf8)
        #expect(RemoteAnswerSplitter.split(blank[...])
                == .answer(RemoteAnswer(parts: [.init(name: "/proc/uptime", bytes: [])]), consumed: blank.count))
    }

    @Test func aSliceThatDoesNotStartAtZeroCountsFromItsOwnStart() throws {
        let bytes = Array("xx\u{1E}end\n\u{1E}end\n".utf8)
        #expect(RemoteAnswerSplitter.split(bytes[2...]) == .answer(RemoteAnswer(), consumed: 5))
        #expect(RemoteAnswerSplitter.split(bytes[7...]) == .answer(RemoteAnswer(), consumed: 5))
    }

    @Test func unexpectedLinesArePrintableAndShort() {
        let hostile = Array("\u{1B}[2J\u{7}evil\r\n".utf8)
        #expect(RemoteAnswerSplitter.split(hostile[...]) == .unexpected(line: "?[2J?evil"))
        let long = Array(String(repeating: "é", count: 300).utf8) + [10]
        guard case .unexpected(let line) = RemoteAnswerSplitter.split(long[...]) else { Issue.record("expected unexpected"); return }
        #expect(line == String(repeating: "é", count: 120) + "…")
    }

    @Test func aPollAnswerWithoutCPUOrMemoryIsAClearError() throws {
        let bytes = Array("\u{1E}/proc/stat\nnot a stat file\n\u{1E}/proc/meminfo\n\u{1E}end\n".utf8)
        guard case .answer(let answer, _) = RemoteAnswerSplitter.split(bytes[...]) else { Issue.record("expected an answer"); return }
        #expect(throws: CollectError(.badPayload, "no cpu line in the remote /proc/stat or no MemTotal in its /proc/meminfo")) {
            try SSHNodeCollector.sample(answer, identity: RemoteHostIdentity())
        }
    }

    @Test func randomlyBrokenSessionsNeverCrashAndNeverOverConsume() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var bytes = Self.session
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.remove(at: index)
                default: bytes.insert(Int.random(in: 0..<2, using: &generator) == 0 ? Self.marker : 10, at: index)
                }
            }
            var start = 0
            while case .answer(_, let consumed) = RemoteAnswerSplitter.split(bytes[start...]) {
                #expect(consumed > 0 && start + consumed <= bytes.count)
                start += consumed
            }
        }
    }
}
