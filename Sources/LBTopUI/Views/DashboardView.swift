/// A full-body view of the dashboard (servers, traffic, alerts, detail): a pure renderer from a
/// `ViewContext` into a rectangle, which also tells the app shell which rows it shows.
public protocol DashboardView {
    /// The columns `s` cycles through, in order.
    var sortKeys: [SortKey] { get }
    /// The rows shown, in display order, after the context's filter and sort: what `↑/↓` move
    /// through and `a`/`Enter` act on.
    func rowOrder(in context: ViewContext) -> RowOrder
    /// Draws the view into `rect`; draws only the rows that fit. Reads `context.order` when set.
    func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S)
}

extension DashboardView {
    /// The ids of `rowOrder(in:)`.
    public func rowIDs(in context: ViewContext) -> [RowID] { rowOrder(in: context).ids }
}
