/// Reads a Redis answer to `[AUTH …] INFO` into a `TierSample`: a pure function over the bytes.
/// An error reply (`-NOAUTH`, `-WRONGPASS`), bytes that are not Redis protocol, or an `INFO` body
/// shorter than its announced length each throw a message naming what happened.
public enum RedisInfoParser {
    /// Whether `bytes` hold `replies` whole replies, or already show the port speaks something
    /// else: the transport stops reading then.
    public static func isComplete(_ bytes: ArraySlice<UInt8>, replies: Int) -> Bool {
        var start = bytes.startIndex
        for _ in 0..<replies {
            switch RESPReader.next(bytes, at: start) {
            case .reply(_, let next): start = next
            case .incomplete: return false
            case .notRESP: return true
            }
        }
        return true
    }

    /// The sample in the last reply of `bytes` (the `INFO` bulk string); every earlier reply must
    /// be a status (`+OK` from `AUTH`).
    public static func parse(_ bytes: ArraySlice<UInt8>) throws(TierAnswerError) -> TierSample {
        guard !bytes.isEmpty else { throw TierAnswerError("Redis closed the connection without an answer") }
        var start = bytes.startIndex
        while true {
            switch RESPReader.next(bytes, at: start) {
            case .reply(.error(let text), _):
                throw errorReply(text)
            case .reply(.bulk(let body), _):
                return parseInfo(body)
            case .reply(_, let next):
                guard next < bytes.endIndex else { throw TierAnswerError("Redis answered without an INFO body") }
                start = next
            case .incomplete(let announced?):
                let got = max(0, bytes.endIndex - start - headerLength(announced))
                throw TierAnswerError("Redis INFO cut short: \(min(got, announced)) of \(announced) bytes")
            case .incomplete(nil):
                throw TierAnswerError("Redis answer cut short: \(TierAnswerError.quotedStart(bytes[start...]))")
            case .notRESP:
                let hint = bytes[start...].starts(with: "ERROR".utf8) ? " (this port speaks memcached: use memcached://)" : ""
                throw TierAnswerError("not a Redis answer: \(TierAnswerError.quotedStart(bytes[start...]))\(hint)")
            }
        }
    }

    /// `$4970\r\n` is 7 bytes.
    private static func headerLength(_ announced: Int) -> Int { String(announced).utf8.count + 3 }

    private static func errorReply(_ text: String) -> TierAnswerError {
        if text.hasPrefix("NOAUTH") {
            return TierAnswerError("Redis wants a password (NOAUTH): set \(TierCredentials.passwordVariable) or password_env in the config's [[tier]]")
        }
        if text.hasPrefix("WRONGPASS") || text.hasPrefix("ERR invalid password") {
            return TierAnswerError("Redis refused the password (\(text))")
        }
        return TierAnswerError("Redis answered an error: \(text)")
    }

    /// The `key:value` lines of an `INFO` body; `# Section` and empty lines are skipped, any other
    /// line without a colon (or a known number that does not read as one) is counted as skipped.
    public static func parseInfo(_ body: ArraySlice<UInt8>) -> TierSample {
        var sample = TierSample(kind: .redis)
        var keys = 0, expires = 0, sawDatabase = false
        for rawLine in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { sample.skippedLines += 1; continue }
            let key = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self)
            if key.hasPrefix("db"), Int(key.dropFirst(2)) != nil {
                guard let database = Self.database(value) else { sample.skippedLines += 1; continue }
                let newKeys = keys.addingReportingOverflow(database.keys)
                let newExpires = expires.addingReportingOverflow(database.expires)
                guard !newKeys.overflow, !newExpires.overflow else { sample.skippedLines += 1; continue }
                keys = newKeys.partialValue; expires = newExpires.partialValue; sawDatabase = true
                continue
            }
            if !sample.read(key: key, value: value) { sample.skippedLines += 1 }
        }
        if sawDatabase || sample.uptimeSeconds != nil {
            // An empty Redis lists no database at all: 0 keys, not unknown.
            sample.keys = keys
            sample.keysWithExpiry = expires
        }
        return sample
    }

    /// `keys=958,expires=1,avg_ttl=581646`.
    private static func database(_ value: String) -> (keys: Int, expires: Int)? {
        var keys: Int?, expires: Int?
        for field in value.split(separator: ",") {
            let parts = field.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            if parts[0] == "keys" { keys = Int(parts[1]) }
            if parts[0] == "expires" { expires = Int(parts[1]) }
        }
        guard let keys, let expires else { return nil }
        return (keys, expires)
    }
}

extension TierSample {
    /// Takes one `INFO` field; false when a field lbtop reads holds no number.
    fileprivate mutating func read(key: String, value: String) -> Bool {
        func number(_ set: (inout TierSample, Double) -> Void) -> Bool {
            guard let number = Double(value), number.isFinite else { return false }
            set(&self, number)
            return true
        }
        func count(_ set: (inout TierSample, Int) -> Void) -> Bool {
            guard let number = Double(value), let count = TierSample.count(number) else { return false }
            set(&self, count)
            return true
        }
        switch key {
        case "redis_version": version = value
        case "run_id": instance = value
        case "uptime_in_seconds": return number { $0.uptimeSeconds = $1 }
        case "connected_clients": return count { $0.clients = $1 }
        case "maxclients": return count { $0.maxClients = $1 }
        case "used_memory": return number { $0.usedMemoryBytes = $1 }
        case "maxmemory": return number { $0.maxMemoryBytes = $1 > 0 ? $1 : nil }
        case "evicted_keys": return number { $0.evictions = $1 }
        case "expired_keys": return number { $0.expirations = $1 }
        case "keyspace_hits": return number { $0.hits = $1 }
        case "keyspace_misses": return number { $0.misses = $1 }
        case "total_commands_processed": return number { $0.commands = $1 }
        case "rejected_connections": return number { $0.rejectedConnections = $1 }
        default: break
        }
        return true
    }
}
