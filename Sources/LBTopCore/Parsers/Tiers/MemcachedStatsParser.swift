/// Reads memcached's answer to `stats` (`STAT name value` lines, then `END`) into a `TierSample`:
/// a pure function over the bytes. An error line, bytes that are not memcached's, or an answer
/// without its `END` each throw a message naming what happened.
public enum MemcachedStatsParser {
    /// Whether `bytes` hold the whole answer (up to `END`), or a first line that is no `STAT` line
    /// (an error, another protocol): the transport stops reading then.
    public static func isComplete(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.contains(UInt8(ascii: "\n")) else { return false }
        if !bytes.starts(with: "STAT ".utf8) && !bytes.starts(with: "END".utf8) { return true }
        return bytes.elementsEqual("END\r\n".utf8) || bytes.suffix(7).elementsEqual("\r\nEND\r\n".utf8)
    }

    public static func parse(_ bytes: ArraySlice<UInt8>) throws(TierAnswerError) -> TierSample {
        guard !bytes.isEmpty else { throw TierAnswerError("memcached closed the connection without an answer") }
        if !bytes.starts(with: "STAT ".utf8) && !bytes.starts(with: "END".utf8) {
            let start = TierAnswerError.quotedStart(bytes)
            if bytes.starts(with: "SERVER_ERROR".utf8) || bytes.starts(with: "CLIENT_ERROR".utf8) {
                throw TierAnswerError("memcached answered an error: \(start)")
            }
            let hint = "-+$".utf8.contains(bytes[bytes.startIndex]) ? " (this port speaks Redis: use redis://)" : ""
            throw TierAnswerError("not a memcached answer: \(start)\(hint)")
        }
        var stats: [String: String] = [:]
        var sample = TierSample(kind: .memcached)
        var ended = false, lines = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.elementsEqual("END".utf8) { ended = true; break }
            lines += 1
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2)
            guard fields.count == 3, fields[0].elementsEqual("STAT".utf8) else { sample.skippedLines += 1; continue }
            stats[String(decoding: fields[1], as: UTF8.self)] = String(decoding: fields[2], as: UTF8.self)
        }
        guard ended else { throw TierAnswerError("memcached stats cut short: no END after \(lines) lines") }
        sample.read(stats)
        return sample
    }
}

extension TierSample {
    /// Every command memcached counts, for ops/s: lookups, stores, flushes, touches, meta commands
    /// and the deletes, increments and decrements it counts by outcome.
    fileprivate static let memcachedCommandStats = [
        "cmd_get", "cmd_set", "cmd_flush", "cmd_touch", "cmd_meta", "delete_hits", "delete_misses",
        "incr_hits", "incr_misses", "decr_hits", "decr_misses",
    ]

    fileprivate mutating func read(_ stats: [String: String]) {
        func number(_ name: String) -> Double? {
            guard let text = stats[name] else { return nil }
            guard let value = Double(text), value.isFinite else { skippedLines += 1; return nil }
            return value
        }
        func count(_ name: String) -> Int? {
            guard let value = number(name) else { return nil }
            guard let count = Self.count(value) else { skippedLines += 1; return nil }
            return count
        }
        version = stats["version"]
        instance = stats["pid"]
        uptimeSeconds = number("uptime")
        hits = number("get_hits")
        misses = number("get_misses")
        let commandCounts = Self.memcachedCommandStats.compactMap { number($0) }
        commands = commandCounts.isEmpty ? nil : commandCounts.reduce(0, +)
        usedMemoryBytes = number("bytes")
        maxMemoryBytes = number("limit_maxbytes").flatMap { $0 > 0 ? $0 : nil }
        evictions = number("evictions")
        clients = count("curr_connections")
        maxClients = count("max_connections")
        rejectedConnections = number("rejected_connections")
        keys = count("curr_items")
    }
}
