import LBTopCore

/// A multi-row history graph (the detail view's big graphs): each column is one value, a bar
/// rising from the bottom in eighths of a row. Newest at the right; a gap (`NaN`) is a column of
/// gap glyphs in `.stale` at the bottom row. In ASCII the partial top cell is `#` or blank.
public struct GraphWidget: Widget {
    public var values: ArraySlice<Double>
    /// Value reaching the top row; nil = the largest value shown.
    public var max: Double?
    public var glyphs: GlyphSet
    public var gradient: GradientKind

    public init(values: ArraySlice<Double>, max: Double? = nil, glyphs: GlyphSet = .unicode,
                gradient: GradientKind) {
        self.values = values; self.max = max; self.glyphs = glyphs; self.gradient = gradient
    }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(rect)
        let shown = values.suffix(rect.width)
        let top = max ?? shown.lazy.filter { !$0.isNaN }.max() ?? 0
        let steps = glyphs.levels.count
        let cells = rect.height * steps
        var x = rect.maxX - shown.count
        for value in shown {
            defer { x += 1 }
            if value.isNaN {
                screen.fill(Rect(x: x, y: rect.maxY - 1, width: 1, height: 1), with: glyphs.gap, style: Style(.stale))
                continue
            }
            let filled = top > 0 && value > 0
                ? Swift.max(1, Swift.min(cells, Int((value / top * Double(cells)).rounded()))) : 0
            let percent = UInt8(Swift.min(100, top > 0 ? Int(value / top * 100) : 0))
            let style = Style(.graph(gradient, percent: percent))
            for row in 0..<rect.height {
                let inRow = filled - row * steps
                guard inRow > 0 else { break }
                let glyph = inRow >= steps ? glyphs.barFull
                    : (glyphs.isASCII ? (inRow * 2 >= steps ? glyphs.barFull : glyphs.levels[0]) : glyphs.levels[inRow - 1])
                screen.fill(Rect(x: x, y: rect.maxY - 1 - row, width: 1, height: 1), with: glyph, style: style)
            }
        }
    }
}
