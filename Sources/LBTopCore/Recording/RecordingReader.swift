import Foundation

/// One row of a recording, in `seq` order, without its body.
public struct RecordedEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A poll result of `target` (an index into `RecordingReader.targets`).
        case poll(target: Int, keyframe: Bool, size: Int?)
        /// A snapshot built from everything before it.
        case snapshot
        /// An alert transition (an index into `RecordingReader.alerts`).
        case alert(Int)
        /// An action (an index into `RecordingReader.actions`).
        case action(Int)
    }
    public var seq: Int64
    public var kind: Kind
    /// Monotonic seconds (nil for alert rows, which carry wall time only).
    public var mono: Double?
    public var wall: Double
}

/// A target as recorded.
public struct RecordedTarget: Sendable, Equatable {
    public var id: TargetID
    public var role: TargetStatus.Role
    public var decoder: PayloadDecoder
    public var url: String
    public var name: String
    public var host: String?

    public init(id: TargetID, role: TargetStatus.Role, decoder: PayloadDecoder, url: String, name: String, host: String?) {
        self.id = id; self.role = role; self.decoder = decoder; self.url = url; self.name = name; self.host = host
    }

    /// What a recording keeps of `collector`.
    public init(_ collector: any Collector) {
        self.init(id: collector.id, role: collector.role, decoder: collector.decoder, url: collector.displayURL,
                  name: collector.name, host: collector.host)
    }
}

/// An action as recorded.
public struct RecordedAction: Sendable, Equatable {
    public var action: String
    public var subjects: [String]
    public var user: String
}

/// Reads a recording written by `Recorder`: its targets and nodes, an index of every row, and
/// each poll's compressed body on demand. A file that is not a recording, or is damaged beyond
/// its first rows, is refused with a clear `RecordingError`; a file cut short (a `kill -9`, a
/// partial copy) opens with the rows before the damage.
public final class RecordingReader {
    public let path: String
    public let meta: [String: String]
    public let targets: [RecordedTarget]
    public let nodes: [NodeTargetSpec]
    public let entries: [RecordedEntry]
    public let alerts: [AlertLogRecord]
    public let actions: [RecordedAction]
    /// Set when part of the file could not be read: what was lost.
    public let damage: String?
    private let database: SQLiteDatabase
    private let bodyStatement: SQLiteStatement

    public init(path: String) throws(RecordingError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw RecordingError("\(path): no such file") }
        let database: SQLiteDatabase
        do {
            database = try SQLiteDatabase(path: path, readOnly: true)
            self.meta = try Self.readMeta(database)
        } catch {
            throw RecordingError("\(path) is not an lbtop recording (\(error.message))")
        }
        guard meta["format"] == RecordingSchema.format else {
            throw RecordingError("\(path) is not an lbtop recording (no lbtop-recording format in its meta table)")
        }
        guard let version = meta["version"].flatMap(Int.init), version <= RecordingSchema.version else {
            throw RecordingError("\(path) was recorded by a newer lbtop (format version \(meta["version"] ?? "?"); this lbtop reads \(RecordingSchema.version))")
        }
        do {
            targets = try Self.readTargets(database)
            nodes = try Self.readNodes(database)
        } catch {
            throw RecordingError.damaged("\(path): \(error.description)")
        }
        var damage: [String] = []
        let rowIndex = Dictionary(uniqueKeysWithValues: targets.indices.map { (Int64($0 + 1), $0) })
        var entries = Self.readRows(database, "SELECT seq, target, mono, wall, keyframe, size FROM polls ORDER BY seq", damage: &damage) { row in
            guard let target = rowIndex[row.integer(1)] else { return nil }
            return RecordedEntry(seq: row.integer(0), kind: .poll(target: target, keyframe: row.integer(4) != 0,
                                                                  size: row.isNull(5) ? nil : Int(row.integer(5))),
                                 mono: row.real(2), wall: row.real(3))
        }
        entries += Self.readRows(database, "SELECT seq, mono, wall FROM snapshots ORDER BY seq", damage: &damage) { row in
            RecordedEntry(seq: row.integer(0), kind: .snapshot, mono: row.real(1), wall: row.real(2))
        }
        var alertRecords: [AlertLogRecord] = []
        entries += Self.readRows(database, "SELECT seq, wall, id, rule, subject, target, severity, state, value, threshold, message, since, user FROM alerts ORDER BY seq", damage: &damage) { row in
            guard let record = Self.alertRecord(row) else { return nil }
            alertRecords.append(record)
            return RecordedEntry(seq: row.integer(0), kind: .alert(alertRecords.count - 1), mono: nil, wall: row.real(1))
        }
        var actions: [RecordedAction] = []
        entries += Self.readRows(database, "SELECT seq, mono, wall, action, subjects, user FROM actions ORDER BY seq", damage: &damage) { row in
            actions.append(RecordedAction(action: row.text(3) ?? "", subjects: (row.text(4) ?? "").split(separator: "\n").map(String.init),
                                          user: row.text(5) ?? ""))
            return RecordedEntry(seq: row.integer(0), kind: .action(actions.count - 1), mono: row.real(1), wall: row.real(2))
        }
        entries.sort { $0.seq < $1.seq }
        if entries.isEmpty, !damage.isEmpty {
            throw RecordingError.damaged("\(path): \(damage.joined(separator: "; "))")
        }
        self.entries = entries
        self.alerts = alertRecords
        self.actions = actions
        self.damage = damage.isEmpty ? nil : damage.joined(separator: "; ")
        self.database = database
        do {
            bodyStatement = try database.prepare("SELECT body, error_kind, error FROM polls WHERE seq = ?1")
        } catch {
            throw RecordingError.damaged("\(path): \(error.message)")
        }
    }

    /// The compressed body of the poll at `seq` and its recorded error; nil body when nothing
    /// arrived. Throws when the row cannot be read (damage).
    public func pollRow(seq: Int64) throws(RecordingError) -> (body: [UInt8]?, error: CollectError?) {
        let found: Bool
        do {
            try bodyStatement.bind([.integer(seq)])
            found = try bodyStatement.step()
        } catch {
            throw RecordingError.damaged("poll \(seq): \(error.message)")
        }
        guard found else { throw RecordingError.damaged("poll \(seq) is missing") }
        var error: CollectError?
        if let message = bodyStatement.text(2) {
            error = CollectError(CollectError.Kind(rawValue: bodyStatement.text(1) ?? "") ?? .other, message)
        }
        return (bodyStatement.blob(0), error)
    }

    /// Index of the first entry recorded after wall time `wall` (Unix seconds).
    public func firstEntry(after wall: Double) -> Int { entries.partitioningIndex { $0.wall > wall } }

    /// Seconds between polls the recording was made with.
    public var interval: Double { meta["interval"].flatMap(Double.init) ?? 1 }
    public var window: Double { meta["window"].flatMap(Double.init) ?? 900 }
    /// The request-log window behind percentiles and top lists.
    public var logWindow: Double { meta["logWindow"].flatMap(Double.init) ?? 60 }

    private static func readMeta(_ database: SQLiteDatabase) throws(SQLiteError) -> [String: String] {
        let statement = try database.prepare("SELECT key, value FROM meta")
        var meta: [String: String] = [:]
        while try statement.step() { meta[statement.text(0) ?? ""] = statement.text(1) ?? "" }
        return meta
    }

    private static func readTargets(_ database: SQLiteDatabase) throws(RecordingError) -> [RecordedTarget] {
        var rows: [(id: Int64, target: String, role: String, decoder: String, url: String, name: String, host: String?)] = []
        do {
            let statement = try database.prepare("SELECT id, target, role, decoder, url, name, host FROM targets ORDER BY id")
            while try statement.step() {
                rows.append((statement.integer(0), statement.text(1) ?? "", statement.text(2) ?? "", statement.text(3) ?? "",
                             statement.text(4) ?? "", statement.text(5) ?? "", statement.text(6)))
            }
        } catch {
            throw RecordingError(error.message)
        }
        var targets: [RecordedTarget] = []
        for row in rows {
            guard row.id == Int64(targets.count + 1), let role = TargetStatus.Role(rawValue: row.role) else {
                throw RecordingError("target rows out of order")
            }
            guard let decoder = PayloadDecoder(rawValue: row.decoder) else {
                throw RecordingError("target \(row.target) has a format this lbtop cannot read (\(row.decoder))")
            }
            targets.append(RecordedTarget(id: TargetID(row.target), role: role, decoder: decoder, url: row.url,
                                          name: row.name, host: row.host))
        }
        return targets
    }

    private static func readNodes(_ database: SQLiteDatabase) throws(RecordingError) -> [NodeTargetSpec] {
        var nodes: [NodeTargetSpec] = []
        do {
            let statement = try database.prepare("SELECT name, location, servers FROM nodes ORDER BY rowid")
            while try statement.step() {
                let location = statement.text(1) ?? "local"
                nodes.append(NodeTargetSpec(name: statement.text(0) ?? "",
                                            location: location == "local" ? .local(procRoot: "/proc") : .exporter(url: location),
                                            servers: (statement.text(2) ?? "").split(separator: "\n").map(String.init)))
            }
        } catch {
            throw RecordingError(error.message)
        }
        return nodes
    }

    private static func alertRecord(_ row: SQLiteStatement) -> AlertLogRecord? {
        guard let severity = row.text(6).flatMap(AlertSeverity.init(rawValue:)),
              let state = row.text(7).flatMap(AlertState.init(rawValue:)) else { return nil }
        let alert = Alert(id: row.text(2) ?? "", rule: row.text(3) ?? "", severity: severity, state: state,
                          subject: row.text(4) ?? "", target: row.text(5).map(TargetID.init), message: row.text(10) ?? "",
                          value: row.isNull(8) ? nil : row.real(8), threshold: row.isNull(9) ? nil : row.real(9),
                          since: Date(timeIntervalSince1970: row.real(11)), changedAt: Date(timeIntervalSince1970: row.real(1)),
                          acknowledgedBy: row.text(12))
        return AlertLogRecord(alert, at: Date(timeIntervalSince1970: row.real(1)))
    }

    /// Reads rows until the end or the first damage, which is noted in `damage`.
    private static func readRows(_ database: SQLiteDatabase, _ sql: String, damage: inout [String],
                                 _ make: (SQLiteStatement) -> RecordedEntry?) -> [RecordedEntry] {
        var rows: [RecordedEntry] = []
        do {
            let statement = try database.prepare(sql)
            while try statement.step() {
                if let entry = make(statement) { rows.append(entry) }
            }
        } catch {
            let table = sql.split(separator: " ").drop { $0 != "FROM" }.dropFirst().first.map(String.init) ?? "rows"
            damage.append("\(table) after \(rows.count) rows: \(error.message)")
        }
        return rows
    }
}
