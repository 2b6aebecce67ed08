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
    /// seen promptly. Datagrams the kernel dropped because the socket's buffer was full (a flood
    /// faster than this thread reads) are counted as dropped lines, from `SO_RXQ_OVFL`.
    private static func receive(_ descriptor: Int32, into intake: LogIntake) {
        defer { close(descriptor) }
        var reader = Reader()
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while !intake.isStopped {
            poller.revents = 0
            guard poll(&poller, 1, 200) > 0 else { continue }
            reader.readWaiting(descriptor, into: intake)
        }
    }

    /// The receiving thread's buffers and the socket's drop count seen so far.
    struct Reader {
        private var buffer = [UInt8](repeating: 0, count: 65_536)
        private var control = [UInt8](repeating: 0, count: 64)
        private var kernelDrops: UInt32 = 0

        /// Moves every datagram waiting on `descriptor` into `intake`, and the datagrams the
        /// kernel dropped since the last one into its dropped count.
        mutating func readWaiting(_ descriptor: Int32, into intake: LogIntake) {
            while true {
                let (count, drops) = DatagramLogReceiver.receiveOne(descriptor, into: &buffer, control: &control)
                guard count > 0 else { return }
                if let drops, drops != kernelDrops {
                    intake.countDropped(Int(drops &- kernelDrops))
                    kernelDrops = drops
                }
                _ = buffer.withUnsafeBytes { intake.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            }
        }
    }

    /// One datagram into `buffer`: its length (0 when none is waiting) and the socket's drop
    /// count when the kernel attached it (only once it is above zero).
    static func receiveOne(_ descriptor: Int32, into buffer: inout [UInt8],
                                   control: inout [UInt8]) -> (count: Int, drops: UInt32?) {
        let controlSize = control.count
        let (count, controlLength) = buffer.withUnsafeMutableBytes { data in
            control.withUnsafeMutableBytes { controlBytes in
                var vector = iovec(iov_base: data.baseAddress, iov_len: data.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var message = msghdr()
                    message.msg_iov = vectorPointer
                    message.msg_iovlen = 1
                    message.msg_control = controlBytes.baseAddress
                    message.msg_controllen = controlSize
                    let count = recvmsg(descriptor, &message, Int32(MSG_DONTWAIT))
                    return (count, Int(message.msg_controllen))
                }
            }
        }
        guard count > 0 else { return (0, nil) }
        return (count, droppedCount(control[0..<min(controlLength, controlSize)]))
    }

    /// The `SO_RXQ_OVFL` count among the control messages in `control` (each a `cmsghdr`, then its
    /// data, padded to the size of a word).
    static func droppedCount(_ control: ArraySlice<UInt8>) -> UInt32? {
        let word = MemoryLayout<Int>.size
        let header = (MemoryLayout<cmsghdr>.size + word - 1) / word * word
        var offset = control.startIndex
        while offset + header <= control.endIndex {
            let message = control[offset..<offset + header].withUnsafeBytes { $0.loadUnaligned(as: cmsghdr.self) }
            let length = Int(message.cmsg_len)
            guard length >= header, offset + length <= control.endIndex else { return nil }
            if message.cmsg_level == SOL_SOCKET, message.cmsg_type == SO_RXQ_OVFL, length >= header + 4 {
                return control[(offset + header)..<(offset + header + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }
            }
            offset += (length + word - 1) / word * word
        }
        return nil
    }

    static func bindUDP(host: String, port: Int) throws(CollectError) -> Int32 {
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
        var on: Int32 = 1   // each datagram comes with the count of those dropped for want of room
        setsockopt(descriptor, SOL_SOCKET, SO_RXQ_OVFL, &on, socklen_t(MemoryLayout<Int32>.size))
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
