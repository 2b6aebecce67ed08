/// One key binding as the footer shows it: `q` + `quit`. The app shell builds these from its
/// key map, so the footer and the handler cannot drift.
public struct KeyHint: Sendable, Equatable {
    public var key: String
    public var label: String
    public init(key: String, label: String) { self.key = key; self.label = label }
}

/// The bottom line of every view: the key hints the app shell passes (from its key map), each
/// `key label` with the key in `.keyHint`; hints that do not fit are left out whole. On the right,
/// the active filter and sort.
public struct FooterBar {
    public var hints: [KeyHint]

    public init(hints: [KeyHint]) { self.hints = hints }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        var right: [StatusLine.Run] = []
        if !context.filter.isEmpty {
            right.append(StatusLine.Run("/" + context.filter, Style(.keyHint)))
        }
        if let sort = context.sort {
            if !right.isEmpty { right.append(StatusLine.Run(" ", Style(.statusBar))) }
            right.append(StatusLine.Run("sort " + sort.key.rawValue + (sort.descending ? context.glyphs.arrowDown : context.glyphs.arrowUp),
                                        Style(.statusBar)))
        }
        var rightWidth = 0
        for run in right { rightWidth += TextWidth.width(of: run.text) }
        let room = rect.width - (rightWidth > 0 ? rightWidth + 1 : 0)
        var left: [StatusLine.Run] = []
        var used = 0
        for hint in hints {
            let width = TextWidth.width(of: hint.key) + 1 + TextWidth.width(of: hint.label) + (left.isEmpty ? 0 : 2)
            if used + width > room { break }
            if !left.isEmpty { left.append(StatusLine.Run("  ", Style(.statusBar))) }
            left.append(StatusLine.Run(hint.key, Style(.keyHint, .bold)))
            left.append(StatusLine.Run(" " + hint.label, Style(.statusBar)))
            used += width
        }
        StatusLine(left: left, right: right, background: Style(.statusBar)).render(in: rect.row(0), on: &screen)
    }
}
