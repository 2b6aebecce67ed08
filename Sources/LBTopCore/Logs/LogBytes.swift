/// Field scanning over one log line's bytes: the shared steps of every log parser (tokens split
/// by spaces, `a/b/c` numbers, millisecond times), with no `String` built until a field is kept.
struct LogBytes {
    static let space: UInt8 = 0x20, slash: UInt8 = 0x2F, colon: UInt8 = 0x3A, quote: UInt8 = 0x22
    static let minus: UInt8 = 0x2D, plus: UInt8 = 0x2B, dot: UInt8 = 0x2E, comma: UInt8 = 0x2C

    let bytes: UnsafeBufferPointer<UInt8>
    /// Next byte to read.
    var index: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes; self.index = range.lowerBound; self.end = range.upperBound
    }

    var isAtEnd: Bool { index >= end }

    /// The next run of non-space bytes, after any spaces; nil at the end.
    mutating func token() -> Range<Int>? {
        while index < end && bytes[index] == Self.space { index += 1 }
        guard index < end else { return nil }
        let start = index
        while index < end && bytes[index] != Self.space { index += 1 }
        return start..<index
    }

    /// Skips spaces; true when `byte` comes next (and consumes it).
    mutating func skip(_ byte: UInt8) -> Bool {
        while index < end && bytes[index] == Self.space { index += 1 }
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Bytes up to (not including) the next `byte`, which is consumed; nil when there is none.
    mutating func upTo(_ byte: UInt8) -> Range<Int>? {
        let start = index
        while index < end && bytes[index] != byte { index += 1 }
        guard index < end else { index = start; return nil }
        defer { index += 1 }
        return start..<index
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        let other = text.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != other[offset] { return false }
        return true
    }

    /// `range` split at each `separator` (at most `limit` parts); nil when there are more.
    func split(_ range: Range<Int>, by separator: UInt8, limit: Int) -> [Range<Int>]? {
        var parts: [Range<Int>] = []
        parts.reserveCapacity(limit)
        var start = range.lowerBound
        for index in range where bytes[index] == separator {
            parts.append(start..<index)
            start = index + 1
            if parts.count == limit { return nil }
        }
        parts.append(start..<range.upperBound)
        return parts
    }

    /// A decimal integer, `-1` read as nil (HAProxy's "not reached"); a leading `+` is allowed
    /// (`option logasap`). `.some(nil)` = present but unknown; nil = not a number.
    func timer(_ range: Range<Int>) -> Int?? {
        var range = range
        if range.count == 2, bytes[range.lowerBound] == Self.minus, bytes[range.lowerBound + 1] == 0x31 {
            return .some(nil)
        }
        if !range.isEmpty, bytes[range.lowerBound] == Self.plus { range = range.dropFirst() }
        guard range.count <= 18, let value = ASCIINumber.unsigned(bytes, range) else { return nil }
        return .some(Int(value))
    }

    /// Seconds with a fraction (`0.001`, `2.003`, `12`) as whole milliseconds; `-` is `.some(nil)`.
    func seconds(_ range: Range<Int>) -> Int?? {
        if range.count == 1, bytes[range.lowerBound] == Self.minus { return .some(nil) }
        var whole: Range<Int> = range
        var fraction: Range<Int> = range.upperBound..<range.upperBound
        if let dot = range.firstIndex(where: { bytes[$0] == Self.dot }) {
            whole = range.lowerBound..<dot
            fraction = (dot + 1)..<range.upperBound
        }
        guard whole.count <= 12, let seconds = ASCIINumber.unsigned(bytes, whole) else { return nil }
        var milliseconds = 0
        var scale = 100
        for index in fraction {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            milliseconds += Int(digit) * scale
            scale /= 10
        }
        return .some(Int(seconds) * 1000 + milliseconds)
    }

    /// `ip:port` → the address (split at the last `:`, so `::1:33036` gives `::1`).
    func address(_ range: Range<Int>) -> String? {
        guard let colon = range.lastIndex(where: { bytes[$0] == Self.colon }), colon > range.lowerBound,
              ASCIINumber.unsigned(bytes, (colon + 1)..<range.upperBound) != nil else { return nil }
        return string(range.lowerBound..<colon)
    }
}
