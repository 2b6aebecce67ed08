/// A bordered box with a title in its top edge (`┌─ servers ─┐`, ASCII `+- servers -+`).
/// Draws only the border; `inner` is where the content goes.
public struct BoxWidget: Widget {
    public var title: String
    public var glyphs: GlyphSet
    public var style: Style

    public init(title: String = "", glyphs: GlyphSet = .unicode, style: Style = Style(.border)) {
        self.title = title; self.glyphs = glyphs; self.style = style
    }

    /// The area inside the border.
    public static func inner(of rect: Rect) -> Rect { rect.inset(by: 1) }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let g = glyphs
        screen.fill(Rect(x: rect.x, y: rect.y, width: 1, height: 1), with: g.topLeft, style: style)
        screen.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: g.horizontal, style: style)
        screen.fill(Rect(x: rect.maxX - 1, y: rect.y, width: 1, height: 1), with: g.topRight, style: style)
        screen.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: g.vertical, style: style)
        screen.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: g.vertical, style: style)
        screen.fill(Rect(x: rect.x, y: rect.maxY - 1, width: 1, height: 1), with: g.bottomLeft, style: style)
        screen.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: g.horizontal, style: style)
        screen.fill(Rect(x: rect.maxX - 1, y: rect.maxY - 1, width: 1, height: 1), with: g.bottomRight, style: style)
        if !title.isEmpty, rect.width > 6 {
            let room = rect.width - 4
            let text = " " + TextWidth.truncate(title, to: room - 2, ellipsis: g.ellipsis) + " "
            screen.put(text, x: rect.x + 2, y: rect.y, maxWidth: room, style: Style(.title))
        }
    }
}
