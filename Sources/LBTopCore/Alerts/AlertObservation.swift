/// One measurement a rule's condition took of one subject in one snapshot.
public struct AlertObservation: Sendable, Equatable {
    /// What it is about: `app/app3`, `backend app`, `node web1`, a target URL.
    public var subject: String
    public var target: TargetID?
    /// The measured value; nil when it is not known in this snapshot (stale data, a counter reset
    /// that left no rate). An unknown value changes no alert: it neither fires nor resolves.
    public var value: Double?
    /// Human summary of the situation, without the threshold.
    public var message: String

    public init(subject: String, target: TargetID?, value: Double?, message: String) {
        self.subject = subject; self.target = target
        self.value = value.flatMap { $0.isFinite ? $0 : nil }
        self.message = message
    }

    /// The alert id for this subject under rule `rule`: stable across restarts.
    public func alertID(rule: String) -> String {
        if let target { return "\(rule)|\(target.rawValue)|\(subject)" }
        return "\(rule)|\(subject)"
    }
}
