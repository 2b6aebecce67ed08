import LBTopCore

/// A server's or backend's request log in a detail pane: the percentiles of its response time
/// over the log window as bars on one scale (the max), the termination causes, the top paths.
struct LogSummary: Widget {
    var figures: LogFigures
    var glyphs: GlyphSet

    /// Rows it needs: title, five percentiles, causes, a header and up to five paths.
    static let preferredHeight = 13

    func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard rect.height >= 2 else { return }
        screen.clear(rect)
        let window = ValueFormat.age(seconds: figures.windowSeconds)
        screen.put("request log, last " + window + ": " + String(figures.requests) + " requests, "
                   + ValueFormat.compact(figures.requestRate) + " req/s"
                   + (figures.retries > 0 ? ", " + String(figures.retries) + " retries" : ""),
                   x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(.title))
        var y = rect.y + 1
        if let latency = figures.latency {
            let labelWidth = 12
            let barWidth = max(0, rect.width - labelWidth - 1)
            let scale = Double(max(1, latency.max))
            for metric in LatencyPercentiles.Metric.allCases where y < rect.maxY {
                let value = latency[metric]
                screen.put(TextWidth.pad(metric.rawValue + " " + ValueFormat.milliseconds(Double(value)), to: labelWidth),
                           x: rect.x, y: y, maxWidth: labelWidth, style: Style(.text))
                BarWidget(fraction: Double(value) / scale, style: Style(.graph(.latency, percent: UInt8(min(100, 100 * Double(value) / scale)))),
                          glyphs: glyphs)
                    .render(in: Rect(x: rect.x + labelWidth + 1, y: y, width: barWidth, height: 1), on: &screen)
                y += 1
            }
        }
        guard y < rect.maxY else { return }
        let causes = figures.terminations.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        let causeText = causes.isEmpty ? "none" : causes.prefix(6).map { $0.key + " " + String($0.value) }.joined(separator: "  ")
        screen.put("terminations: " + causeText, x: rect.x, y: y, maxWidth: rect.width,
                   style: Style(causes.contains { TerminationCode.isServerSide($0.key) } ? .warn : .muted))
        y += 1
        guard y < rect.maxY, !figures.topPaths.isEmpty else { return }
        screen.put("top paths (count, 5xx, p99)", x: rect.x, y: y, maxWidth: rect.width, style: Style(.title))
        y += 1
        let figureWidth = 22
        for path in figures.topPaths where y < rect.maxY {
            let p99 = path.p99Ms.map { ValueFormat.milliseconds(Double($0)) } ?? glyphs.missing
            screen.put(TextWidth.truncate(path.key, to: max(1, rect.width - figureWidth - 1), ellipsis: glyphs.ellipsis),
                       x: rect.x, y: y, maxWidth: rect.width - figureWidth - 1, style: Style(.text))
            screen.put(TextWidth.pad(String(path.count) + "  " + String(path.errors) + "  " + p99, to: figureWidth, alignRight: true),
                       x: rect.maxX - figureWidth, y: y, maxWidth: figureWidth, style: Style(path.errors > 0 ? .critical : .text))
            y += 1
        }
    }
}
