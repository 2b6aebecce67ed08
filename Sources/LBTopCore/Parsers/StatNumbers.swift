/// The numeric columns of one `StatRow`, sharing the row's storage: what the store keeps of a
/// reading for the next poll's rates and the snapshot's gauges, without the row's text.
struct StatNumbers: Sendable {
    /// By `StatField.rawValue`; `StatRow.missing` marks an empty field.
    let values: ContiguousArray<Int64>
    /// The row's mode is `tcp`: it counts connections, not requests.
    let isTCP: Bool

    /// The value of a numeric column; nil when the field is empty or the column absent.
    subscript(field: StatField) -> Int64? {
        let value = values[field.rawValue]
        return value == StatRow.missing ? nil : value
    }

    /// The counter requests/s derive from (see `StatRow.requestCounter`).
    var requestCounter: Int64? {
        if isTCP { return self[.stot] }
        return self[.reqTot] ?? self[.stot]
    }
}

extension StatRow {
    /// The numeric columns, sharing this row's storage.
    var statNumbers: StatNumbers { StatNumbers(values: numbers, isTCP: isTCP) }
}
