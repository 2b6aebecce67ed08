#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an HAProxy CSV data row that holds no quote, the shape nearly every row has: the line's
/// commas are found at once (`CommaFinder`), then only the columns lbtop uses are read, straight
/// from their byte ranges; the fifty-odd unused columns cost nothing but their commas.
///
/// A row with a quote (RFC 4180 fields), the last line without its line feed, or a line with more
/// fields than `commas` holds is left to `StatRowScanner`, which reads anything. Both give the
/// same row for the same bytes (tested against each other).
enum UnquotedRowReader {
    /// Reads the row at `start` into `stats` (appended, or counted as skipped) and returns the
    /// offset just past its line feed; nil, with `stats` untouched, when the row is not one this
    /// reader takes (see above).
    static func read(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, layout: ColumnLayout.Tables,
                     commas: UnsafeMutableBufferPointer<Int>, numbers: UnsafeMutableBufferPointer<Int64>,
                     strings: inout RepeatedStrings, into stats: inout HAProxyStats) -> Int? {
        guard let base = buffer.baseAddress, start < buffer.count,
              let found = memchr(base + start, Int32(ASCII.newline), buffer.count - start) else { return nil }
        let newline = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        if memchr(base + start, Int32(ASCII.quote), newline - start) != nil { return nil }
        var lineEnd = newline
        if lineEnd > start, base[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
        guard let commaCount = CommaFinder.offsets(in: buffer, start..<lineEnd, into: commas) else { return nil }

        let lastStart = commaCount == 0 ? start : commas[commaCount - 1] + 1
        // A row whose field count does not match the header is skipped whole: nothing to read.
        guard layout.accepts(fieldCount: commaCount + 1, lastFieldEmpty: lastStart == lineEnd) else {
            stats.skippedLines += 1
            return newline + 1
        }

        var builder = StatRowBuilder(numbers: numbers)
        for used in layout.usedColumns {
            let column = used.column
            let fieldStart = column == 0 ? start : commas[column - 1] + 1
            var fieldEnd = column < commaCount ? commas[column] : lineEnd
            if used.action.kind == .number {
                guard fieldEnd > fieldStart else { continue }
                guard let value = integer(base, fieldStart, fieldEnd) else {
                    builder.malformed = true
                    continue
                }
                builder.set(value, at: used.action.index)
            } else {
                // As the general scanner does: a CR ending an unquoted text field is not part of it.
                if fieldEnd > fieldStart, base[fieldEnd - 1] == ASCII.carriageReturn { fieldEnd -= 1 }
                let field = CSVField(bytes: UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart),
                                     hasEscapedQuotes: false)
                builder.apply(used.action, field, column: column, strings: &strings)
            }
        }
        if let row = builder.finish() { stats.rows.append(row) } else { stats.skippedLines += 1 }
        return newline + 1
    }

    /// A decimal integer filling `start..<end` (not empty), optional leading `-`, at most 18 digits.
    @inline(__always)
    private static func integer(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int64? {
        var index = start
        let negative = base[index] == ASCII.minus
        if negative { index += 1 }
        guard index < end, end - index <= 18 else { return nil }
        var value: Int64 = 0
        while index < end {
            let digit = base[index] &- ASCII.zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int64(digit)
            index += 1
        }
        return negative ? -value : value
    }
}
