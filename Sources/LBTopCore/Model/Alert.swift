import Foundation

public enum AlertSeverity: String, Sendable, Codable, Comparable, CaseIterable {
    case warning
    case critical
    private var rank: Int { self == .warning ? 0 : 1 }
    public static func < (a: AlertSeverity, b: AlertSeverity) -> Bool { a.rank < b.rank }
}

public enum AlertState: String, Sendable, Codable {
    /// Condition holds but not yet for the rule's `for` duration (not shown in the strip).
    case pending
    case firing
    case acknowledged
    case resolved
}

/// One alert instance: a rule applied to one subject (a server, backend, node or target).
public struct Alert: Sendable, Identifiable, Equatable, Codable {
    /// Stable across restarts: `rule|subject`.
    public var id: String
    /// Rule name, e.g. `server-down`, `imbalance`.
    public var rule: String
    public var severity: AlertSeverity
    public var state: AlertState
    /// What it is about: `app/app3`, `backend app`, `node web1`, a target URL.
    public var subject: String
    public var target: TargetID?
    /// Human summary, e.g. `app/app1 takes 92% of app (fair share 33%)`.
    public var message: String
    public var value: Double?
    public var threshold: Double?
    /// How `value` and `threshold` read (`valueText`, `thresholdText` format them).
    public var unit: AlertUnit?
    /// When the condition started to hold, and the last state change.
    public var since: Date
    public var changedAt: Date
    public var acknowledgedBy: String?

    public init(id: String, rule: String, severity: AlertSeverity, state: AlertState, subject: String,
                target: TargetID? = nil, message: String, value: Double? = nil,
                threshold: Double? = nil, since: Date, changedAt: Date, acknowledgedBy: String? = nil,
                unit: AlertUnit? = nil) {
        self.id = id; self.rule = rule; self.severity = severity; self.state = state
        self.subject = subject; self.target = target; self.message = message; self.value = value
        self.threshold = threshold; self.since = since; self.changedAt = changedAt
        self.acknowledgedBy = acknowledgedBy; self.unit = unit
    }

    /// `value` formatted for display by its unit (`12.0%`, `1450 ms`, `3.1×`), nil without a value.
    public var valueText: String? { value.map { (unit ?? .count).format($0) } }
    /// `threshold` formatted like `valueText`.
    public var thresholdText: String? { threshold.map { (unit ?? .count).format($0) } }
}

/// Evaluates alert rules after each poll. The monitor calls `evaluate` with every new snapshot and
/// stores the returned alerts in the snapshot it publishes.
public protocol AlertEvaluating: Sendable {
    /// Active and recent alerts given the newest snapshot, at wall time `snapshot.time`.
    func evaluate(_ snapshot: Snapshot) async -> [Alert]
    /// Marks alerts acknowledged (and logs it) before returning.
    func acknowledge(_ alertIDs: [String], by user: String) async
}
