/// The characters graphs, bars and boxes are drawn with: Unicode blocks and box lines, or plain
/// ASCII for a non-UTF-8 locale or `--ascii` (htop's `GraphMeterMode_dotsAscii`).
public struct GlyphSet: Sendable, Equatable {
    /// Sparkline levels, lowest first; index 0 is drawn for a zero.
    public var levels: [Character]
    /// Drawn where a series has no value (a gap).
    public var gap: Character
    public var barFull: Character
    /// Alternate fill, to tell adjacent segments of a stacked bar apart.
    public var barAlternate: Character
    public var barEmpty: Character
    /// Shown in a table cell with no value (stale, not joined).
    public var missing: String
    public var ellipsis: String
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var arrowUp: String
    public var arrowDown: String
    public var separator: String
    public var isASCII: Bool

    public static let unicode = GlyphSet(
        levels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], gap: " ", barFull: "█", barAlternate: "▓",
        barEmpty: "░", missing: "—", ellipsis: "…", horizontal: "─", vertical: "│", topLeft: "┌",
        topRight: "┐", bottomLeft: "└", bottomRight: "┘", arrowUp: "↑", arrowDown: "↓",
        separator: "·", isASCII: false)

    public static let ascii = GlyphSet(
        levels: ["_", ".", "-", "-", "=", "=", "#", "#"], gap: " ", barFull: "#", barAlternate: "=",
        barEmpty: ".", missing: "-", ellipsis: "~", horizontal: "-", vertical: "|", topLeft: "+",
        topRight: "+", bottomLeft: "+", bottomRight: "+", arrowUp: "^", arrowDown: "v",
        separator: "|", isASCII: true)
}
