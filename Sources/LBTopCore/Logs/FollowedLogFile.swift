import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A log file followed like `tail -F` by its own thread: new complete lines go into the intake.
/// Survives rotation by rename (the old file is read to its end, then the new one from its start)
/// and by truncation (reading restarts at the start). Starts at the end unless told otherwise.
enum FollowedLogFile {
    static let pollInterval: useconds_t = 100_000

    static func start(path: String, fromStart: Bool, into intake: LogIntake) {
        let thread = Thread { follow(path: path, fromStart: fromStart, into: intake) }
        thread.name = "lbtop log \(path)"
        thread.start()
    }

    private struct Open {
        var descriptor: Int32
        var inode: ino_t
        var device: dev_t
        var offset: off_t
    }

    private static func follow(path: String, fromStart: Bool, into intake: LogIntake) {
        var current: Open?
        var first = true
        var partial: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        defer { if let current { close(current.descriptor) } }
        while !intake.isStopped {
            if current == nil, let opened = open(path, atEnd: first && !fromStart) {
                current = opened
                partial.removeAll()
            }
            first = false  // a file that appears later is read from its start
            if var file = current {
                var info = stat()
                if fstat(file.descriptor, &info) == 0, info.st_size < file.offset {  // truncated
                    file.offset = 0
                    lseek(file.descriptor, 0, SEEK_SET)
                    partial.removeAll()
                }
                file.offset += readAll(file.descriptor, buffer: &buffer, partial: &partial, into: intake)
                current = file
                if renamedOrRemoved(path, file) {
                    // Whatever was written before the rename is read; then the new file.
                    file.offset += readAll(file.descriptor, buffer: &buffer, partial: &partial, into: intake)
                    close(file.descriptor)
                    current = nil
                    continue
                }
            }
            usleep(pollInterval)
        }
    }

    private static func open(_ path: String, atEnd: Bool) -> Open? {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { close(descriptor); return nil }
        let offset = atEnd ? lseek(descriptor, 0, SEEK_END) : 0
        return Open(descriptor: descriptor, inode: info.st_ino, device: info.st_dev, offset: max(0, offset))
    }

    private static func renamedOrRemoved(_ path: String, _ file: Open) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }  // not there yet: keep the old one
        return info.st_ino != file.inode || info.st_dev != file.device
    }

    /// Reads to the end of the file; complete lines go into the intake, a last line without its
    /// `\n` waits in `partial`. Returns the bytes read.
    private static func readAll(_ descriptor: Int32, buffer: inout [UInt8], partial: inout [UInt8], into intake: LogIntake) -> off_t {
        var total: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return total }
            total += off_t(count)
            buffer.withUnsafeBytes { raw in
                var start = 0
                for index in 0..<count where raw[index] == ASCIINumber.newline {
                    if partial.isEmpty {
                        intake.append(UnsafeRawBufferPointer(rebasing: raw[start...index]))
                    } else {
                        partial.append(contentsOf: raw[start...index])
                        _ = partial.withUnsafeBytes { intake.append($0) }
                        partial.removeAll(keepingCapacity: true)
                    }
                    start = index + 1
                }
                if start < count {
                    partial.append(contentsOf: raw[start..<count])
                    if partial.count > LogLineParser.maximumLineLength {  // counted as one skipped line
                        _ = partial.withUnsafeBytes { intake.append(UnsafeRawBufferPointer(rebasing: $0[0..<LogLineParser.maximumLineLength + 1])) }
                        partial.removeAll(keepingCapacity: true)
                    }
                }
            }
        }
    }
}
