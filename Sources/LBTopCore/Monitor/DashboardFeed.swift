/// What the UI talks to: the latest snapshot, and acknowledgements going back.
public protocol DashboardFeed: Sendable {
    /// The newest snapshot; never waits on the network.
    func latestSnapshot() async -> Snapshot
    /// Every snapshot published from now on, newest only when the reader lags.
    func updates() async -> AsyncStream<Snapshot>
    /// Acknowledge alerts by id; recorded in the alert log before it returns.
    func acknowledge(_ alertIDs: [String], by user: String) async
    /// Which targets take actions, and through what.
    var actionPolicy: ActionPolicy { get }
    /// Sends a confirmed action (or records a cancelled or refused one); every record is in the
    /// alert log when it returns.
    func perform(_ request: ActionRequest, confirmed: Bool, by user: String) async -> [ActionRecord]
}
