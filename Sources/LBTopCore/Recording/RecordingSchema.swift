/// The tables of a recording (an SQLite file, so `sqlite3 FILE` can answer what no view shows).
/// `seq` orders every row of every table in the order lbtop received or did it; times are
/// monotonic seconds (`mono`, from an arbitrary origin) and Unix seconds (`wall`).
enum RecordingSchema {
    static let format = "lbtop-recording"
    static let version = 1

    static let create = """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    -- Every polled target: how its bytes are decoded (decoder), its URL without credentials.
    CREATE TABLE targets(id INTEGER PRIMARY KEY, target TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
        decoder TEXT NOT NULL, url TEXT NOT NULL, name TEXT NOT NULL, host TEXT);
    -- Declared nodes with their explicit server joins (newline-separated backend/server).
    CREATE TABLE nodes(name TEXT PRIMARY KEY, location TEXT NOT NULL, servers TEXT NOT NULL);
    -- One row per poll result: the bytes received (zstd; a keyframe alone, else against the
    -- target's previous body), their size, and the error when the poll failed.
    CREATE TABLE polls(seq INTEGER PRIMARY KEY, target INTEGER NOT NULL, mono REAL NOT NULL,
        wall REAL NOT NULL, keyframe INTEGER NOT NULL, size INTEGER, body BLOB, error_kind TEXT, error TEXT);
    CREATE INDEX polls_keyframes ON polls(target, keyframe, seq);
    -- A snapshot was built here: from every poll before it, at these times.
    CREATE TABLE snapshots(seq INTEGER PRIMARY KEY, mono REAL NOT NULL, wall REAL NOT NULL);
    -- Alert transitions, as the alert log has them.
    CREATE TABLE alerts(seq INTEGER PRIMARY KEY, wall REAL NOT NULL, id TEXT NOT NULL, rule TEXT NOT NULL,
        subject TEXT NOT NULL, target TEXT, severity TEXT NOT NULL, state TEXT NOT NULL, value REAL,
        threshold REAL, message TEXT NOT NULL, since REAL NOT NULL, user TEXT);
    -- What was done from the dashboard (acknowledge: subjects are alert ids), by whom.
    CREATE TABLE actions(seq INTEGER PRIMARY KEY, mono REAL NOT NULL, wall REAL NOT NULL,
        action TEXT NOT NULL, subjects TEXT NOT NULL, user TEXT NOT NULL);
    """
}
