import Testing
@testable import LBTopCore

@Suite struct StderrTailTests {
    static let changedHostKey = """
        @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@
        @    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @
        Offending ED25519 key in /tmp/kh.changed:1
        Host key for [127.0.0.1]:29180 has changed and you have requested strict checking.
        Host key verification failed.

        """

    @Test func theLastLineIsTheError() {
        var tail = StderrTail()
        tail.append(Array("ssh: connect to host 127.0.0.1 port 29181: Connection refused\n".utf8))
        #expect(tail.errorLine == "ssh: connect to host 127.0.0.1 port 29181: Connection refused")
        tail.append(Array("Connection to 127.0.0.1 closed by remote host.\r\n\n".utf8))
        #expect(tail.errorLine == "Connection to 127.0.0.1 closed by remote host.")
        #expect(StderrTail().errorLine == nil)
    }

    @Test func aChangedHostKeyNamesTheHostBeforeTheVerdict() {
        var tail = StderrTail()
        tail.append(Array(Self.changedHostKey.utf8))
        #expect(tail.errorLine == "Host key for [127.0.0.1]:29180 has changed and you have requested strict checking. Host key verification failed.")
        var unknown = StderrTail()
        unknown.append(Array("Host key verification failed.\n".utf8))
        #expect(unknown.errorLine == "Host key verification failed.")
    }

    @Test func onlyTheLastBytesAreKept() {
        var tail = StderrTail(capacity: 100)
        for index in 0..<1000 { tail.append(Array("line \(index)\n".utf8)) }
        tail.append([UInt8](repeating: UInt8(ascii: "x"), count: 5000))
        #expect(tail.bytes.count == 100)
        #expect(tail.errorLine?.count == 100)
    }
}

@Suite struct ReconnectBackoffTests {
    @Test func oneSecondDoublingToThirtyThenAgainAfterAReset() {
        var backoff = ReconnectBackoff()
        #expect((0..<8).map { _ in backoff.delay() } == [1, 2, 4, 8, 16, 30, 30, 30])
        backoff.reset()
        #expect(backoff.delay() == 1)
    }
}

@Suite struct RemoteHostIdentityTests {
    @Test func ipv6AddressesAreWrittenAsHAProxyWritesThem() {
        #expect(RemoteAnswer.ipv6("00000000000000000000000000000001") == "::1")
        #expect(RemoteAnswer.ipv6("fe8000000000000000fc00fffe000001") == "fe80::fc:ff:fe00:1")
        #expect(RemoteAnswer.ipv6("20010DB8000000000000000000000005") == "2001:db8::5")
        #expect(RemoteAnswer.ipv6("xyz") == nil)
        #expect(RemoteAnswer.ipv6("g0000000000000000000000000000001") == nil)
    }

    @Test func aHelloWithoutTheMarkerIsNotTheScript() {
        #expect(RemoteAnswer(parts: [.init(name: "/proc/stat", bytes: [])]).hostIdentity == nil)
        let bare = RemoteAnswer(parts: [.init(name: RemoteProcScript.helloMarker, bytes: [])])
        #expect(bare.hostIdentity == RemoteHostIdentity())
    }
}
