/// Reuses the `String` made for a column when the next row holds the same bytes there: proxy
/// names, statuses, modes and check results repeat row after row, so most of them cost a byte
/// comparison instead of a UTF-8 validation and a new string.
struct RepeatedStrings {
    private var lastBytes: [[UInt8]]
    private var lastStrings: [String]

    init(columns: Int) {
        lastBytes = Array(repeating: [], count: columns)
        lastStrings = Array(repeating: "", count: columns)
    }

    mutating func string(_ field: CSVField, column: Int) -> String {
        guard column < lastBytes.count, !field.hasEscapedQuotes else { return field.string() }
        let bytes = field.bytes
        let same = lastBytes[column].withUnsafeBufferPointer { last in
            guard last.count == bytes.count else { return false }
            for index in 0..<last.count where last[index] != bytes[index] { return false }
            return true
        }
        if same, !lastBytes[column].isEmpty || bytes.isEmpty { return lastStrings[column] }
        let string = field.string()
        lastBytes[column] = Array(bytes)
        lastStrings[column] = string
        return string
    }
}
