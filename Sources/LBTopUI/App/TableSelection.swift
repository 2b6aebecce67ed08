import LBTopCore

/// The selected row of one view and the first row shown (scroll offset).
public struct TableSelection: Hashable, Sendable {
    public var selected: RowID?
    /// Index of the selected row when last seen; used to stay near it when the row disappears.
    public var selectedIndex: Int
    public var offset: Int
    public init(selected: RowID? = nil, selectedIndex: Int = 0, offset: Int = 0) {
        self.selected = selected; self.selectedIndex = selectedIndex; self.offset = offset
    }

    /// Re-anchors the selection on `rows` (after a new snapshot, filter or sort): keeps the same
    /// row if present, else the row now at the old index; then scrolls so it is visible.
    public mutating func settle(rows: [RowID], pageSize: Int) {
        guard !rows.isEmpty else { self = TableSelection(); return }
        if let selected, let index = rows.firstIndex(of: selected) {
            selectedIndex = index
        } else {
            selectedIndex = min(max(0, selectedIndex), rows.count - 1)
            selected = rows[selectedIndex]
        }
        let page = max(1, pageSize)
        if selectedIndex < offset { offset = selectedIndex }
        if selectedIndex >= offset + page { offset = selectedIndex - page + 1 }
        offset = min(max(0, offset), max(0, rows.count - page))
    }

    /// Moves the selection by `delta` rows, clamped to the table.
    public mutating func move(by delta: Int, rows: [RowID], pageSize: Int) {
        guard !rows.isEmpty else { return }
        settle(rows: rows, pageSize: pageSize)
        selectedIndex = min(max(0, selectedIndex + delta), rows.count - 1)
        selected = rows[selectedIndex]
        settle(rows: rows, pageSize: pageSize)
    }
}
