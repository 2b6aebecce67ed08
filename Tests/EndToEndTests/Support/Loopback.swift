import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Small POSIX helpers for tests talking to real servers on 127.0.0.1.
enum Loopback {
    /// A TCP port that was free a moment ago (bound to port 0 and read back).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw LoopbackError("bind to 127.0.0.1:0 failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// True once something accepts TCP connections on 127.0.0.1:`port`.
    static func isListening(port: Int) -> Bool {
        guard let fd = connectTCP(port: port) else { return false }
        close(fd)
        return true
    }

    /// A socket connected to 127.0.0.1:`port` with a 5 s receive timeout; nil when refused.
    private static func connectTCP(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Sends `GET path` (HTTP/1.0, or HTTP/1.1 with `Connection: close`, one connection) to
    /// 127.0.0.1:`port`, with `headers` (whole lines without the line end); returns the status code.
    static func get(port: Int, path: String, headers: [String] = [], http11: Bool = false) throws -> Int {
        guard let fd = connectTCP(port: port) else { throw LoopbackError("cannot connect to 127.0.0.1:\(port)") }
        defer { close(fd) }
        let extra = (http11 ? ["Connection: close"] : []).map { $0 + "\r\n" }.joined() + headers.map { $0 + "\r\n" }.joined()
        try writeAll(fd, Array("GET \(path) HTTP/1.\(http11 ? 1 : 0)\r\nHost: 127.0.0.1\r\n\(extra)\r\n".utf8))
        let answer = String(decoding: readToEOF(fd), as: UTF8.self)
        let parts = answer.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw LoopbackError("no HTTP status from 127.0.0.1:\(port): \(answer.prefix(80))")
        }
        return status
    }

    /// Writes `text` to 127.0.0.1:`port` and reads until the peer closes.
    static func tcpSession(port: Int, _ text: String) throws -> String {
        guard let fd = connectTCP(port: port) else { throw LoopbackError("cannot connect to 127.0.0.1:\(port)") }
        defer { close(fd) }
        try writeAll(fd, Array(text.utf8))
        return String(decoding: readToEOF(fd), as: UTF8.self)
    }

    /// Sends one line to a UNIX stream socket and reads the answer until the peer closes.
    static func unixCommand(_ path: String, _ line: String) throws -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError("socket() failed") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < MemoryLayout.size(ofValue: address.sun_path) else { throw LoopbackError("socket path too long: \(path)") }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
        guard connected else { throw LoopbackError("cannot connect to \(path)") }
        try writeAll(fd, Array((line + "\n").utf8))
        return String(decoding: readToEOF(fd), as: UTF8.self)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { throw LoopbackError("write failed") }
            offset += written
        }
    }

    private static func readToEOF(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Polls `condition` every 50 ms until it holds or `seconds` pass.
func waitUntil(_ seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if (try? condition()) == true { return }
        usleep(50_000)
    }
    if try condition() { return }
    throw LoopbackError("timed out after \(seconds)s waiting for \(what)")
}
