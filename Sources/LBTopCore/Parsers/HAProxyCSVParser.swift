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
        var reader = CSVRecordReader(buffer)
        var stats = HAProxyStats()
        stats.rows.reserveCapacity(buffer.count / 256 + 4)
        var layout: ColumnLayout?
        var sawContent = false

        while !reader.atEnd {
            let line = reader.line
            if reader.atBlankLine() { continue }
            sawContent = true
            if reader.peek == UInt8(ascii: "#") {
                let header = try ColumnLayout(headerLine: reader.readRawLine())
                stats.columnCount = header.count
                layout = header
                continue
            }
            guard let layout else {
                throw .missingHeader(found: printablePrefix(reader.readRawLine()))
            }
            var builder = RowBuilder()
            let outcome = reader.readRecord { column, field in
                builder.apply(layout.action(at: column), field)
            }
            if outcome.endedAtEOF && (outcome.unterminatedQuote || !layout.accepts(outcome)) {
                throw .truncated(line: line)
            }
            if let row = builder.row, layout.accepts(outcome) {
                stats.rows.append(row)
            } else {
                stats.skippedLines += 1
            }
        }
        guard sawContent else { throw .empty }
        guard layout != nil else { throw .empty }
        return stats
    }

    static func printablePrefix(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes.prefix(40)), as: UTF8.self)
        return String(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7f ? "?" : Character($0) })
    }
}

/// What to do with each column of a header, looked up by column index for every field.
struct ColumnLayout {
    enum Action {
        case ignore, proxy, name, type, status
        case number(StatField)
        case text(StatTextField)
    }

    private(set) var actions: [Action]
    var count: Int { actions.count }

    init(headerLine: UnsafeBufferPointer<UInt8>) throws(HAProxyCSVError) {
        var line = Substring(String(decoding: headerLine, as: UTF8.self))
        if line.hasPrefix("# ") { line = line.dropFirst(2) } else { line = line.dropFirst() }
        var names = line.split(separator: ",", omittingEmptySubsequences: false)
        if names.last?.isEmpty == true { names.removeLast() }
        let numeric = Dictionary(uniqueKeysWithValues: StatField.allCases.map { ($0.columnName, $0) })
        let textual = Dictionary(uniqueKeysWithValues: StatTextField.allCases.map { ($0.columnName, $0) })
        actions = names.map { name -> Action in
            switch name {
            case "pxname": .proxy
            case "svname": .name
            case "type": .type
            case "status": .status
            default:
                if let field = numeric[String(name)] { .number(field) }
                else if let field = textual[String(name)] { .text(field) }
                else { .ignore }
            }
        }
        let required: [(String, (Action) -> Bool)] = [
            ("pxname", { if case .proxy = $0 { true } else { false } }),
            ("svname", { if case .name = $0 { true } else { false } }),
            ("type", { if case .type = $0 { true } else { false } }),
        ]
        let missing = required.filter { _, isIt in !actions.contains(where: isIt) }.map(\.0)
        guard missing.isEmpty else { throw .missingColumns(missing) }
    }

    @inline(__always)
    func action(at column: Int) -> Action {
        column < actions.count ? actions[column] : .ignore
    }

    /// A record matches the header when it has one field per column, plus at most the empty
    /// field after HAProxy's trailing comma.
    func accepts(_ outcome: CSVRecordReader.Outcome) -> Bool {
        outcome.fieldCount == count || (outcome.fieldCount == count + 1 && outcome.lastFieldEmpty)
    }
}

/// Accumulates one row's fields; `row` is nil when a field was malformed or an identity column
/// (`pxname`, `svname`, `type`) is empty.
struct RowBuilder {
    private var building = StatRow(proxy: "", name: "", kind: .frontend)
    private var hasProxy = false, hasName = false, hasKind = false
    private var malformed = false

    mutating func apply(_ action: ColumnLayout.Action, _ field: CSVField) {
        switch action {
        case .ignore:
            return
        case .proxy:
            hasProxy = !field.isEmpty
            building.proxy = field.string()
        case .name:
            hasName = !field.isEmpty
            building.name = field.string()
        case .type:
            if let value = field.integer(), let kind = StatRow.Kind(rawValue: Int(value)) {
                building.kind = kind
                hasKind = true
            } else {
                malformed = true
            }
        case .status:
            building.status = field.string()
        case .number(let stat):
            if field.isEmpty { return }
            if let value = field.integer() { building.numbers[stat.rawValue] = value } else { malformed = true }
        case .text(let text):
            if !field.isEmpty { building[text: text] = field.string() }
        }
    }

    var row: StatRow? {
        guard !malformed, hasProxy, hasName, hasKind else { return nil }
        return building
    }
}
