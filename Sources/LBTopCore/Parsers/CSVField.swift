/// One field of a CSV record: a byte range of the input, without its enclosing quotes.
struct CSVField {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The field was quoted and contains doubled quotes (`""`) to collapse.
    let hasEscapedQuotes: Bool

    var isEmpty: Bool { bytes.isEmpty }

    /// The field as text; invalid UTF-8 becomes U+FFFD, control bytes are kept as they are.
    func string() -> String {
        guard hasEscapedQuotes else { return String(decoding: bytes, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            unescaped.append(byte)
            index += (byte == ASCII.quote && index + 1 < bytes.count && bytes[index + 1] == byte) ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// Digits only (an optional leading `-`), more than 18 of them: a number past what lbtop reads
    /// (HAProxy's counters are 64 bits), left unknown rather than spoiling its row.
    var isLongNumber: Bool {
        let start = !bytes.isEmpty && bytes[0] == ASCII.minus ? 1 : 0
        return bytes.count - start > 18 && bytes[start...].allSatisfy { $0 &- ASCII.zero < 10 }
    }

    /// A plain decimal integer with an optional leading `-` (at most 18 digits); nil otherwise.
    func integer() -> Int64? {
        var index = 0
        let negative = !bytes.isEmpty && bytes[0] == ASCII.minus
        if negative { index = 1 }
        let digits = bytes.count - index
        guard digits > 0, digits <= 18 else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }
}

/// Byte values the CSV scanner looks for.
enum ASCII {
    static let comma = UInt8(ascii: ",")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let minus = UInt8(ascii: "-")
    static let zero = UInt8(ascii: "0")
    static let hash = UInt8(ascii: "#")
}
