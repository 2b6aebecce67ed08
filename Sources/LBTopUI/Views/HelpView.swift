/// The `?` overlay: every binding of the key map, generated from the same table the input handler
/// reads, so help and behaviour cannot drift apart. Drawn in a box centred over the frame.
public struct HelpView: Sendable {
    public var keyMap: KeyMap
    public var glyphs: GlyphSet

    public init(keyMap: KeyMap, glyphs: GlyphSet) { self.keyMap = keyMap; self.glyphs = glyphs }

    public static let title = "Keys"

    /// The last line of the box.
    public var closeHint: String { "any key closes help \(glyphs.separator) q quits" }

    /// One row per binding: the keys and what they do.
    public var entries: [(keys: String, summary: String)] {
        keyMap.bindings.map { ($0.keyLabel(ascii: glyphs.isASCII), $0.summary) }
    }

    public func render<S: Screen>(on screen: inout S) {
        let rows = entries
        let keyColumn = rows.map { TextWidth.width(of: $0.keys) }.max() ?? 0
        let summaryColumn = rows.map { TextWidth.width(of: $0.summary) }.max() ?? 0
        let hint = closeHint
        let innerWidth = max(keyColumn + 2 + summaryColumn, TextWidth.width(of: hint))
        let width = min(screen.width, innerWidth + 4)
        let height = min(screen.height, rows.count + 4)
        guard width >= 6, height >= 3 else { return }
        let box = Rect(x: (screen.width - width) / 2, y: (screen.height - height) / 2, width: width, height: height)
        screen.fill(box, with: " ", style: Style(.text))
        BoxWidget(title: Self.title, glyphs: glyphs).render(in: box, on: &screen)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let listed = max(0, inner.height - 2)
        for (i, row) in rows.prefix(listed).enumerated() {
            let y = inner.y + i
            screen.put(TextWidth.pad(row.keys, to: keyColumn, ellipsis: glyphs.ellipsis), x: inner.x, y: y,
                       maxWidth: inner.width, style: Style(.keyHint))
            let summaryX = inner.x + keyColumn + 2
            screen.put(row.summary, x: summaryX, y: y, maxWidth: inner.maxX - summaryX, style: Style(.text))
        }
        if inner.height >= 2 {
            screen.put(hint, x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: Style(.muted))
        }
    }
}
