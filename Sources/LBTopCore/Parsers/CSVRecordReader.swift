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
            index += (byte == UInt8(ascii: "\"") && index + 1 < bytes.count && bytes[index + 1] == byte) ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// A plain decimal integer with an optional leading `-`; nil for anything else.
    @inline(__always)
    func integer() -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }
}

/// Walks CSV records over a byte buffer (RFC 4180: quoted fields may hold `,`, `""`, CR and LF).
/// Lines end with LF; a CR before it is dropped.
struct CSVRecordReader {
    private let buffer: UnsafeBufferPointer<UInt8>
    private var position = 0
    /// 1-based number of the line the reader is at.
    private(set) var line = 1

    init(_ buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    var atEnd: Bool { position >= buffer.count }
    var peek: UInt8? { atEnd ? nil : buffer[position] }

    /// How a record ended.
    struct Outcome {
        var fieldCount = 0
        var lastFieldEmpty = false
        /// The input ended before a line feed closed the record.
        var endedAtEOF = false
        /// The input ended inside a quoted field.
        var unterminatedQuote = false
    }

    /// Skips an empty line (LF or CR LF); true when it did.
    mutating func atBlankLine() -> Bool {
        var index = position
        if index < buffer.count, buffer[index] == UInt8(ascii: "\r") { index += 1 }
        guard index < buffer.count, buffer[index] == UInt8(ascii: "\n") else { return false }
        position = index + 1
        line += 1
        return true
    }

    /// Returns the bytes up to the end of the line (without CR LF) and moves past it.
    mutating func readRawLine() -> UnsafeBufferPointer<UInt8> {
        let start = position
        while position < buffer.count, buffer[position] != UInt8(ascii: "\n") { position += 1 }
        var end = position
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if position < buffer.count { position += 1 }
        line += 1
        return UnsafeBufferPointer(rebasing: buffer[start..<end])
    }

    /// Reads one record, calling `visit(columnIndex, field)` for each field in order.
    mutating func readRecord(_ visit: (Int, CSVField) -> Void) -> Outcome {
        var outcome = Outcome()
        while true {
            let field: CSVField
            if position < buffer.count, buffer[position] == UInt8(ascii: "\"") {
                guard let quoted = readQuotedField() else {
                    outcome.unterminatedQuote = true
                    outcome.endedAtEOF = true
                    outcome.fieldCount += 1
                    return outcome
                }
                field = quoted
            } else {
                let start = position
                while position < buffer.count {
                    let byte = buffer[position]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") { break }
                    position += 1
                }
                var end = position
                if end > start, buffer[end - 1] == UInt8(ascii: "\r"),
                   position >= buffer.count || buffer[position] == UInt8(ascii: "\n") {
                    end -= 1
                }
                field = CSVField(bytes: UnsafeBufferPointer(rebasing: buffer[start..<end]), hasEscapedQuotes: false)
            }
            visit(outcome.fieldCount, field)
            outcome.fieldCount += 1
            outcome.lastFieldEmpty = field.isEmpty
            guard position < buffer.count else {
                outcome.endedAtEOF = true
                return outcome
            }
            let terminator = buffer[position]
            position += 1
            if terminator == UInt8(ascii: "\n") {
                line += 1
                return outcome
            }
            if terminator != UInt8(ascii: ",") {
                // Bytes after a closing quote: keep them out of the field, skip to the separator.
                while position < buffer.count, buffer[position] != UInt8(ascii: ","), buffer[position] != UInt8(ascii: "\n") {
                    position += 1
                }
                if position < buffer.count {
                    let next = buffer[position]
                    position += 1
                    if next == UInt8(ascii: "\n") { line += 1; return outcome }
                } else {
                    outcome.endedAtEOF = true
                    return outcome
                }
            }
        }
    }

    /// Reads `"…"` starting at the opening quote; nil when the input ends before the closing quote.
    private mutating func readQuotedField() -> CSVField? {
        let start = position + 1
        var index = start
        var escaped = false
        while index < buffer.count {
            if buffer[index] == UInt8(ascii: "\"") {
                if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\"") {
                    escaped = true
                    index += 2
                    continue
                }
                let bytes = UnsafeBufferPointer(rebasing: buffer[start..<index])
                for byte in bytes where byte == UInt8(ascii: "\n") { line += 1 }
                position = index + 1
                return CSVField(bytes: bytes, hasEscapedQuotes: escaped)
            }
            index += 1
        }
        position = buffer.count
        return nil
    }
}
