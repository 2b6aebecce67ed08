/// A balancer's JSON status body as a tree of values, read with `JSONScanner`: admin answers are a
/// few kilobytes, where walking a tree reads better than streaming. Numbers keep their text, so a
/// uint64 counter stays exact; Envoy writes such counters as strings, which `integer` reads too.
enum JSONValue: Equatable, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The parsed body, or a `CollectError` that says the JSON is malformed.
    static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> JSONValue {
        let value = Array(bytes).withUnsafeBufferPointer { buffer -> JSONValue? in
            var scanner = JSONScanner(buffer)
            let value = read(&scanner)
            return scanner.atEnd() ? value : nil
        }
        guard let value else { throw CollectError(.badPayload, "malformed JSON") }
        return value
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var object: [String: JSONValue]? { if case .object(let members) = self { members } else { nil } }
    var array: [JSONValue]? { if case .array(let items) = self { items } else { nil } }
    var string: String? { if case .string(let text) = self { text } else { nil } }
    var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }

    /// An integer from a number or a numeric string (a fraction rounded); nil otherwise.
    var integer: Int64? {
        let text: String
        switch self {
        case .number(let digits), .string(let digits): text = digits
        default: return nil
        }
        if let exact = Int64(text) { return exact }
        guard let double = Double(text), double.isFinite, abs(double) < 9e18 else { return nil }
        return Int64(double.rounded())
    }

    private static func read(_ scanner: inout JSONScanner) -> JSONValue? {
        switch scanner.peek() {
        case .object?:
            guard var container = scanner.object() else { return nil }
            var members: [String: JSONValue] = [:]
            while let key = scanner.nextKey(&container) {
                guard let value = read(&scanner) else { return nil }
                members[scanner.string(key)] = value
            }
            return scanner.failed ? nil : .object(members)
        case .array?:
            guard var container = scanner.array() else { return nil }
            var items: [JSONValue] = []
            while scanner.nextItem(&container) {
                guard let value = read(&scanner) else { return nil }
                items.append(value)
            }
            return scanner.failed ? nil : .array(items)
        case .string?:
            return scanner.text().map { .string(scanner.string($0)) }
        case .other?:
            return literal(&scanner)
        case nil:
            return nil
        }
    }

    private static func literal(_ scanner: inout JSONScanner) -> JSONValue? {
        for (word, value): (StaticString, JSONValue) in [("true", .bool(true)), ("false", .bool(false)), ("null", .null)]
        where scanner.consume(word) {
            return value
        }
        guard let range = scanner.number() else { return nil }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[range]), as: UTF8.self))
    }
}
