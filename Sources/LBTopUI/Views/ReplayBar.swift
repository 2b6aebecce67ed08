import LBTopCore

/// The bottom line of `lbtop replay`: playing or paused with the speed, the recording's start,
/// a position bar, its end, then the key hints.
/// `▶ x5  14:00:05 ━━━━━━●──────── 14:30:05  Space play · ] event · ? help · q quit`
struct ReplayBar {
    var status: ReplayStatus
    var hints: [KeyHint]

    func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        let glyphs = context.glyphs
        let state = status.isPlaying ? (glyphs.isASCII ? ">" : "▶") : (glyphs.isASCII ? "||" : "‖")
        let start = HeaderBar.clockText(status.start, in: context.clockZone)
        let end = HeaderBar.clockText(status.end, in: context.clockZone)
        let sep = " " + glyphs.separator + " "
        let keys = hints.map { "\($0.key) \($0.label)" }.joined(separator: sep)
        // The bar takes what the times and 30 cells of key hints leave, between 10 and 40 cells.
        let fixed = TextWidth.width(of: "\(state) x\(status.speed)  \(start)  \(end)  ")
        let width = max(10, min(40, rect.width - fixed - 30))
        let marker = min(width - 1, Int((status.fraction * Double(width - 1)).rounded()))
        let done = String(repeating: glyphs.isASCII ? "=" : "━", count: marker)
        let rest = String(repeating: glyphs.isASCII ? "-" : "─", count: width - marker - 1)
        StatusLine(left: [StatusLine.Run("\(state) x\(status.speed) ", Style(.paused, .bold)),
                          StatusLine.Run(" \(start) ", Style(.statusBar)),
                          StatusLine.Run(done, Style(.title)),
                          StatusLine.Run(glyphs.isASCII ? "o" : "●", Style(.title, .bold)),
                          StatusLine.Run(rest, Style(.muted)),
                          StatusLine.Run(" \(end)  ", Style(.statusBar)),
                          StatusLine.Run(keys, Style(.keyHint))],
                   background: Style(.statusBar)).render(in: rect, on: &screen)
    }
}
