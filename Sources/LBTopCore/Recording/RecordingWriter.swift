import Foundation

/// Writes one recording file: the schema, then rows in `seq` order, committed once a second
/// (by `Recorder`'s timer, or sooner by the row that finds a second has passed) (WAL, so a `kill -9` loses at most the last second and a reader never sees half a
/// transaction). Used from one queue only (`Recorder`'s).
final class RecordingWriter {
    /// Polls of one target between two keyframes (full bodies compressed alone), so a replay can
    /// start near any point and damage loses only until the next keyframe.
    static let keyframeEvery = 60

    private let commitEvery: Double
    private let database: SQLiteDatabase
    private let maxSize: Int64
    private let insertPoll: SQLiteStatement
    private let insertSnapshot: SQLiteStatement
    private let insertAlert: SQLiteStatement
    private let insertAction: SQLiteStatement
    private let compression = CompressionContext()
    private var seq: Int64 = 0
    private var targetRows: [TargetID: Int64] = [:]
    private var previousBody: [TargetID: [UInt8]] = [:]
    private var sinceKeyframe: [TargetID: Int] = [:]
    private var inTransaction = false
    private var lastCommit = MonotonicTime.now()

    /// Creates `path` (mode 600; an existing file or a symbolic link is refused) with the schema.
    init(creating path: String, maxSize: Int64, commitEvery: Double, meta: [String: String]) throws(RecordingError) {
        self.commitEvery = commitEvery
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists (name a new file; %Y%m%d-%H%M%S in the name expands to the start time)"
                : String(cString: strerror(errno))
            throw RecordingError("cannot create recording \(path): \(reason)")
        }
        close(descriptor)
        do {
            database = try SQLiteDatabase(path: path, readOnly: false)
            try database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=8388608;")
            try database.execute("BEGIN;" + RecordingSchema.create)
            let setMeta = try database.prepare("INSERT INTO meta(key, value) VALUES (?1, ?2)")
            var all = meta
            all["format"] = RecordingSchema.format
            all["version"] = "\(RecordingSchema.version)"
            for (key, value) in all.sorted(by: { $0.key < $1.key }) { try setMeta.run([.text(key), .text(value)]) }
            try database.execute("COMMIT")
            insertPoll = try database.prepare("INSERT INTO polls(seq, target, mono, wall, keyframe, size, body, error_kind, error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
            insertSnapshot = try database.prepare("INSERT INTO snapshots(seq, mono, wall) VALUES (?1, ?2, ?3)")
            insertAlert = try database.prepare("INSERT INTO alerts(seq, wall, id, rule, subject, target, severity, state, value, threshold, message, since, user) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")
            insertAction = try database.prepare("INSERT INTO actions(seq, mono, wall, action, subjects, user) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
        } catch {
            throw RecordingError("cannot write recording \(path): \(error.message)")
        }
        self.maxSize = maxSize
    }

    func register(_ target: RecordedTarget) throws(SQLiteError) {
        guard targetRows[target.id] == nil else { return }
        let row = Int64(targetRows.count + 1)
        try database.prepare("INSERT INTO targets(id, target, role, decoder, url, name, host) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
            .run([.integer(row), .text(target.id.rawValue), .text(target.role.rawValue), .text(target.decoder.rawValue),
                  .text(target.url), .text(target.name), .optional(target.host)])
        targetRows[target.id] = row
    }

    func register(node: NodeTargetSpec) throws(SQLiteError) {
        try database.prepare("INSERT OR IGNORE INTO nodes(name, location, servers) VALUES (?1, ?2, ?3)")
            .run([.text(node.name), .text(node.location.text), .text(node.servers.joined(separator: "\n"))])
    }

    func poll(_ result: PollResult, wall: Double) throws(SQLiteError) {
        guard let row = targetRows[result.target] else { return }
        try begin()
        var keyframe = false
        var body: SQLiteValue = .null
        if let received = result.received {
            let previous = previousBody[result.target]
            keyframe = previous == nil || sinceKeyframe[result.target, default: 0] >= Self.keyframeEvery
            body = .blob(compression.compress(received, prefix: keyframe ? nil : previous))
            sinceKeyframe[result.target] = keyframe ? 1 : sinceKeyframe[result.target, default: 0] + 1
            previousBody[result.target] = received
        }
        var errorKind: SQLiteValue = .null, errorText: SQLiteValue = .null
        if case .failure(let error) = result.outcome {
            errorKind = .text(error.kind.rawValue)
            errorText = .text(error.message)
        }
        try insertPoll.run([.integer(next()), .integer(row), .real(result.at), .real(wall), .integer(keyframe ? 1 : 0),
                            result.received.map { SQLiteValue.integer(Int64($0.count)) } ?? .null, body, errorKind, errorText])
        try commitIfDue()
    }

    func snapshot(mono: Double, wall: Double) throws(SQLiteError) {
        try begin()
        try insertSnapshot.run([.integer(next()), .real(mono), .real(wall)])
        try commitIfDue()
    }

    func alerts(_ records: [AlertLogRecord]) throws(SQLiteError) {
        try begin()
        for record in records {
            try insertAlert.run([.integer(next()), .real(record.time.timeIntervalSince1970), .text(record.id),
                                 .text(record.rule), .text(record.subject), .optional(record.target),
                                 .text(record.severity.rawValue), .text(record.state.rawValue),
                                 .optional(record.value), .optional(record.threshold), .text(record.message),
                                 .real(record.since.timeIntervalSince1970), .optional(record.acknowledgedBy)])
        }
        try commitIfDue()
    }

    func action(_ action: String, subjects: [String], user: String, mono: Double, wall: Double) throws(SQLiteError) {
        try begin()
        try insertAction.run([.integer(next()), .real(mono), .real(wall), .text(action),
                              .text(subjects.joined(separator: "\n")), .text(user)])
        // An action is rare and deliberate: on disk at once.
        try commit()
    }

    /// Commits what is pending when a second has passed since the last commit.
    func commitIfDue() throws(SQLiteError) {
        if inTransaction, MonotonicTime.now() - lastCommit >= commitEvery { try commit() }
    }

    func commit() throws(SQLiteError) {
        lastCommit = MonotonicTime.now()
        guard inTransaction else { return }
        try database.execute("COMMIT")
        inTransaction = false
        try dropOldestBeyondMaxSize()
    }

    private func begin() throws(SQLiteError) {
        guard !inTransaction else { return }
        try database.execute("BEGIN")
        inTransaction = true
    }

    private func next() -> Int64 {
        seq += 1
        return seq
    }

    /// Past `maxSize`, deletes the oldest tenth of the rows (every table, by `seq`), then each
    /// target's deltas that no longer follow a keyframe, and makes every target's next body a
    /// keyframe; new rows reuse the freed pages.
    private func dropOldestBeyondMaxSize() throws(SQLiteError) {
        let pages = try database.integer("PRAGMA page_count") ?? 0
        let free = try database.integer("PRAGMA freelist_count") ?? 0
        let pageSize = try database.integer("PRAGMA page_size") ?? 4096
        guard (pages - free) * pageSize > maxSize else { return }
        guard let count = try database.integer("SELECT count(*) FROM polls"), count > 1,
              let cut = try database.integer("SELECT seq FROM polls ORDER BY seq LIMIT 1 OFFSET \(max(1, count / 10))")
        else { return }
        try database.execute("""
        BEGIN;
        DELETE FROM polls WHERE seq < \(cut);
        DELETE FROM snapshots WHERE seq < \(cut);
        DELETE FROM alerts WHERE seq < \(cut);
        DELETE FROM actions WHERE seq < \(cut);
        DELETE FROM polls WHERE keyframe = 0 AND body IS NOT NULL AND seq < coalesce(
            (SELECT min(k.seq) FROM polls k WHERE k.target = polls.target AND k.keyframe = 1), 1 << 62);
        COMMIT;
        """)
        // A target whose keyframe went may have no body left to delta against: each starts anew.
        previousBody = [:]
    }
}
