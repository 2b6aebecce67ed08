import LBTopCore

/// What a row of a view stands for. Selection is kept by id, never by index, so a row keeps its
/// selection when rows above it appear, vanish or re-sort between frames.
public enum RowID: Hashable, Sendable {
    case server(ServerID)
    case proxy(ProxyID)
    case node(NodeID)
    /// An alert, by `Alert.id` (what `a` acknowledges).
    case alert(String)
}
