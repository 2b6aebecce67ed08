import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What rsyslog does for HAProxy, in a test: receives syslog datagrams on a UDP port and appends
/// each to a file, reopening the path when asked (after a rotation by rename) and writing at the
/// new end after a truncation (O_APPEND, as logrotate's `copytruncate` expects).
final class SyslogFileWriter: @unchecked Sendable {
    let port: Int
    let path: String
    private let socket: Int32
    private let lock = NSLock()
    private var file: Int32
    private var stopped = false
    private var written = 0
    private let done = DispatchSemaphore(value: 0)

    init(path: String) throws {
        self.path = path
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard descriptor >= 0, bound else {
            if descriptor >= 0 { close(descriptor) }
            throw LoopbackError("cannot bind a UDP port for the syslog writer")
        }
        socket = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
        file = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Thread { [self] in run() }.start()
    }

    /// Datagrams written so far.
    var lines: Int { lock.withLock { written } }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !lock.withLock({ stopped }) {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { continue }
            lock.withLock {
                _ = buffer.withUnsafeBytes { write(file, $0.baseAddress, count) }
                written += 1
            }
        }
        done.signal()
    }

    /// Rotation by rename: moves the file to `to` and starts a new one at `path`.
    func rotate(to: String) {
        lock.withLock {
            rename(path, to)
            close(file)
            file = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
    }

    /// Rotation by truncation (`copytruncate`).
    func truncate() { lock.withLock { _ = ftruncate(file, 0) } }

    func stop() {
        let running = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard running else { return }
        done.wait()
        close(socket)
        close(file)
    }

    deinit { stop() }
}
