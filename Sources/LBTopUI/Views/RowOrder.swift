import LBTopCore

/// A view's rows after its filter and sort: positions in the snapshot's collections, in display
/// order, and their ids. The app makes it once per snapshot, view, filter and sort and hands it
/// to the frames and keys in between (`ViewContext.order`), which only read it.
public struct RowOrder: Sendable {
    /// Indices into the view's collection: servers; frontends then backends; alerts.
    public var rows: [Int]
    /// The servers view's unjoined nodes (indices into `snapshot.nodes`), listed after the servers.
    public var nodes: [Int]
    /// Ids of `rows` then `nodes`.
    public var ids: [RowID]

    public init(rows: [Int], nodes: [Int] = [], ids: [RowID]) {
        self.rows = rows; self.nodes = nodes; self.ids = ids
    }
}
