/// Reads one HAProxy CSV data row straight into a `StatRow`: numeric columns are parsed while the
/// bytes are scanned, ignored columns are skipped without building anything, and only the few
/// text columns become `String`s. Quoted fields (RFC 4180: `,` `""` CR LF inside) take a slower
/// path.
struct StatRowScanner {
    private let buffer: UnsafeBufferPointer<UInt8>
    /// Offset of the next unread byte.
    private(set) var position: Int
    /// 1-based line number at `position`.
    private(set) var line: Int

    init(_ buffer: UnsafeBufferPointer<UInt8>, position: Int, line: Int) {
        self.buffer = buffer
        self.position = position
        self.line = line
    }

    struct Outcome {
        /// The row, or nil when a field was malformed or `pxname`/`svname`/`type` was empty.
        var row: StatRow?
        var fieldCount = 0
        var lastFieldEmpty = false
        /// The input ended before a line feed closed the row.
        var endedAtEOF = false
        /// The input ended inside a quoted field.
        var unterminatedQuote = false
    }

    /// Scans the row starting at `position` and moves past its line feed. `numbers` is scratch
    /// space with one slot per `StatField`, reused across rows.
    mutating func scanRow(_ layout: ColumnLayout.Tables, numbers: UnsafeMutableBufferPointer<Int64>) -> Outcome {
        var builder = StatRowBuilder(numbers: numbers)
        var column = 0
        var lastFieldEmpty = false
        var endedAtEOF = false
        let buffer = self.buffer
        let end = buffer.count
        var position = self.position
        defer { self.position = position }
        let actions = layout.actions
        let columns = actions.count

        while true {
            let start = position
            let action = column < columns ? actions[column] : .ignored
            if position < end, buffer[position] == ASCII.comma, action.kind != .proxy, action.kind != .name, action.kind != .type {
                // An empty field: nothing to record.
                position += 1
                column += 1
                continue
            }
            let quoted = position < end && buffer[position] == ASCII.quote

            if action.kind == .ignore && !quoted {
                // Runs of unused columns are skipped by counting commas, with no per-field work.
                let target = column < columns ? layout.skipTargets[column] : Int.max
                var fieldStart = position
                var reachedTarget = false
                while position < end {
                    let byte = buffer[position]
                    if byte == ASCII.comma {
                        column += 1
                        position += 1
                        fieldStart = position
                        if column == target { reachedTarget = true; break }
                    } else if byte == ASCII.newline || (byte == ASCII.quote && position == fieldStart) {
                        break
                    } else {
                        position += 1
                    }
                }
                if reachedTarget { continue }
                if position < end, buffer[position] == ASCII.quote { continue }
                var fieldEnd = position
                if fieldEnd > fieldStart, buffer[fieldEnd - 1] == ASCII.carriageReturn { fieldEnd -= 1 }
                lastFieldEmpty = fieldEnd == fieldStart
            } else if quoted {
                self.position = position
                let quotedField = readQuoted()
                position = self.position
                guard let field = quotedField else {
                    return Outcome(row: nil, fieldCount: column + 1, lastFieldEmpty: false, endedAtEOF: true, unterminatedQuote: true)
                }
                lastFieldEmpty = field.isEmpty
                builder.apply(action, field)
                while position < end, buffer[position] != ASCII.comma, buffer[position] != ASCII.newline { position += 1 }
            } else if action.kind == .number {
                // Digits are accumulated during the scan; anything else makes the row malformed.
                // More than 18 digits leave the field unknown (see `CSVField.isLongNumber`).
                var value: Int64 = 0
                var digits = 0
                var negative = false
                var bad = false
                if position < end, buffer[position] == ASCII.minus {
                    negative = true
                    position += 1
                }
                while position < end {
                    let byte = buffer[position]
                    let digit = byte &- ASCII.zero
                    if digit < 10 {
                        value = value &* 10 &+ Int64(digit)
                        digits &+= 1
                    } else if byte == ASCII.comma || byte == ASCII.newline {
                        break
                    } else if !(byte == ASCII.carriageReturn && (position + 1 == end || buffer[position + 1] == ASCII.newline)) {
                        bad = true
                    }
                    position += 1
                }
                lastFieldEmpty = position == start
                if bad || (negative && digits == 0) {
                    builder.malformed = true
                } else if digits > 0 && digits <= 18 {
                    builder.set(negative ? -value : value, at: action.index)
                }
            } else {
                while position < end, buffer[position] != ASCII.comma, buffer[position] != ASCII.newline { position += 1 }
                var fieldEnd = position
                if fieldEnd > start, buffer[fieldEnd - 1] == ASCII.carriageReturn { fieldEnd -= 1 }
                lastFieldEmpty = fieldEnd == start
                let field = CSVField(bytes: UnsafeBufferPointer(rebasing: buffer[start..<fieldEnd]), hasEscapedQuotes: false)
                builder.apply(action, field)
            }

            guard position < end else {
                endedAtEOF = true
                break
            }
            let terminator = buffer[position]
            position += 1
            if terminator == ASCII.newline {
                line += 1
                break
            }
            column += 1
        }
        return Outcome(row: builder.finish(), fieldCount: column + 1, lastFieldEmpty: lastFieldEmpty, endedAtEOF: endedAtEOF)
    }

    /// Reads `"…"` starting at the opening quote; nil when the input ends before the closing quote.
    private mutating func readQuoted() -> CSVField? {
        let start = position + 1
        var index = start
        var escaped = false
        while index < buffer.count {
            if buffer[index] == ASCII.quote {
                if index + 1 < buffer.count, buffer[index + 1] == ASCII.quote {
                    escaped = true
                    index += 2
                    continue
                }
                let bytes = UnsafeBufferPointer(rebasing: buffer[start..<index])
                for byte in bytes where byte == ASCII.newline { line += 1 }
                position = index + 1
                return CSVField(bytes: bytes, hasEscapedQuotes: escaped)
            }
            index += 1
        }
        position = buffer.count
        return nil
    }
}

/// What to do with one column, looked up by column index for every field: a plain value so the
/// lookup costs a load, not an enum copy.
struct ColumnAction {
    enum Kind: UInt8 { case ignore, proxy, name, type, status, number, text }
    var kind: Kind
    /// `StatField.rawValue` for `.number`, `StatTextField.rawValue` for `.text`.
    var index: UInt8

    static let ignored = ColumnAction(kind: .ignore, index: 0)
}
