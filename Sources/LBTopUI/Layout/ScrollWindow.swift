/// Which rows of a list are visible: the first row shown, moved as little as possible so the
/// selected row stays in view (ratatui's `TableState` offset). Pure arithmetic.
public struct ScrollWindow: Sendable, Equatable {
    /// Index of the first visible row.
    public var offset: Int
    /// Rows that fit.
    public var visible: Int

    /// - Parameters:
    ///   - offset: the first row shown last frame.
    ///   - selected: index of the selected row, nil when nothing is selected.
    ///   - count: rows in the list.
    ///   - visible: rows that fit on screen.
    public init(offset: Int, selected: Int?, count: Int, visible: Int) {
        let visible = max(0, visible)
        var first = min(max(0, offset), max(0, count - visible))
        if let selected, selected >= 0, selected < count, visible > 0 {
            if selected < first { first = selected }
            if selected >= first + visible { first = selected - visible + 1 }
        }
        self.offset = first
        self.visible = visible
    }

    /// The indices drawn, for a list of `count` rows.
    public func range(count: Int) -> Range<Int> {
        let start = min(offset, count)
        return start..<min(count, start + visible)
    }
}
