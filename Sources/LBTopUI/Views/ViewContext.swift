import Foundation
import LBTopCore

/// A column a view can sort by. `s` cycles through a view's `sortKeys`; the first is its default.
public struct SortKey: Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// A sort column and direction.
public struct ColumnSort: Hashable, Sendable {
    public var key: SortKey
    public var descending: Bool
    public init(_ key: SortKey, descending: Bool = false) { self.key = key; self.descending = descending }
}

/// Everything a view needs to draw one frame: the data plus the user's current choices. A plain
/// value: the app shell keeps the choices in its state and builds one of these per frame.
public struct ViewContext: Sendable {
    public var snapshot: Snapshot
    /// The selected row, by id (not index); nil selects the first row.
    public var selection: RowID?
    /// First visible row as last drawn; views adjust it so the selection stays visible.
    public var scrollOffset: Int
    /// Case-insensitive substring filter over row names; empty shows everything.
    public var filter: String
    /// nil = the view's natural order (snapshot order).
    public var sort: ColumnSort?
    public var glyphs: GlyphSet
    /// Wall time of the frame (clock, alert ages).
    public var now: Date
    /// Zone the clock is shown in.
    public var clockZone: ClockZone
    /// The UI shows a frozen snapshot (`p`).
    public var isPaused: Bool
    /// Servers marked with `space` or waiting for an action to show.
    public var serverMarks: [ServerID: ServerMark]
    /// The view's rows as the app already ordered them for this snapshot, filter and sort; nil:
    /// the view orders them itself.
    public var order: RowOrder?

    public init(snapshot: Snapshot, selection: RowID? = nil, scrollOffset: Int = 0, filter: String = "",
                sort: ColumnSort? = nil, glyphs: GlyphSet = .unicode, now: Date? = nil,
                clockZone: ClockZone = .local, isPaused: Bool = false, serverMarks: [ServerID: ServerMark] = [:],
                order: RowOrder? = nil) {
        self.snapshot = snapshot; self.selection = selection; self.scrollOffset = scrollOffset
        self.filter = filter; self.sort = sort; self.glyphs = glyphs
        self.now = now ?? snapshot.time; self.clockZone = clockZone; self.isPaused = isPaused
        self.serverMarks = serverMarks; self.order = order
    }
}
