/// nginx access lines in the README's `log_format lbtopjson escape=json '{…}'`: one flat JSON
/// object per line, string and number values. Unknown keys are ignored; a missing `status`,
/// `request_time` or `upstream_addr` makes the line malformed. Pure: bytes in, a line out.
public enum NginxJSONLogParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogLine {
        guard let object = FlatJSONObject(bytes, range),
              let statusText = object["status"], let status = Int(statusText),
              let requestTime = object["request_time"], let addresses = object["upstream_addr"]
        else { return .malformed }
        let scratch = Array((addresses + "\u{0}" + (object["upstream_status"] ?? "") + "\u{0}"
            + (object["upstream_response_time"] ?? "") + "\u{0}" + requestTime).utf8)
        return scratch.withUnsafeBufferPointer { text -> LogLine in
            let parts = LogBytes(text, 0..<text.count).split(0..<text.count, by: 0, limit: 4) ?? []
            guard parts.count == 4, let total = LogBytes(text, parts[3]).seconds(parts[3]) else { return .malformed }
            var request = LogRequest(format: .nginxJSON, client: object["remote_addr"] ?? "-", status: status,
                                     bytes: object["body_bytes_sent"].flatMap { Int($0) }, totalMs: total)
            var tries: [LogUpstreamTry] = []
            if !parts[0].isEmpty {
                var lists: [[Range<Int>]] = []
                for part in parts[0..<3] {
                    var fields = LogBytes(text, part)
                    var tokens: [Range<Int>] = []
                    while let token = fields.token() { tokens.append(token) }
                    guard let list = UpstreamLists.split(tokens, in: fields)?.first ?? (tokens.isEmpty ? [] : nil) else {
                        return .malformed
                    }
                    lists.append(list)
                }
                let fields = LogBytes(text, 0..<text.count)
                guard let parsed = UpstreamLists.tries(addresses: lists[0], statuses: lists[1], times: lists[2], fields)
                else { return .malformed }
                tries = parsed
            }
            NginxRequestFields.fill(&request, requestLine: object["request"] ?? "", proxyHost: object["proxy_host"] ?? "",
                                    cacheStatus: object["upstream_cache_status"] ?? "", tries: tries)
            return .request(request)
        }
    }
}

/// A JSON object whose values are strings, numbers, booleans or null (no nesting), decoded to
/// text by key.
struct FlatJSONObject {
    private var values: [(String, String)] = []

    subscript(key: String) -> String? { values.first(where: { $0.0 == key })?.1 }

    init?(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        var index = range.lowerBound
        let end = range.upperBound
        func skipBlanks() { while index < end, ASCIINumber.isWhitespace(bytes[index]) { index += 1 } }
        skipBlanks()
        guard index < end, bytes[index] == 0x7B else { return nil }
        index += 1
        skipBlanks()
        if index < end, bytes[index] == 0x7D { return }
        while true {
            skipBlanks()
            guard let key = Self.string(bytes, &index, end) else { return nil }
            skipBlanks()
            guard index < end, bytes[index] == LogBytes.colon else { return nil }
            index += 1
            skipBlanks()
            guard index < end else { return nil }
            let value: String
            if bytes[index] == LogBytes.quote {
                guard let text = Self.string(bytes, &index, end) else { return nil }
                value = text
            } else {
                let start = index
                while index < end, bytes[index] != LogBytes.comma, bytes[index] != 0x7D, !ASCIINumber.isWhitespace(bytes[index]) {
                    guard bytes[index] != 0x7B, bytes[index] != 0x5B, bytes[index] != LogBytes.quote else { return nil }
                    index += 1
                }
                guard index > start else { return nil }
                value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            values.append((key, value))
            if values.count > 64 { return nil }
            skipBlanks()
            guard index < end else { return nil }
            if bytes[index] == LogBytes.comma { index += 1; continue }
            guard bytes[index] == 0x7D else { return nil }
            index += 1
            skipBlanks()
            guard index == end else { return nil }
            return
        }
    }

    /// A JSON string at `index` (on its opening quote); escapes decoded, invalid UTF-8 replaced.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int) -> String? {
        guard index < end, bytes[index] == LogBytes.quote else { return nil }
        index += 1
        let start = index
        while index < end, bytes[index] != LogBytes.quote, bytes[index] != 0x5C { index += 1 }
        if index < end, bytes[index] == LogBytes.quote {  // no escapes: the common case
            defer { index += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        var decoded = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < end {
            let byte = bytes[index]
            if byte == LogBytes.quote {
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            guard byte == 0x5C else { decoded.append(byte); index += 1; continue }
            guard index + 1 < end else { return nil }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case LogBytes.quote, 0x5C, LogBytes.slash: decoded.append(escape)
            case 0x62: decoded.append(0x08)
            case 0x66: decoded.append(0x0C)
            case 0x6E: decoded.append(0x0A)
            case 0x72: decoded.append(0x0D)
            case 0x74: decoded.append(0x09)
            case 0x75:
                guard var scalar = hex4(bytes, &index, end) else { return nil }
                if (0xD800..<0xDC00).contains(scalar), index + 1 < end, bytes[index] == 0x5C, bytes[index + 1] == 0x75 {
                    index += 2
                    guard let low = hex4(bytes, &index, end), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                decoded.append(contentsOf: Array(String(Character(character)).utf8))
            default: return nil
            }
        }
        return nil
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int, _ end: Int) -> UInt32? {
        guard end - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
