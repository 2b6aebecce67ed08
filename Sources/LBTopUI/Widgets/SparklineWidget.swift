import LBTopCore

/// A one-line graph of a series, newest value at the right edge (`▁▂▃▄▅▆▇█`, or ASCII). A gap
/// (`NaN`) is drawn as the glyph set's gap in the `.stale` role, never as a zero; a zero is the
/// lowest level. Older values that do not fit are not drawn; missing history on the left is blank.
public struct SparklineWidget: Widget {
    public var values: ArraySlice<Double>
    /// Value drawn as a full block; nil = the largest value shown.
    public var max: Double?
    public var glyphs: GlyphSet
    /// Each cell's role: a gradient indexed by the cell's level, or one fixed role.
    public var coloring: Coloring
    /// Style of the blank cells left of the oldest value.
    public var background: Style

    public enum Coloring: Sendable, Equatable {
        case gradient(GradientKind)
        case fixed(Style)
    }

    public init(values: ArraySlice<Double>, max: Double? = nil, glyphs: GlyphSet = .unicode,
                coloring: Coloring = .fixed(.plain), background: Style = .plain) {
        self.values = values; self.max = max; self.glyphs = glyphs; self.coloring = coloring
        self.background = background
    }

    /// Values as optionals (nil = gap), for tests and small literals.
    public init(values: [Double?], max: Double? = nil, glyphs: GlyphSet = .unicode,
                coloring: Coloring = .fixed(.plain)) {
        self.init(values: ArraySlice(values.map { $0 ?? .nan }), max: max, glyphs: glyphs, coloring: coloring)
    }

    public init(series: Series, max: Double? = nil, glyphs: GlyphSet = .unicode,
                coloring: Coloring = .fixed(.plain), background: Style = .plain) {
        // Only the newest values can show: copy at most a screen width of them, not the window.
        self.init(values: ArraySlice(series.suffix(Self.widestShown)), max: max, glyphs: glyphs, coloring: coloring, background: background)
    }

    /// Polls per cell of a sparkline in a table row, the store's own cell size (its stored means
    /// are read whole): a 24-cell trend spans four minutes at a 1 s interval and moves one cell
    /// every 10 polls (between moves only its newest cell changes), so a screenful of rows does
    /// not rewrite every cell of every trend each poll (bytes over a slow SSH link). The detail
    /// view draws every poll.
    public static let tableSamplesPerCell = Series.pollsPerCell

    /// The most values a sparkline built from a `Series` keeps (wider than any terminal row).
    static let widestShown = 512

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let shown = values.suffix(rect.width)
        let top = max ?? shown.lazy.filter { !$0.isNaN }.max() ?? 0
        let blank = rect.width - shown.count
        if blank > 0 { screen.fill(Rect(x: rect.x, y: rect.y, width: blank, height: 1), with: " ", style: background) }
        var x = rect.x + blank
        for value in shown {
            if value.isNaN {
                screen.fill(Rect(x: x, y: rect.y, width: 1, height: 1), with: glyphs.gap, style: Style(.stale))
            } else {
                let level = Self.level(value, max: top, steps: glyphs.levels.count)
                screen.fill(Rect(x: x, y: rect.y, width: 1, height: 1), with: glyphs.levels[level],
                            style: style(level: level, steps: glyphs.levels.count))
            }
            x += 1
        }
    }

    private func style(level: Int, steps: Int) -> Style {
        switch coloring {
        case .fixed(let style): return style
        case .gradient(let kind):
            return Style(.graph(kind, percent: UInt8(100 * (level + 1) / steps)))
        }
    }

    /// The level 0..<steps of `value` against `max`: a value above zero is at least level 0 and
    /// reaches the top level only at `max`.
    public static func level(_ value: Double, max: Double, steps: Int) -> Int {
        guard max > 0, value > 0 else { return 0 }
        let scaled = (value / max * Double(steps)).rounded(.up)
        return Swift.min(steps - 1, Swift.max(0, Int(scaled) - 1))
    }
}
