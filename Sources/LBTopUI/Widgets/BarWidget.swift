/// A horizontal bar filled to a fraction of its width, in eighths of a cell with Unicode
/// (`▏▎▍▌▋▊▉█`), whole cells in ASCII. The empty part is `barEmpty` in `.muted`.
public struct BarWidget: Widget {
    /// 0…1; values outside are clamped, NaN draws an empty bar.
    public var fraction: Double
    public var style: Style
    public var glyphs: GlyphSet

    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    public init(fraction: Double, style: Style, glyphs: GlyphSet = .unicode) {
        self.fraction = fraction; self.style = style; self.glyphs = glyphs
    }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let f = fraction.isNaN ? 0 : Swift.min(1, Swift.max(0, fraction))
        let units = glyphs.isASCII ? 1 : 8
        let filled = Int((f * Double(rect.width * units)).rounded())
        let full = filled / units, partial = filled % units
        for row in rect.y..<rect.maxY {
            screen.fill(Rect(x: rect.x, y: row, width: full, height: 1), with: glyphs.barFull, style: style)
            var x = rect.x + full
            if partial > 0 {
                screen.fill(Rect(x: x, y: row, width: 1, height: 1), with: Self.eighths[partial - 1], style: style)
                x += 1
            }
            screen.fill(Rect(x: x, y: row, width: rect.maxX - x, height: 1), with: glyphs.barEmpty, style: Style(.muted))
        }
    }
}
