/// A labelled meter on one line: `CPU ██████░░░░ 61%` (htop's bar meter). The value's role comes
/// from thresholds, the label is `.muted`, the figure is right-aligned after the bar.
public struct GaugeWidget: Widget {
    public var label: String
    /// 0…100, or nil for no value (an empty bar and the missing glyph).
    public var percent: Double?
    public var thresholds: Thresholds
    public var glyphs: GlyphSet

    public init(label: String, percent: Double?, thresholds: Thresholds = .percent, glyphs: GlyphSet = .unicode) {
        self.label = label; self.percent = percent; self.thresholds = thresholds; self.glyphs = glyphs
    }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1))
        let labelWidth = screen.put(label, x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(.muted))
        let figure = percent.map { ValueFormat.percent($0) } ?? glyphs.missing
        let figureWidth = 5
        let barX = rect.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let barWidth = rect.maxX - barX - figureWidth - 1
        let role = percent.map { thresholds.role(for: $0) } ?? .stale
        if barWidth > 0 {
            BarWidget(fraction: (percent ?? 0) / 100, style: Style(role), glyphs: glyphs)
                .render(in: Rect(x: barX, y: rect.y, width: barWidth, height: 1), on: &screen)
        }
        let text = TextWidth.pad(figure, to: figureWidth, alignRight: true)
        screen.put(text, x: rect.maxX - figureWidth, y: rect.y, maxWidth: figureWidth, style: Style(role))
    }
}
