import Foundation
import Synchronization

/// One alert transition as written to the alert log: one JSON object per line, keys sorted.
public struct AlertLogRecord: Sendable, Equatable, Codable {
    /// When the transition happened (the snapshot's wall time, or the acknowledgement's).
    public var time: Date
    public var id: String
    public var rule: String
    public var subject: String
    public var target: String?
    public var value: Double?
    public var threshold: Double?
    public var severity: AlertSeverity
    /// The state entered: `firing`, `acknowledged` or `resolved`.
    public var state: AlertState
    /// `$USER` of whoever acknowledged it.
    public var acknowledgedBy: String?
    public var message: String
    /// When the condition started to hold.
    public var since: Date

    public init(_ alert: Alert, at time: Date) {
        self.time = time; self.id = alert.id; self.rule = alert.rule; self.subject = alert.subject
        self.target = alert.target?.rawValue
        self.value = alert.value.flatMap { $0.isFinite ? $0 : nil }
        self.threshold = alert.threshold.flatMap { $0.isFinite ? $0 : nil }
        self.severity = alert.severity; self.state = alert.state
        self.acknowledgedBy = alert.acknowledgedBy; self.message = alert.message; self.since = alert.since
    }

    enum CodingKeys: String, CodingKey {
        case time, id, rule, subject, target, value, threshold, severity, state
        case acknowledgedBy = "acknowledged_by"
        case message, since
    }

    /// Writes every key, `null` where there is no value, so each line has the same shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(time, forKey: .time)
        try container.encode(id, forKey: .id)
        try container.encode(rule, forKey: .rule)
        try container.encode(subject, forKey: .subject)
        try container.encode(target, forKey: .target)
        try container.encode(value, forKey: .value)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(severity, forKey: .severity)
        try container.encode(state, forKey: .state)
        try container.encode(acknowledgedBy, forKey: .acknowledgedBy)
        try container.encode(message, forKey: .message)
        try container.encode(since, forKey: .since)
    }

    /// The record as one line of JSON, newline included.
    public func jsonLine() throws -> [UInt8] {
        var bytes = Array(try Self.encoder.encode(self))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Parses one line of the log; nil when it is not a record.
    public static func parse<Bytes: Collection<UInt8>>(line: Bytes) -> AlertLogRecord? {
        try? decoder.decode(AlertLogRecord.self, from: Data(line))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

/// What reading an alert log found.
public struct AlertLogContents: Sendable, Equatable {
    public var records: [AlertLogRecord]
    /// Actions taken from the dashboard (`"kind":"action"` lines), oldest first.
    public var actions: [ActionRecord]
    /// Lines that did not parse (a torn last line, hand edits), skipped.
    public var skippedLines: Int
    public init(records: [AlertLogRecord] = [], actions: [ActionRecord] = [], skippedLines: Int = 0) {
        self.records = records; self.actions = actions; self.skippedLines = skippedLines
    }

    /// Alerts whose latest record says acknowledged: what a restarted lbtop must not page for again.
    public var acknowledgements: [String: AlertLogRecord] {
        var latest: [String: AlertLogRecord] = [:]
        for record in records { latest[record.id] = record }
        return latest.filter { $0.value.state == .acknowledged }
    }
}

/// Where alert transitions and actions go. `append` returns only once the records are durable
/// (written and flushed), so a transition or an action is on disk before any screen shows it.
public protocol AlertLog: Sendable {
    func append(_ records: [AlertLogRecord]) throws
    func append(actions: [ActionRecord]) throws
    func read() throws -> AlertLogContents
}

/// An alert log kept in memory, for tests.
public final class InMemoryAlertLog: AlertLog {
    private let storage: Mutex<AlertLogContents>

    public init(_ records: [AlertLogRecord] = []) { storage = Mutex(AlertLogContents(records: records)) }

    public func append(_ records: [AlertLogRecord]) throws {
        storage.withLock { $0.records.append(contentsOf: records) }
    }

    public func append(actions: [ActionRecord]) throws {
        storage.withLock { $0.actions.append(contentsOf: actions) }
    }

    public func read() throws -> AlertLogContents { storage.withLock { $0 } }

    /// Every alert transition appended so far.
    public var records: [AlertLogRecord] { storage.withLock { $0.records } }
    /// Every action appended so far.
    public var actions: [ActionRecord] { storage.withLock { $0.actions } }
}

/// Reads another log's records but writes nothing: for one-shot runs (`--once`) that must not
/// add transitions nobody watched.
public struct ReadOnlyAlertLog: AlertLog {
    public let base: any AlertLog
    public init(_ base: any AlertLog) { self.base = base }
    public func append(_ records: [AlertLogRecord]) throws {}
    public func append(actions: [ActionRecord]) throws {}
    public func read() throws -> AlertLogContents { try base.read() }
}
