/// What a snapshot is built with beyond every row's current values: the dashboard takes it all;
/// the report (`lbtop report`) reads current values only, so its replay builds none of these.
public struct SnapshotContent: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The request-log window's figures and the rows only logs know (server events always apply).
    public static let logFigures = SnapshotContent(rawValue: 1 << 0)
    /// Every row's series, for graphs, trends and baselines.
    public static let history = SnapshotContent(rawValue: 1 << 1)
    /// The capacity forecast of each backend.
    public static let forecast = SnapshotContent(rawValue: 1 << 2)

    /// What the dashboard, the alert rules and `--json` read.
    public static let whole: SnapshotContent = [.logFigures, .history, .forecast]
    /// Current values alone: what the report reads.
    public static let current: SnapshotContent = []
}
