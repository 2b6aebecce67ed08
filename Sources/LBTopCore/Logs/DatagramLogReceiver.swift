import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A bound UDP or UNIX datagram socket read by its own thread: each datagram (one syslog message)
/// goes into the intake as one line. The socket is bound where the URL says and nowhere else.
enum DatagramLogReceiver {
    /// Binds `url` and starts the reading thread; throws a `CollectError` naming the address when
    /// the bind fails.
    static func start(_ url: LogInputURL, into intake: LogIntake) throws(CollectError) {
        let descriptor: Int32
        switch url {
        case .udp(let host, let port): descriptor = try bindUDP(host: host, port: port)
        case .unixDatagram(let path): descriptor = try bindUnix(path: path)
        case .file: preconditionFailure("a file is followed, not received")
        }
        let thread = Thread { receive(descriptor, into: intake) }
        thread.name = "lbtop log \(url)"
        thread.start()
    }

    /// Reads datagrams until the intake is stopped; waits at most 200 ms at a time so a stop is
    /// seen promptly.
    private static func receive(_ descriptor: Int32, into intake: LogIntake) {
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !intake.isStopped {
            poller.revents = 0
            guard poll(&poller, 1, 200) > 0 else { continue }
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                guard count > 0 else { break }
                _ = buffer.withUnsafeBytes { intake.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
        }
    }

    private static func bindUDP(host: String, port: Int) throws(CollectError) -> Int32 {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw CollectError(.unsupported, "not an IP address to bind: \(host) (give a numeric address)")
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let numeric = host == "localhost" ? "127.0.0.1" : host
            guard inet_pton(AF_INET, numeric, &address.sin_addr) == 1 else {
                throw CollectError(.unsupported, "not an IP address to bind: \(host) (give a numeric address)")
            }
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: address, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        }
        let descriptor = socket(family, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw CollectError(.other, "cannot open a UDP socket: \(String(cString: strerror(errno)))") }
        var size: Int32 = 4 << 20  // absorb bursts between two reads
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw CollectError(.unreachable, "cannot listen on udp \(host):\(port): \(reason)")
        }
        return descriptor
    }

    /// Creates the socket file (replacing a stale socket left by an earlier run, never a regular
    /// file) readable and writable by its owner and group.
    private static func bindUnix(path: String) throws(CollectError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw CollectError(.unsupported, "unix socket path too long: \(path)")
        }
        var info = stat()
        if lstat(path, &info) == 0 {
            guard (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFSOCK) else {
                throw CollectError(.unsupported, "\(path) exists and is not a socket: lbtop will not replace it")
            }
            unlink(path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw CollectError(.other, "cannot open a unix socket: \(String(cString: strerror(errno)))") }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw CollectError(.unreachable, "cannot listen on unix socket \(path): \(reason)")
        }
        chmod(path, 0o660)
        return descriptor
    }
}
