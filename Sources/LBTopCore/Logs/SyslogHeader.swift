/// Finds the message inside a syslog line: RFC 3164 (`<134>Dec  2 00:42:11 haproxy[3622]: MSG`,
/// with or without a host), RFC 5424 (`<134>1 2026-12-02T00:43:07.432783+00:00 - haproxy 32255 - - MSG`),
/// the same without `<PRI>` as rsyslog writes files, or no header at all (`log stdout format raw`,
/// nginx's own file). Pure: bytes in, a range out.
public enum SyslogHeader {
    /// The range of the message in `bytes[range]`; the whole range when there is no header.
    public static func message(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var index = range.lowerBound
        let end = range.upperBound
        var hadPriority = false
        if index < end, bytes[index] == 0x3C {  // <PRI>
            var cursor = index + 1
            while cursor < end, cursor - index <= 4, ASCIINumber.isDigit(bytes[cursor]) { cursor += 1 }
            if cursor < end, cursor > index + 1, bytes[cursor] == 0x3E {
                index = cursor + 1
                hadPriority = true
            }
        }
        if hadPriority, end - index >= 2, bytes[index] == 0x31, bytes[index + 1] == LogBytes.space {
            return rfc5424Message(bytes, (index + 2)..<end) ?? index..<end
        }
        if isRFC3164Date(bytes, index, end) {
            return afterTag(bytes, (index + 16)..<end)
        }
        if isISODate(bytes, index, end) {  // rsyslog's RFC 3339 file format: DATE HOST TAG: MSG
            var fields = LogBytes(bytes, index..<end)
            _ = fields.token()
            return afterTag(bytes, fields.index..<end)
        }
        return index..<end
    }

    /// `VERSION` already read: TIMESTAMP HOST APP PROCID MSGID, then structured data (`-` or
    /// `[…]` elements), then the message (an optional UTF-8 BOM dropped).
    private static func rfc5424Message(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var fields = LogBytes(bytes, range)
        for _ in 0..<5 { guard fields.token() != nil else { return nil } }
        var index = fields.index
        let end = range.upperBound
        while index < end, bytes[index] == LogBytes.space { index += 1 }
        if index < end, bytes[index] == LogBytes.minus {
            index += 1
        } else {
            while index < end, bytes[index] == 0x5B {  // [id param="value" …], `\]` escaped
                index += 1
                while index < end, bytes[index] != 0x5D {
                    if bytes[index] == 0x5C { index += 1 }
                    index += 1
                }
                guard index < end else { return nil }
                index += 1
            }
        }
        if index < end, bytes[index] == LogBytes.space { index += 1 }
        if end - index >= 3, bytes[index] == 0xEF, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { index += 3 }
        return index..<end
    }

    /// After the date: `[HOST ]TAG[PID]: MSG`. A line without a tag gives everything after the date.
    private static func afterTag(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var fields = LogBytes(bytes, range)
        for _ in 0..<2 {
            guard let token = fields.token() else { break }
            if bytes[token.upperBound - 1] == LogBytes.colon {
                let start = min(token.upperBound + 1, range.upperBound)
                return start..<range.upperBound
            }
        }
        return range
    }

    private static let months: [(UInt8, UInt8, UInt8)] = Array("JanFebMarAprMayJunJulAugSepOctNovDec".utf8)
        .chunked3()

    /// `Mmm dd hh:mm:ss ` (day space-padded).
    private static func isRFC3164Date(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        guard end - index >= 16 else { return false }
        let month = (bytes[index], bytes[index + 1], bytes[index + 2])
        guard months.contains(where: { $0 == month }) else { return false }
        let digitsAt = [5, 7, 8, 10, 11, 13, 14]
        return bytes[index + 3] == LogBytes.space && (bytes[index + 4] == LogBytes.space || ASCIINumber.isDigit(bytes[index + 4]))
            && digitsAt.allSatisfy { ASCIINumber.isDigit(bytes[index + $0]) }
            && bytes[index + 9] == LogBytes.colon && bytes[index + 12] == LogBytes.colon
            && bytes[index + 6] == LogBytes.space && bytes[index + 15] == LogBytes.space
    }

    /// `dddd-dd-ddT`.
    private static func isISODate(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        guard end - index >= 20 else { return false }
        return (0..<4).allSatisfy { ASCIINumber.isDigit(bytes[index + $0]) } && bytes[index + 4] == LogBytes.minus
            && bytes[index + 7] == LogBytes.minus && bytes[index + 10] == 0x54
    }
}

extension Array where Element == UInt8 {
    fileprivate func chunked3() -> [(UInt8, UInt8, UInt8)] {
        stride(from: 0, to: count - 2, by: 3).map { (self[$0], self[$0 + 1], self[$0 + 2]) }
    }
}
