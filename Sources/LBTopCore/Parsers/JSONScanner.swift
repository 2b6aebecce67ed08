/// A forward reader over JSON text (RFC 8259) that finds values where they lie instead of building
/// them: strings are byte ranges decoded only when asked for, and values nobody wants are skipped
/// after checking they are well formed. A fleet's Prometheus answers are megabytes of series of
/// which a reader keeps a few labels each. Any fault sets `failed`; every later call then answers
/// nil or false, so a reader checks once, at the end.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int
    private let end: Int
    private(set) var failed = false
    private var depth = 0
    /// Nesting deeper than this is refused rather than recursed into.
    static let maxDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>? = nil) {
        self.bytes = bytes
        index = range?.lowerBound ?? 0
        end = range?.upperBound ?? bytes.count
    }

    /// A string in the bytes: between its quotes, still escaped when `isEscaped`.
    struct Text {
        var range: Range<Int>
        var isEscaped: Bool
    }

    /// Where a reader is inside an object or an array.
    struct Container {
        fileprivate var first = true
    }

    enum Kind { case object, array, string, other }

    /// The kind of the value at the index (after blanks); nil at the end.
    mutating func peek() -> Kind? {
        skipSpace()
        guard !failed, index < end else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        default: return .other
        }
    }

    /// Enters the object at the index; nil (a fault) when the value is not one.
    mutating func object() -> Container? { open(UInt8(ascii: "{")) }

    /// Enters the array at the index; nil (a fault) when the value is not one.
    mutating func array() -> Container? { open(UInt8(ascii: "[")) }

    /// The next member's key, leaving the index on its value (which the caller reads or skips);
    /// nil after the closing brace, or on a fault.
    mutating func nextKey(_ container: inout Container) -> Text? {
        guard separator(&container, close: UInt8(ascii: "}")) else { return nil }
        guard let key = text() else { return fault() }
        skipSpace()
        guard index < end, bytes[index] == UInt8(ascii: ":") else { return fault() }
        index += 1
        return key
    }

    /// Whether another item follows, the index on it; false after the closing bracket or on a fault.
    mutating func nextItem(_ container: inout Container) -> Bool {
        separator(&container, close: UInt8(ascii: "]"))
    }

    /// The string at the index; nil (a fault) when it is not one.
    mutating func text() -> Text? {
        skipSpace()
        guard !failed, index < end, bytes[index] == UInt8(ascii: "\"") else { return fault() }
        index += 1
        let start = index
        var escaped = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return Text(range: start..<(index - 1), isEscaped: escaped)
            }
            guard byte >= 0x20 else { return fault() }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                guard index + 1 < end else { return fault() }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= end, (2..<6).allSatisfy({ Self.hexDigit(bytes[index + $0]) != nil }) else { return fault() }
                    index += 6
                default: return fault()
                }
                continue
            }
            index += 1
        }
        return fault()
    }

    /// The string at the index, decoded; nil, the value stepped over, when it is something else.
    mutating func stringValue() -> String? {
        guard peek() == .string, let text = text() else {
            skip()
            return nil
        }
        return string(text)
    }

    /// The bytes of the number at the index (`-12.5e3`); nil (a fault) when it is not one.
    mutating func number() -> Range<Int>? {
        skipSpace()
        let start = index
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() else { return fault() }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() else { return fault() }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return fault() }
        }
        return start..<index
    }

    /// Steps over the value at the index, checking it is well formed.
    mutating func skip() {
        switch peek() {
        case .object?:
            guard var members = object() else { return }
            while nextKey(&members) != nil { skip() }
        case .array?:
            guard var items = array() else { return }
            while nextItem(&items) { skip() }
        case .string?:
            _ = text()
        case .other?:
            for word: StaticString in ["true", "false", "null"] where consume(word) { return }
            _ = number()
        case nil:
            failed = true
        }
    }

    /// Steps over `word` (`true`, `null`) when it is at the index; whether it was.
    mutating func consume(_ word: StaticString) -> Bool {
        skipSpace()
        guard !failed, bytes.hasPrefix(index..<end, word) else { return false }
        index += word.utf8CodeUnitCount
        return true
    }

    /// Whether the whole text has been read without a fault (only blanks remain).
    mutating func atEnd() -> Bool {
        skipSpace()
        return !failed && index == end
    }

    /// Whether `text` is exactly `word` (compared as written: the keys lbtop looks for are never escaped).
    func matches(_ text: Text, _ word: StaticString) -> Bool { bytes.matches(text.range, word) }

    /// `text` decoded.
    func string(_ text: Text) -> String { Self.decode(bytes, text.range, escaped: text.isEscaped) }

    /// The string between quotes at `range`, escapes decoded (`text()` has checked them; an
    /// unpaired surrogate becomes U+FFFD), invalid UTF-8 repaired.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, escaped: Bool = true) -> String {
        guard escaped else { return bytes.string(range) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < range.upperBound else { out.append(byte); index += 1; continue }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(bytes, index, range.upperBound) else { return bytes.string(range) }
                index += 4
                if (0xD800..<0xDC00).contains(scalar), index + 6 <= range.upperBound, bytes[index] == UInt8(ascii: "\\"),
                   bytes[index + 1] == UInt8(ascii: "u"), let low = hex4(bytes, index + 2, range.upperBound),
                   (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: out.append(escape)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Steps

    private mutating func open(_ opening: UInt8) -> Container? {
        skipSpace()
        guard !failed, index < end, bytes[index] == opening, depth < Self.maxDepth else { return fault() }
        index += 1
        depth += 1
        return Container()
    }

    /// Before a member or an item: the comma after the previous one, or the closing byte.
    private mutating func separator(_ container: inout Container, close: UInt8) -> Bool {
        skipSpace()
        guard !failed, index < end else { failed = true; return false }
        if bytes[index] == close {
            index += 1
            depth -= 1
            return false
        }
        if container.first {
            container.first = false
            return true
        }
        guard bytes[index] == UInt8(ascii: ",") else { failed = true; return false }
        index += 1
        skipSpace()
        // A comma is followed by another member or item, never by the closing byte.
        guard index < end, bytes[index] != close else { failed = true; return false }
        return true
    }

    private mutating func digits() -> Bool {
        let start = index
        while index < end, ASCIINumber.isDigit(bytes[index]) { index += 1 }
        return index > start
    }

    @inline(__always)
    private mutating func skipSpace() {
        while index < end, ASCIINumber.isWhitespace(bytes[index]) { index += 1 }
    }

    /// Marks the fault; nil so a caller can `return fault()`.
    private mutating func fault<T>() -> T? {
        failed = true
        return nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        guard start + 4 <= end else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexDigit(bytes[start + offset]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }
}
