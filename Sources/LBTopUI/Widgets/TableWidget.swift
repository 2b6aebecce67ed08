import LBTopCore

/// A table: a header row, then one line per row, columns aligned by display width (a 한글 or emoji
/// name takes its real width, so the columns after it line up). Columns that do not fit are hidden
/// by `ColumnSpec` priority. Only the rows that fit are asked for, through `cell(row, column)`.
/// The selected row is drawn in the `.selected` role across the full width.
public struct TableWidget {
    public var columns: [ColumnSpec]
    public var glyphs: GlyphSet
    /// Blank cells between columns.
    public var gap: Int
    /// The current sort, marked with an arrow in its column's title.
    public var sort: ColumnSort?

    public init(columns: [ColumnSpec], glyphs: GlyphSet = .unicode, gap: Int = 1, sort: ColumnSort? = nil) {
        self.columns = columns; self.glyphs = glyphs; self.gap = gap; self.sort = sort
    }

    /// Rows of data that fit in `rect` under the header.
    public static func dataRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// Draws the header and the visible rows of a list of `rowCount` rows.
    /// - Returns: the scroll window used (its offset keeps `selected` visible).
    @discardableResult
    public func render<S: Screen>(rowCount: Int, selected: Int?, offset: Int, in rect: Rect, on screen: inout S,
                                  cell: (_ row: Int, _ column: Int) -> TableCell) -> ScrollWindow {
        let window = ScrollWindow(offset: offset, selected: selected, count: rowCount,
                                  visible: Self.dataRows(in: rect))
        guard !rect.isEmpty else { return window }
        screen.clear(rect)
        let widths = ColumnSpec.fit(columns, into: rect.width, gap: gap)
        drawHeader(widths: widths, in: rect, on: &screen)
        var y = rect.y + 1
        for row in window.range(count: rowCount) {
            let isSelected = row == selected
            if isSelected {
                screen.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: " ", style: Style(.selected))
            }
            var x = rect.x
            for (column, width) in widths.enumerated() where width > 0 {
                let area = Rect(x: x, y: y, width: min(width, rect.maxX - x), height: 1)
                draw(cell(row, column), alignment: columns[column].alignment, selected: isSelected,
                     in: area, on: &screen)
                x += width + gap
                if x >= rect.maxX { break }
            }
            y += 1
        }
        return window
    }

    private func drawHeader<S: Screen>(widths: [Int], in rect: Rect, on screen: inout S) {
        let style = Style(.header)
        screen.fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: " ", style: style)
        var x = rect.x
        for (index, width) in widths.enumerated() where width > 0 {
            let column = columns[index]
            var title = column.title
            if let sort, let key = column.sortKey, key == sort.key {
                title += sort.descending ? glyphs.arrowDown : glyphs.arrowUp
            }
            let area = Rect(x: x, y: rect.y, width: min(width, rect.maxX - x), height: 1)
            putAligned(title, alignment: column.alignment, style: style, in: area, on: &screen)
            x += width + gap
            if x >= rect.maxX { break }
        }
    }

    private func draw<S: Screen>(_ cell: TableCell, alignment: ColumnSpec.Alignment, selected: Bool,
                                 in area: Rect, on screen: inout S) {
        guard !area.isEmpty else { return }
        switch cell {
        case .text(let text, let style):
            putAligned(text, alignment: alignment, style: selected ? Style(.selected, style.emphasis) : style,
                       in: area, on: &screen)
        case .sparkline(let series, let max, let coloring):
            SparklineWidget(values: ArraySlice(series.trend(samplesPerCell: SparklineWidget.tableSamplesPerCell, cells: area.width)),
                            max: max, glyphs: glyphs,
                            coloring: selected ? .fixed(Style(.selected)) : coloring,
                            background: selected ? Style(.selected) : .plain)
                .render(in: area, on: &screen)
        case .bar(let fraction, let style):
            BarWidget(fraction: fraction, style: selected ? Style(.selected) : style, glyphs: glyphs)
                .render(in: area, on: &screen)
        case .distribution(let servers):
            DistributionBar(servers: servers, glyphs: glyphs).render(in: area, on: &screen)
        case .empty:
            break
        }
    }

    /// Puts `text` left- or right-aligned in `area`, cut with an ellipsis when too wide.
    func putAligned<S: Screen>(_ text: String, alignment: ColumnSpec.Alignment, style: Style,
                               in area: Rect, on screen: inout S) {
        let width = TextWidth.width(of: text)
        if width > area.width {
            screen.put(TextWidth.truncate(text, to: area.width, ellipsis: glyphs.ellipsis),
                       x: area.x, y: area.y, maxWidth: area.width, style: style)
        } else {
            let x = alignment == .right ? area.maxX - width : area.x
            screen.put(text, x: x, y: area.y, maxWidth: area.width, style: style)
        }
    }
}
