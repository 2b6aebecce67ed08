import Foundation
import Testing
@testable import LBTopCore

@Suite struct DatagramDropTests {
    /// Datagrams the kernel drops because lbtop's UDP socket is full are counted as dropped lines:
    /// 200 sent to a socket with the kernel's smallest buffer, read only afterwards, then one more:
    /// each is either a line or dropped.
    @Test func datagramsTheKernelDroppedAreCounted() throws {
        let socket = try DatagramLogReceiver.bindUDP(host: "127.0.0.1", port: 0)
        defer { close(socket) }
        var smallest: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_RCVBUF, &smallest, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }

        let sender = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(sender) }
        let line = Array("<134>Dec  7 18:00:00 haproxy[1]: 127.0.0.1:40000 [07/Dec/2026:18:00:00.100] web app/s1 0/0/0/1/1 200 158 - - ---- 1/1/0/0/0 0/0 \"GET / HTTP/1.1\"".utf8)
        func send(_ count: Int) {
            for _ in 0..<count {
                _ = withUnsafePointer(to: &address) { pointer in
                    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                        line.withUnsafeBytes { sendto(sender, $0.baseAddress, $0.count, 0, target, length) }
                    }
                }
            }
        }
        let intake = LogIntake()
        var reader = DatagramLogReceiver.Reader()
        send(200)
        reader.readWaiting(socket, into: intake)
        // The kernel tells the count with the next datagram it queues.
        send(1)
        reader.readWaiting(socket, into: intake)
        let batch = intake.drain()
        #expect(batch.droppedLines > 0, "the smallest buffer held all 200")
        #expect(batch.lineCount + batch.droppedLines == 201, "\(batch.lineCount) lines, \(batch.droppedLines) dropped")
    }
}
