/// Collects the fields of one HAProxy CSV data row into a `StatRow`: numbers go to a scratch slot
/// per `StatField` (reused across rows), text columns become `String`s, and a missing or malformed
/// identity column spoils the row.
struct StatRowBuilder {
    private var row = StatRow(proxy: "", name: "", kind: .frontend, numbers: [])
    private let numbers: UnsafeMutableBufferPointer<Int64>
    private var hasProxy = false, hasName = false, hasKind = false
    /// A field could not be read (bad number or type): the row is skipped.
    var malformed = false

    /// `numbers` is scratch space with one slot per `StatField`; it is cleared here.
    init(numbers: UnsafeMutableBufferPointer<Int64>) {
        numbers.update(repeating: StatRow.missing)
        self.numbers = numbers
    }

    /// Stores a number already read from the bytes.
    @inline(__always)
    func set(_ value: Int64, at index: UInt8) { numbers[Int(index)] = value }

    mutating func apply(_ action: ColumnAction, _ field: CSVField) {
        switch action.kind {
        case .ignore:
            return
        case .proxy:
            hasProxy = !field.isEmpty
            row.proxy = field.string()
        case .name:
            hasName = !field.isEmpty
            row.name = field.string()
        case .type:
            if let value = field.integer(), let kind = StatRow.Kind(rawValue: Int(value)) {
                row.kind = kind
                hasKind = true
            } else {
                malformed = true
            }
        case .status:
            row.status = field.string()
        case .number:
            if field.isEmpty { return }
            if let value = field.integer() { numbers[Int(action.index)] = value } else if !field.isLongNumber { malformed = true }
        case .text:
            guard !field.isEmpty, let text = StatTextField(rawValue: Int(action.index)) else { return }
            row[text: text] = field.string()
        }
    }

    /// The row, or nil when a field was malformed or `pxname`/`svname`/`type` was empty.
    /// Call once: the row is moved out (swapped for an empty one), not copied.
    mutating func finish() -> StatRow? {
        guard !malformed, hasProxy, hasName, hasKind else { return nil }
        row.numbers = ContiguousArray(numbers)
        var finished = StatRow(proxy: "", name: "", kind: .frontend, numbers: [])
        swap(&finished, &row)
        return finished
    }
}
