import Foundation
import Logging

/// Evaluates alert rules over each new snapshot and keeps every alert's lifecycle:
/// pending → firing → acknowledged → resolved. Time is the snapshot's wall time, so the engine is
/// driven entirely by the snapshots it is given.
///
/// - A breach becomes an alert only after holding for the rule's `for` duration (pending until then).
/// - An acknowledged alert that escalates past the severity it was acknowledged at fires again.
/// - An unknown value (stale data, a counter reset) neither fires nor resolves anything.
/// - Every transition is appended to the alert log before `evaluate`/`acknowledge` returns, and
///   passed to the notification hook, which runs detached.
/// - Acknowledgements found in the log at start apply to the same alerts when they are seen again,
///   so a restarted lbtop does not page again for what was already acknowledged.
public actor AlertEngine: AlertEvaluating {
    private let rules: [AlertRule]
    private let log: any AlertLog
    private let hook: AlertHook?
    private let recentLimit: Int
    private let logger: Logger
    private let now: @Sendable () -> Date
    private var active: [String: TrackedAlert] = [:]
    /// Ids of the active alerts by rule name and subject, to find them without building text.
    private var activeIDs: [String: [AlertSubject: String]] = [:]
    /// Resolved alerts, newest first, at most `recentLimit`.
    private var recent: [Alert] = []
    /// Acknowledged alerts read from the log at start and not yet seen again, and where they
    /// apply: rule name → the targets they came from (nil for a node's alert).
    private var restored: [String: AlertLogRecord] {
        didSet { restoredScopes = Self.scopes(of: restored) }
    }
    private var restoredScopes: [String: Set<String?>] = [:]
    /// Time of the newest snapshot evaluated: an older one arriving late changes nothing.
    private var lastTime: Date?

    /// - Parameters:
    ///   - rules: the rules to evaluate (disabled ones are skipped).
    ///   - log: where transitions go; its acknowledgements are read back here.
    ///   - hook: runs a command per transition, never blocking evaluation.
    ///   - recentLimit: how many resolved alerts stay in the recent list.
    ///   - now: wall clock for acknowledgements (evaluation uses the snapshot's time).
    public init(rules: [AlertRule] = BuiltInAlertRules.all, log: any AlertLog, hook: AlertHook? = nil,
                recentLimit: Int = 50, logger: Logger = .silent("lbtop.alerts"),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.rules = rules.filter(\.isEnabled)
        self.log = log
        self.hook = hook
        self.recentLimit = recentLimit
        self.logger = logger
        self.now = now
        do {
            let contents = try log.read()
            restored = contents.acknowledgements
            restoredScopes = Self.scopes(of: restored)   // didSet does not run in init
            if contents.skippedLines > 0 {
                logger.warning("alert log: skipped \(contents.skippedLines) malformed lines")
            }
        } catch {
            restored = [:]
            logger.error("alert log unreadable, acknowledgements not restored: \(error)")
        }
    }

    public func evaluate(_ snapshot: Snapshot) async -> [Alert] {
        let time = snapshot.time
        if let lastTime, time < lastTime { return alerts() }
        lastTime = time
        var transitions: [Alert] = []
        var seen = Set<String>()
        let watched = restoredScopes.isEmpty ? [] : Set(snapshot.targets.map(\.id.rawValue))
        for rule in rules {
            let raised = activeIDs[rule.name] ?? [:]
            // A restored acknowledgement is matched by id, which takes words; only worth it for a
            // rule with one from a target watched now (or a node), never for old targets' records.
            let matchRestored = restoredScopes[rule.name]?.contains { $0.map(watched.contains) ?? true } ?? false
            let clearBelow = rule.clearBelow
            rule.condition.measure(in: snapshot) { measurement in
                let subject = raised.isEmpty ? nil : measurement.subject(in: snapshot)
                let existing = subject.flatMap { raised[$0] }
                if let existing { seen.insert(existing) }
                // Only breaches and raised alerts are put into words; healthy subjects cost a compare.
                guard existing != nil || matchRestored || (measurement.value ?? -.infinity) >= clearBelow else {
                    return
                }
                let observation = rule.condition.observation(of: measurement, in: snapshot)
                let id = existing ?? observation.alertID(rule: rule.name)
                seen.insert(id)
                step(rule, observation, subject: subject ?? measurement.subject(in: snapshot), id: id, at: time,
                     into: &transitions)
            }
        }
        // A subject that vanished resolves, unless its target is merely not answering right now.
        let answering = Set(snapshot.targets.filter { $0.health == .fresh }.map(\.id))
        let unanswered = Set(snapshot.targets.map(\.id)).subtracting(answering)
        for (id, tracked) in active where !seen.contains(id) {
            if let target = tracked.alert.target, unanswered.contains(target) { continue }
            resolve(id, at: time, value: nil, into: &transitions)
        }
        // An acknowledgement from before a restart whose subject an answering target no longer has.
        for (id, record) in restored where !seen.contains(id) {
            if let target = record.target.map(TargetID.init), !answering.contains(target) { continue }
            resolve(id, at: time, value: nil, into: &transitions)
        }
        record(transitions)
        return alerts()
    }

    public func acknowledge(_ alertIDs: [String], by user: String) async {
        let time = now()
        var transitions: [Alert] = []
        for id in alertIDs {
            guard var tracked = active[id], tracked.alert.state == .firing else { continue }
            tracked.alert.state = .acknowledged
            tracked.alert.acknowledgedBy = user
            tracked.alert.changedAt = time
            tracked.acknowledgedSeverity = tracked.alert.severity
            active[id] = tracked
            transitions.append(tracked.alert)
        }
        record(transitions)
    }

    /// Active alerts (firing and acknowledged first, then pending), newest first, followed by
    /// recently resolved ones, newest first.
    public func alerts() -> [Alert] {
        let current = active.values.map(\.alert).sorted { a, b in
            if (a.state == .pending) != (b.state == .pending) { return b.state == .pending }
            if a.since != b.since { return a.since > b.since }
            return a.id < b.id
        }
        return current + recent
    }

    // MARK: - Lifecycle

    private func step(_ rule: AlertRule, _ observation: AlertObservation, subject: AlertSubject, id: String,
                      at time: Date, into transitions: inout [Alert]) {
        guard let value = observation.value else { return }   // unknown: change nothing
        let current = active[id]
        let held = current.map(\.alert.severity) ?? restored[id].map(\.severity)
        guard let level = rule.level(for: value, holding: held) else {
            resolve(id, at: time, value: value, into: &transitions)
            return
        }
        var tracked = current ?? startTracking(rule, observation, subject: subject, id: id, level: level,
                                               at: time, into: &transitions)
        for severity in rule.severities {
            tracked.levelSince[severity] = severity <= level ? (tracked.levelSince[severity] ?? time) : nil
        }
        tracked.alert.value = value
        tracked.alert.message = observation.message
        let due = rule.severities.last { severity in
            guard let since = tracked.levelSince[severity] else { return false }
            return time.timeIntervalSince(since) >= rule.forSeconds
        }
        if let due {
            let before = (tracked.alert.state, tracked.alert.severity)
            advance(&tracked, to: due, rule: rule, at: time)
            if (tracked.alert.state, tracked.alert.severity) != before { transitions.append(tracked.alert) }
        } else {
            tracked.alert.severity = level
            tracked.alert.threshold = rule.threshold(for: level)
        }
        active[id] = tracked
    }

    /// Moves an alert whose breach at `severity` has held for the rule's `for` duration.
    private func advance(_ tracked: inout TrackedAlert, to severity: AlertSeverity, rule: AlertRule, at time: Date) {
        let before = (tracked.alert.state, tracked.alert.severity)
        switch tracked.alert.state {
        case .pending, .resolved:
            tracked.alert.state = .firing
        case .acknowledged:
            if let acknowledged = tracked.acknowledgedSeverity, severity > acknowledged {
                tracked.alert.state = .firing   // escalated past what was acknowledged: page again
                tracked.alert.acknowledgedBy = nil
                tracked.acknowledgedSeverity = nil
            }
        case .firing:
            break
        }
        tracked.alert.severity = severity
        tracked.alert.threshold = rule.threshold(for: severity)
        if (tracked.alert.state, tracked.alert.severity) != before { tracked.alert.changedAt = time }
    }

    /// Begins tracking a breach: pending, or, when the log says it was acknowledged before a
    /// restart, acknowledged straight away (it was firing then; no new `for` wait, no new page).
    private func startTracking(_ rule: AlertRule, _ observation: AlertObservation, subject: AlertSubject,
                               id: String, level: AlertSeverity, at time: Date,
                               into transitions: inout [Alert]) -> TrackedAlert {
        activeIDs[rule.name, default: [:]][subject] = id
        var alert = Alert(id: id, rule: rule.name, severity: level, state: .pending, subject: observation.subject,
                          target: observation.target, message: observation.message, value: observation.value,
                          threshold: rule.threshold(for: level), since: time, changedAt: time,
                          unit: rule.condition.unit)
        var tracked = TrackedAlert(alert: alert, subject: subject)
        if let previous = restored.removeValue(forKey: id) {
            alert.state = .acknowledged
            alert.severity = previous.severity
            alert.threshold = rule.threshold(for: previous.severity)
            alert.acknowledgedBy = previous.acknowledgedBy
            alert.since = previous.since
            tracked = TrackedAlert(alert: alert, subject: subject, acknowledgedSeverity: previous.severity)
            for severity in rule.severities where severity <= previous.severity {
                tracked.levelSince[severity] = min(previous.since, time)
            }
            transitions.append(alert)
        }
        return tracked
    }

    private func resolve(_ id: String, at time: Date, value: Double?, into transitions: inout [Alert]) {
        if var previous = restored.removeValue(forKey: id).map(Self.alert(from:)) {
            // Acknowledged before a restart and clear now: close it in the log so it cannot mute a
            // later occurrence.
            previous.state = .resolved
            previous.changedAt = time
            previous.value = value
            transitions.append(previous)
        }
        guard var tracked = active.removeValue(forKey: id) else { return }
        activeIDs[tracked.alert.rule]?[tracked.subject] = nil
        guard tracked.alert.state != .pending else { return }   // never fired: nothing to say
        tracked.alert.state = .resolved
        tracked.alert.changedAt = time
        if let value { tracked.alert.value = value }
        transitions.append(tracked.alert)
        recent.removeAll { $0.id == id }
        recent.insert(tracked.alert, at: 0)
        if recent.count > recentLimit { recent.removeLast(recent.count - recentLimit) }
    }

    private static func scopes(of restored: [String: AlertLogRecord]) -> [String: Set<String?>] {
        restored.values.reduce(into: [:]) { $0[$1.rule, default: []].insert($1.target) }
    }

    private static func alert(from record: AlertLogRecord) -> Alert {
        Alert(id: record.id, rule: record.rule, severity: record.severity, state: record.state,
              subject: record.subject, target: record.target.map(TargetID.init), message: record.message,
              value: record.value, threshold: record.threshold, since: record.since, changedAt: record.time,
              acknowledgedBy: record.acknowledgedBy)
    }

    /// Appends transitions to the log (durably, before returning) and hands them to the hook.
    private func record(_ transitions: [Alert]) {
        guard !transitions.isEmpty else { return }
        let records = transitions.map { AlertLogRecord($0, at: $0.changedAt) }
        do {
            try log.append(records)
        } catch {
            logger.error("alert log write failed: \(error)")
        }
        hook?.notify(records)
    }
}

/// An alert plus what the engine needs to move it: since when each level has held, and the
/// severity it was acknowledged at.
struct TrackedAlert: Sendable {
    var alert: Alert
    var subject: AlertSubject
    var levelSince: [AlertSeverity: Date] = [:]
    var acknowledgedSeverity: AlertSeverity?
}
