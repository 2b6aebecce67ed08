#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an HAProxy CSV data row that holds no quote, the shape nearly every row has: the line's
/// commas are found at once (`CommaFinder`), then only the columns lbtop uses are read, straight
/// from their byte ranges; the unused ones (64 of HAProxy 2.6's 128) cost nothing but their commas.
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
            // As the general scanner does: a CR ending an unquoted text field is not part of it
            // (in a number it is a bad byte).
            if used.action.kind != .number, fieldEnd > fieldStart, base[fieldEnd - 1] == ASCII.carriageReturn { fieldEnd -= 1 }
            let field = CSVField(bytes: UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart),
                                 hasEscapedQuotes: false)
            builder.apply(used.action, field, column: column, strings: &strings)
        }
        if let row = builder.finish() { stats.rows.append(row) } else { stats.skippedLines += 1 }
        return newline + 1
    }
}
