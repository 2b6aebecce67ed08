import CNcursesw

/// Display width and sanitising of text, in one place for every view (htop's RichString).
/// Widths follow `wcwidth`: CJK and most emoji take two columns, combining marks zero.
public enum TextWidth {
    /// One printable unit for the screen: the characters to draw and the columns they take.
    public struct Glyph: Equatable, Sendable {
        public var text: String
        public var width: Int
    }

    /// Columns the scalar takes; control characters count as their escaped form's length.
    /// Sets the process locale once (environment's, else C.UTF-8 for widths); true when the
    /// environment's own locale is UTF-8 (otherwise the UI should use ASCII glyphs).
    public static let environmentIsUTF8: Bool = CNcursesw_setUTF8Locale() == 1

    public static func width(of scalar: Unicode.Scalar) -> Int {
        if let escaped = escape(scalar) { return escaped.utf8.count }
        if scalar.value < 0x7F { return 1 }
        _ = environmentIsUTF8
        let w = Int(CNcursesw_wcwidth(scalar.value))
        if w >= 0 { return w }
        return 1
    }

    /// Display width of a whole string as `glyphs` would lay it out.
    public static func width(of text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += width(of: scalar) }
        return total
    }

    /// The escaped spelling of a control or otherwise unprintable scalar (`\x1b`, `\r`, `\t`),
    /// or nil when the scalar is safe to draw as it is.
    public static func escape(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00..<0x20, 0x7F:
            return "\\x" + hex2(scalar.value)
        case 0x80..<0xA0:
            return "\\u{" + String(scalar.value, radix: 16) + "}"
        case 0xFFFD:
            return "\\ufffd"
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            // line separators and bidirectional overrides can reorder what follows on the line
            return "\\u{" + String(scalar.value, radix: 16) + "}"
        default:
            return nil
        }
    }

    private static func hex2(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 4) & 0xF], digits[Int(v) & 0xF]])
    }

    /// Splits text into drawable glyphs: escapes control scalars, drops zero-width scalars that
    /// would attach to nothing, keeps each wide character whole.
    public static func glyphs(_ text: String) -> [Glyph] {
        var result: [Glyph] = []
        result.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let escaped = escape(scalar) {
                for c in escaped.unicodeScalars { result.append(Glyph(text: String(c), width: 1)) }
                continue
            }
            let w = width(of: scalar)
            if w == 0 {
                // combining mark or zero-width joiner: attach to the previous glyph if any
                if !result.isEmpty { result[result.count - 1].text.unicodeScalars.append(scalar) }
                continue
            }
            result.append(Glyph(text: String(scalar), width: w))
        }
        return result
    }

    /// `text` cut to at most `columns` columns, ending in `…` when cut; never splits a wide glyph.
    public static func truncate(_ text: String, to columns: Int, ellipsis: String = "…") -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        let ellipsisWidth = width(of: ellipsis)
        let budget = columns - ellipsisWidth
        guard budget >= 0 else { return "" }
        var out = ""
        var used = 0
        for glyph in glyphs(text) {
            if used + glyph.width > budget { break }
            out += glyph.text
            used += glyph.width
        }
        return out + ellipsis
    }

    /// `text` padded with spaces (or truncated) to exactly `columns` columns.
    public static func pad(_ text: String, to columns: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: columns, ellipsis: ellipsis)
        let gap = max(0, columns - width(of: cut))
        let spaces = String(repeating: " ", count: gap)
        return alignRight ? spaces + cut : cut + spaces
    }
}
