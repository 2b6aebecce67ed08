/// The frame's fixed regions, top to bottom: header bar, alert strip, the current view's body,
/// footer. On a very short screen the body shrinks first, then the header loses its target line.
public struct DashboardLayout: Sendable, Equatable {
    public var header: Rect
    public var alertStrip: Rect
    public var body: Rect
    public var footer: Rect

    /// Lays the regions out in `area`; `headerHeight` is what `HeaderBar.height` asks for.
    public init(_ area: Rect, headerHeight: Int = HeaderBar.preferredHeight) {
        let header = area.height >= 8 ? headerHeight : min(1, headerHeight)
        let parts = Layout.vertical([.length(header), .length(1), .fill(1), .length(1)]).split(area)
        self.header = parts[0]; alertStrip = parts[1]; body = parts[2]; footer = parts[3]
    }
}
