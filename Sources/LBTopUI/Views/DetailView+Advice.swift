import LBTopCore

extension DetailView {
    /// The weight advice of a backend's detail, at the bottom of `area`: a title saying what the
    /// advice rests on and that `W` applies it, then one line of reasoning per server; or one muted
    /// line saying why there is none. Returns the rows used.
    static func renderAdvice<S: Screen>(_ verdict: WeightAdvisor.Verdict, above area: Rect, context: ViewContext,
                                        on screen: inout S) -> Int {
        let lines = adviceLines(verdict, glyphs: context.glyphs)
        let height = min(lines.count, area.height / 2)
        guard height > 0 else { return 0 }
        for (index, run) in lines.prefix(height).enumerated() {
            screen.put(run.text, x: area.x, y: area.maxY - height + index, maxWidth: area.width, style: run.style)
        }
        return height
    }

    static func adviceLines(_ verdict: WeightAdvisor.Verdict, glyphs: GlyphSet) -> [StatusLine.Run] {
        switch verdict {
        case .none(let reason):
            return [StatusLine.Run("Weight advice: none " + glyphs.separator + " " + reason, Style(.muted))]
        case .advice(let advice):
            let title = "Weight advice (\(advice.basis.rawValue), to even out the load) " + glyphs.separator
                + " W applies it (asks y/N)"
            return [StatusLine.Run(title, Style(.title, .bold))]
                + advice.lines.map { StatusLine.Run("  " + $0.reason, Style(.text)) }
        }
    }
}
