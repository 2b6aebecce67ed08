import Foundation
import Synchronization

/// The alert log on disk: JSON lines appended to one file (by default
/// `$XDG_STATE_HOME/lbtop/alerts.jsonl`). Each `append` is one `write` of whole lines followed by
/// `fsync`, so a transition survives the process being killed the moment `append` returns; a
/// record torn by a crash mid-write is cut off when the log is next opened for writing.
public final class FileAlertLog: AlertLog {
    /// The file written to.
    public let path: String
    /// Only the last this many bytes are read back on start (older transitions cannot still matter).
    public let readLimit: Int
    private let descriptor = Mutex<Int32>(-1)

    public init(path: String, readLimit: Int = 8 << 20) {
        self.path = path
        self.readLimit = readLimit
    }

    deinit {
        descriptor.withLock { fd in if fd >= 0 { close(fd) } }
    }

    public func append(_ records: [AlertLogRecord]) throws {
        try appendLines(records.map { try $0.jsonLine() })
    }

    public func append(actions: [ActionRecord]) throws {
        try appendLines(actions.map { try $0.jsonLine() })
    }

    /// One `write` of whole lines, then `fsync`.
    private func appendLines(_ lines: [[UInt8]]) throws {
        guard !lines.isEmpty else { return }
        let bytes = Array(lines.joined())
        try descriptor.withLock { fd in
            if fd < 0 { fd = try openForAppend() }
            try Self.writeAll(fd, bytes, path: path)
            guard fsync(fd) == 0 else { throw AlertLogError(path: path, operation: "flush", errno: errno) }
        }
    }

    public func read() throws -> AlertLogContents {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return AlertLogContents() }
            throw AlertLogError(path: path, operation: "open", errno: errno)
        }
        defer { close(fd) }
        let size = lseek(fd, 0, SEEK_END)
        let start = max(0, Int(size) - readLimit)
        guard size >= 0, lseek(fd, off_t(start), SEEK_SET) >= 0 else {
            throw AlertLogError(path: path, operation: "seek", errno: errno)
        }
        var bytes = [UInt8](repeating: 0, count: Int(size) - start)
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled,
                                                         off_t(start + filled)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            filled += n
        }
        return Self.parse(bytes[0..<filled], startsMidLine: start > 0)
    }

    /// Splits `bytes` into lines and decodes each; a first line cut by the read window is dropped.
    static func parse(_ bytes: ArraySlice<UInt8>, startsMidLine: Bool) -> AlertLogContents {
        var contents = AlertLogContents()
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        if startsMidLine { lines = lines.dropFirst() }
        for line in lines {
            if let record = AlertLogRecord.parse(line: line) { contents.records.append(record) }
            else if let action = ActionRecord.parse(line: line) { contents.actions.append(action) }
            else { contents.skippedLines += 1 }
        }
        return contents
    }

    private func openForAppend() throws -> Int32 {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw AlertLogError(path: path, message: "cannot create \(directory): \(error.localizedDescription)")
            }
        }
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AlertLogError(path: path, operation: "open", errno: errno) }
        do { try Self.cutTornLine(fd, path: path) } catch { close(fd); throw error }
        return fd
    }

    /// A record a crash cut short (SIGKILL can shorten a `write`, a power loss can too) is cut off
    /// the end, so it is lost alone and the next record starts a line of its own. A tail that is
    /// not the start of a record (no `{`, or longer than any record) is ended with a newline instead.
    private static func cutTornLine(_ fd: Int32, path: String) throws {
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return }
        let window = min(size, tornLineLimit)
        var tail = [UInt8](repeating: 0, count: window)
        guard tail.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, window, off_t(size - window)) }) == window else {
            throw AlertLogError(path: path, operation: "read", errno: errno)
        }
        guard tail.last != UInt8(ascii: "\n") else { return }
        let lineStart = tail.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? (window == size ? 0 : nil)
        if let lineStart, tail[lineStart] == UInt8(ascii: "{") {
            guard ftruncate(fd, off_t(size - window + lineStart)) == 0 else {
                throw AlertLogError(path: path, operation: "cut the torn last line", errno: errno)
            }
        } else {
            try writeAll(fd, [UInt8(ascii: "\n")], path: path)
        }
    }

    /// Longer than any record lbtop writes: a tail without a newline in this many bytes is not one.
    static let tornLineLimit = 64 << 10

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw AlertLogError(path: path, operation: "write", errno: errno)
            }
            written += n
        }
    }
}

/// The alert log could not be read or written.
public struct AlertLogError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var message: String

    public init(path: String, message: String) { self.path = path; self.message = message }

    init(path: String, operation: String, errno code: Int32) {
        self.init(path: path, message: "cannot \(operation): \(String(cString: strerror(code)))")
    }

    public var description: String { "alert log \(path): \(message)" }
}
