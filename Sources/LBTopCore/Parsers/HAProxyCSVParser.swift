/// Why a body could not be read as HAProxy stats CSV at all.
public enum HAProxyCSVError: Error, Equatable, CustomStringConvertible {
    /// Nothing but blank lines.
    case empty
    /// The first line is not a `# pxname,svname,…` header; `found` is its start, printable.
    case missingHeader(found: String)
    /// The header lacks columns every HAProxy version has.
    case missingColumns([String])
    /// The body ends inside a row: the response was cut short.
    case truncated(line: Int)

    public var description: String {
        switch self {
        case .empty: "empty response"
        case .missingHeader(let found): "not HAProxy stats CSV (first line: \"\(found)\")"
        case .missingColumns(let names): "HAProxy CSV header lacks column(s) \(names.joined(separator: ", "))"
        case .truncated(let line): "truncated CSV: line \(line) ends before its last column"
        }
    }
}

/// The rows of one HAProxy stats CSV response.
public struct HAProxyStats: Sendable, Equatable {
    public var rows: [StatRow]
    /// Malformed data lines that were skipped (wrong field count, bad type or number).
    public var skippedLines: Int
    /// Number of columns in the (last) header.
    public var columnCount: Int
    public init(rows: [StatRow] = [], skippedLines: Int = 0, columnCount: Int = 0) {
        self.rows = rows; self.skippedLines = skippedLines; self.columnCount = columnCount
    }
}

/// Parses HAProxy's stats CSV (`show stat` on the socket, `;csv` on the stats page) from bytes.
///
/// Columns are mapped by header name once per header, so every version from 1.5 on parses, and a
/// column missing from an older version reads as nil. Fields follow RFC 4180 quoting (doubled
/// quotes, commas and newlines inside quotes). Numeric columns are parsed straight from the bytes;
/// only the few text columns become `String`s. A later `# ` line starts a new header.
public enum HAProxyCSVParser {
    public static func parse(_ bytes: [UInt8]) throws(HAProxyCSVError) -> HAProxyStats {
        let result: Result<HAProxyStats, HAProxyCSVError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(HAProxyCSVError) in try parse(buffer) }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(HAProxyCSVError) -> HAProxyStats {
        try parse(Array(text.utf8))
    }

    public static func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws(HAProxyCSVError) -> HAProxyStats {
        var stats = HAProxyStats()
        stats.rows.reserveCapacity(buffer.count / 256 + 4)
        var layout: ColumnLayout?
        var position = 0
        var line = 1
        var sawContent = false
        let end = buffer.count
        let numbers = UnsafeMutableBufferPointer<Int64>.allocate(capacity: StatField.allCases.count)
        defer { numbers.deallocate() }

        while position < end {
            // Blank lines (the socket answer ends with one) are not data.
            if buffer[position] == ASCII.newline {
                position += 1
                line += 1
                continue
            }
            if buffer[position] == ASCII.carriageReturn, position + 1 < end, buffer[position + 1] == ASCII.newline {
                position += 2
                line += 1
                continue
            }
            sawContent = true
            if buffer[position] == ASCII.hash {
                let header = try ColumnLayout(headerLine: rawLine(buffer, from: &position))
                line += 1
                stats.columnCount = header.count
                layout = header
                continue
            }
            guard let layout else {
                throw .missingHeader(found: printablePrefix(rawLine(buffer, from: &position)))
            }
            let rowLine = line
            var scanner = StatRowScanner(buffer, position: position, line: line)
            var outcome = layout.withTables { scanner.scanRow($0, numbers: numbers) }
            position = scanner.position
            line = scanner.line
            let complete = layout.accepts(fieldCount: outcome.fieldCount, lastFieldEmpty: outcome.lastFieldEmpty)
            if outcome.endedAtEOF && (outcome.unterminatedQuote || !complete) {
                throw .truncated(line: rowLine)
            }
            if complete, let row = outcome.row.take() {   // moved out, not copied then released
                stats.rows.append(row)
            } else {
                stats.skippedLines += 1
            }
        }
        guard sawContent, layout != nil else { throw .empty }
        return stats
    }

    /// The bytes up to the end of the line (without CR LF); moves `position` past the line feed.
    private static func rawLine(_ buffer: UnsafeBufferPointer<UInt8>, from position: inout Int) -> UnsafeBufferPointer<UInt8> {
        let start = position
        while position < buffer.count, buffer[position] != ASCII.newline { position += 1 }
        var lineEnd = position
        if lineEnd > start, buffer[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
        if position < buffer.count { position += 1 }
        return UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
    }

    static func printablePrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(40)), as: UTF8.self)
        return String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
    }
}

/// The column actions of one header: columns are mapped by name, once per header.
struct ColumnLayout: Sendable {
    private(set) var actions: ContiguousArray<ColumnAction>
    var count: Int { actions.count }

    init(headerLine: UnsafeBufferPointer<UInt8>) throws(HAProxyCSVError) {
        var line = Substring(String(decoding: headerLine, as: UTF8.self))
        if line.hasPrefix("# ") { line = line.dropFirst(2) } else { line = line.dropFirst() }
        var names = line.split(separator: ",", omittingEmptySubsequences: false)
        if names.last?.isEmpty == true { names.removeLast() }
        let numeric = Self.numericColumns, textual = Self.textColumns
        actions = ContiguousArray(names.map { name -> ColumnAction in
            switch name {
            case "pxname": ColumnAction(kind: .proxy, index: 0)
            case "svname": ColumnAction(kind: .name, index: 0)
            case "type": ColumnAction(kind: .type, index: 0)
            case "status": ColumnAction(kind: .status, index: 0)
            default:
                if let field = numeric[String(name)] { ColumnAction(kind: .number, index: UInt8(field.rawValue)) }
                else if let field = textual[String(name)] { ColumnAction(kind: .text, index: UInt8(field.rawValue)) }
                else { .ignored }
            }
        })
        let missing = [("pxname", ColumnAction.Kind.proxy), ("svname", .name), ("type", .type)]
            .filter { _, kind in !actions.contains { $0.kind == kind } }
            .map(\.0)
        guard missing.isEmpty else { throw .missingColumns(missing) }
        var next = Int.max
        skipTargets = ContiguousArray(repeating: Int.max, count: actions.count)
        for column in actions.indices.reversed() {
            skipTargets[column] = next
            if actions[column].kind != .ignore { next = column }
        }
    }

    /// Known columns by header name, built once per process rather than once per response.
    private static let numericColumns = Dictionary(uniqueKeysWithValues: StatField.allCases.map { ($0.columnName, $0) })
    private static let textColumns = Dictionary(uniqueKeysWithValues: StatTextField.allCases.map { ($0.columnName, $0) })

    /// For an unused column, the next column that is used (`Int.max` when none follows), so a
    /// run of unused columns is skipped in one pass.
    private(set) var skipTargets: ContiguousArray<Int> = []

    /// The tables as unsafe buffers for the readers' inner loops.
    struct Tables {
        let actions: UnsafeBufferPointer<ColumnAction>
        let skipTargets: UnsafeBufferPointer<Int>

        /// A row matches the header when it has one field per column, plus at most the empty
        /// field after HAProxy's trailing comma.
        func accepts(fieldCount: Int, lastFieldEmpty: Bool) -> Bool {
            fieldCount == actions.count || (fieldCount == actions.count + 1 && lastFieldEmpty)
        }
    }

    func withTables<R>(_ body: (Tables) -> R) -> R {
        actions.withUnsafeBufferPointer { actions in
            skipTargets.withUnsafeBufferPointer { targets in
                body(Tables(actions: actions, skipTargets: targets))
            }
        }
    }

    /// See `Tables.accepts`.
    func accepts(fieldCount: Int, lastFieldEmpty: Bool) -> Bool {
        withTables { $0.accepts(fieldCount: fieldCount, lastFieldEmpty: lastFieldEmpty) }
    }
}
