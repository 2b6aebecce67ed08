/// One column of a `TableWidget` (bottom's `ColumnWidthBounds`): a title, width bounds in display
/// columns, alignment, and a drop priority. On a narrow screen columns are hidden highest
/// `priority` first (ties: the rightmost first); priority 0 is never hidden.
public struct ColumnSpec: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable { case left, right }

    public var title: String
    public var minWidth: Int
    public var maxWidth: Int
    public var alignment: Alignment
    public var priority: Int
    /// The sort key this column stands for, if sortable (its title gets the sort arrow).
    public var sortKey: SortKey?

    public init(_ title: String, width: ClosedRange<Int>, alignment: Alignment = .left, priority: Int = 0,
                sortKey: SortKey? = nil) {
        self.title = title; self.minWidth = width.lowerBound; self.maxWidth = width.upperBound
        self.alignment = alignment; self.priority = priority; self.sortKey = sortKey
    }

    public init(_ title: String, width: Int, alignment: Alignment = .left, priority: Int = 0,
                sortKey: SortKey? = nil) {
        self.init(title, width: width...width, alignment: alignment, priority: priority, sortKey: sortKey)
    }

    /// Widths for `columns` in `total` columns with `gap` blank cells between shown columns;
    /// 0 = hidden. Hides columns by priority until the minimums fit, then grows the shown ones
    /// toward their maximums, lowest priority number first; columns of one priority grow evenly
    /// (one cell each in turn, leftmost first).
    public static func fit(_ columns: [ColumnSpec], into total: Int, gap: Int = 1) -> [Int] {
        var shown = [Bool](repeating: true, count: columns.count)
        func used() -> Int {
            var sum = 0, count = 0
            for (i, column) in columns.enumerated() where shown[i] { sum += column.minWidth; count += 1 }
            return sum + gap * Swift.max(0, count - 1)
        }
        while used() > total {
            var drop: Int?
            for (i, column) in columns.enumerated() where shown[i] && column.priority > 0 {
                if drop == nil || column.priority >= columns[drop!].priority { drop = i }
            }
            guard let drop else { break }
            shown[drop] = false
        }
        var widths = columns.enumerated().map { shown[$0.offset] ? $0.element.minWidth : 0 }
        var spare = Swift.max(0, total - used())
        let priorities = Set(columns.indices.filter { shown[$0] }.map { columns[$0].priority }).sorted()
        for priority in priorities where spare > 0 {
            let group = columns.indices.filter { shown[$0] && columns[$0].priority == priority }
            var grew = true
            while spare > 0, grew {
                grew = false
                for i in group where spare > 0 && widths[i] < columns[i].maxWidth {
                    widths[i] += 1; spare -= 1; grew = true
                }
            }
        }
        return widths
    }

    /// The titles of `columns` in the order they are hidden as the screen narrows.
    public static func dropOrder(_ columns: [ColumnSpec]) -> [String] {
        columns.enumerated().filter { $0.element.priority > 0 }
            .sorted { ($0.element.priority, $0.offset) > ($1.element.priority, $1.offset) }
            .map(\.element.title)
    }
}
