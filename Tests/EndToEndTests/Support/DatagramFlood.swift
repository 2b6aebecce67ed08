import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A log sender gone wild, in a test: from its own thread it sends HAProxy httplog lines as
/// syslog datagrams to 127.0.0.1:`port` (loopback only) at `rate` a second for at most `seconds`,
/// paced every millisecond. Bounded in count and time; `wait()` returns what it sent.
final class DatagramFlood: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var sent = 0
    private var elapsed = 0.0
    private var finished = false

    init(port: Int, rate: Int, seconds: Double, backend: String, servers: [String]) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard descriptor >= 0, connected else {
            if descriptor >= 0 { close(descriptor) }
            throw LoopbackError("cannot open a UDP socket to 127.0.0.1:\(port) for the flood")
        }
        // A few dozen distinct lines, made once: the sender's loop only sends.
        let lines = (0..<64).map { index in
            Array(("<134>Dec  7 18:00:00 haproxy[4242]: 127.0.0.1:\(40_000 + index) [07/Dec/2026:18:00:00.\(100 + index)] "
                   + "web \(backend)/\(servers[index % servers.count]) 0/0/0/\(index % 7 + 1)/\(index % 7 + 1) "
                   + "\(index % 16 == 0 ? 503 : 200) 158 - - ---- 1/1/0/0/0 0/0 \"GET /flood/\(index % 8) HTTP/1.1\"").utf8)
        }
        Thread { [self] in
            let total = Int(Double(rate) * seconds)
            let start = Date()
            var count = 0
            // sendmmsg: 64 datagrams a system call, so the sender keeps its rate on a busy machine.
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: lines.reduce(0) { $0 + $1.count }, alignment: 8)
            defer { bytes.deallocate() }
            var vectors: [iovec] = []
            var offset = 0
            for line in lines {
                let slot = UnsafeMutableRawBufferPointer(rebasing: bytes[offset..<offset + line.count])
                slot.copyBytes(from: line)
                vectors.append(iovec(iov_base: slot.baseAddress, iov_len: line.count))
                offset += line.count
            }
            vectors.withUnsafeMutableBufferPointer { vectors in
                var messages = (0..<vectors.count).map { index in
                    MultipleMessage(header: msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectors.baseAddress! + index, msg_iovlen: 1,
                                                   msg_control: nil, msg_controllen: 0, msg_flags: 0), length: 0)
                }
                while count < total {
                    let now = Date().timeIntervalSince(start)
                    if now >= seconds { break }
                    let due = min(total, Int(Double(rate) * now))
                    while count < due {
                        let batch = UInt32(min(messages.count, due - count))
                        let done = messages.withUnsafeMutableBytes { Self.sendmmsg(descriptor, $0.baseAddress!, batch, 0) }
                        if done <= 0 { usleep(100); break }
                        count += Int(done)
                    }
                    usleep(1_000)
                }
            }
            close(descriptor)
            lock.withLock { sent = count; elapsed = Date().timeIntervalSince(start); finished = true }
            done.signal()
        }.start()
    }

    /// glibc's `struct mmsghdr` (the Swift module leaves `sendmmsg` out: it is a GNU extension).
    private struct MultipleMessage {
        var header: msghdr
        var length: UInt32
    }

    private static let sendmmsg = unsafeBitCast(dlsym(nil, "sendmmsg"),
                                                to: (@convention(c) (Int32, UnsafeMutableRawPointer, UInt32, Int32) -> Int32).self)

    /// Whether the flood has ended.
    var isDone: Bool { lock.withLock { finished } }

    /// Waits for the flood to end: datagrams sent and the seconds it took.
    func wait() -> (sent: Int, seconds: Double) {
        done.wait()
        done.signal()
        return lock.withLock { (sent, elapsed) }
    }
}
