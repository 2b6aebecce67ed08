import TOMLKit

/// Typed reads of TOML values: each records an error at the key's line and returns nil when the
/// value has the wrong type or is out of range.
extension ConfigReader {
    mutating func fail(_ at: [String], _ message: String) {
        errors.append(ConfigError(path: path, line: locator.line(of: at), message: message))
    }

    mutating func string(_ value: any TOMLValueConvertible, _ at: [String]) -> String? {
        typed(value, at, "a string") { $0.string }
    }

    mutating func bool(_ value: any TOMLValueConvertible, _ at: [String]) -> Bool? {
        typed(value, at, "true or false") { $0.bool }
    }

    mutating func table(_ value: any TOMLValueConvertible, _ at: [String]) -> TOMLTable? {
        typed(value, at, "a table") { $0.table }
    }

    mutating func array(_ value: any TOMLValueConvertible, _ at: [String]) -> TOMLArray? {
        typed(value, at, "an array") { $0.array }
    }

    /// `read(value)`, or an error naming what was `expected` when it is nil.
    private mutating func typed<T>(_ value: any TOMLValueConvertible, _ at: [String], _ expected: String,
                                   _ read: (any TOMLValueConvertible) -> T?) -> T? {
        if let result = read(value) { return result }
        wrongType(value, at, expected)
        return nil
    }

    /// The tables of an array of tables (`[[target]]`), each with its key path.
    mutating func tables(_ value: any TOMLValueConvertible, _ at: [String]) -> [(table: TOMLTable, at: [String])] {
        guard let array = array(value, at) else { return [] }
        var result: [(table: TOMLTable, at: [String])] = []
        for (index, element) in array.enumerated() {
            let here = at + ["[\(index)]"]
            if let table = element.table { result.append((table, here)) }
            else { wrongType(element, here, "a table ([[\(at.last ?? "")]])") }
        }
        return result
    }

    /// A size: a number of bytes, or text such as `"500MB"`, `"1GiB"` (at least 1 MB).
    mutating func byteSize(_ value: any TOMLValueConvertible, _ at: [String]) -> Int64? {
        let bytes = value.int.map(Int64.init) ?? value.string.flatMap(ByteSizeText.parse)
        guard let bytes, bytes >= 1_000_000 else {
            fail(at, "\(at.last ?? "size") must be a size of at least 1MB (write \"500MB\", \"1GiB\" or a number of bytes)")
            return nil
        }
        return bytes
    }

    mutating func number(_ value: any TOMLValueConvertible, _ at: [String], in range: ClosedRange<Double>,
                         _ rangeText: String) -> Double? {
        guard let number = value.double ?? value.int.map(Double.init) else {
            wrongType(value, at, "a number")
            return nil
        }
        guard range.contains(number) else {
            fail(at, "\(at.last ?? "value") must be \(rangeText), got \(Self.show(number))")
            return nil
        }
        return number
    }

    /// A threshold: a number, or `false` to turn that severity level off.
    mutating func threshold(_ value: any TOMLValueConvertible, _ at: [String]) -> RuleSettings.Threshold? {
        if value.bool == false { return .off }
        if let number = value.double ?? value.int.map(Double.init), number.isFinite {
            return .value(number)
        }
        wrongType(value, at, "a number (or false to turn this level off)")
        return nil
    }

    /// A duration: `"500ms"`, `"1s"`, `"2m"`, `"1h"`, or a number of seconds.
    mutating func duration(_ value: any TOMLValueConvertible, _ at: [String]) -> Double? {
        if let number = value.double ?? value.int.map(Double.init) {
            if number >= 0 && number.isFinite { return number }
            fail(at, "\(at.last ?? "duration") must not be negative, got \(Self.show(number))")
            return nil
        }
        guard let text = value.string else {
            wrongType(value, at, "a duration like \"1s\", \"500ms\" or \"2m\"")
            return nil
        }
        guard let seconds = DurationText.parse(text) else {
            let name = at.last ?? "duration"
            fail(at, "\(name) \"\(text)\" is not a duration (write \"1s\", \"500ms\", \"2m\" or \"1h\")")
            return nil
        }
        return seconds
    }

    mutating func positiveDuration(_ value: any TOMLValueConvertible, _ at: [String]) -> Double? {
        guard let seconds = duration(value, at) else { return nil }
        guard seconds > 0 else {
            fail(at, "\(at.last ?? "duration") must be more than 0")
            return nil
        }
        return seconds
    }

    private mutating func wrongType(_ value: any TOMLValueConvertible, _ at: [String], _ expected: String) {
        let name = at.last(where: { !$0.hasPrefix("[") }) ?? "value"
        fail(at, "\(name) must be \(expected), got \(value.type) \(Self.preview(value))")
    }

    private static func preview(_ value: any TOMLValueConvertible) -> String {
        switch value.type {
        case .table, .array: return ""
        case .string: return "\"\(value.string ?? "")\""
        default: return value.debugDescription
        }
    }

    private static func show(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
