/// The `/` filter: a case-insensitive (ASCII) substring match over the UTF-8 bytes of a row's
/// names, without building lowered copies of every name each frame.
struct RowFilter {
    private let needle: [UInt8]

    init(_ text: String) {
        needle = text.utf8.map { Self.fold($0) }
    }

    var isEmpty: Bool { needle.isEmpty }

    /// True when any of `fields` contains the filter text (always true for an empty filter).
    func matches(_ a: String, _ b: String? = nil, _ c: String? = nil, _ d: String? = nil) -> Bool {
        if needle.isEmpty { return true }
        return contains(a) || b.map(contains) == true || c.map(contains) == true || d.map(contains) == true
    }

    func contains(_ haystack: String) -> Bool {
        if needle.isEmpty { return true }
        var copy = haystack
        return copy.withUTF8 { bytes -> Bool in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) {
                var i = 0
                while i < needle.count, Self.fold(bytes[start + i]) == needle[i] { i += 1 }
                if i == needle.count { return true }
            }
            return false
        }
    }

    private static func fold(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
