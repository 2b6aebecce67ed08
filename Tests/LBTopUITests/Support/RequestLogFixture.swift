import LBTopCore

/// A request log run through the real store: HAProxy httplog lines over two servers of `app`,
/// so views draw what the store makes of a log, not hand-built figures.
enum RequestLogFixture {
    static let input = TargetID("udp://127.0.0.1:5514")

    /// `count` copies of one request line.
    static func lines(_ count: Int, server: String, ms: Int, path: String, client: String = "10.0.0.1",
                      status: Int = 200, termination: String = "--NI") -> [String] {
        let line = "<134>Dec  2 00:42:11 haproxy[1]: \(client):40000 [02/Dec/2026:00:42:11.560] web app/\(server)"
            + " 0/0/1/\(ms)/\(ms + 1) \(status) 120 - - \(termination) 1/1/0/0/0 0/0 \"GET \(path) HTTP/1.1\"\n"
        return Array(repeating: line, count: count)
    }

    /// 100 requests: /api/items mostly fast on app1; /login slow on app2, with a server timeout
    /// (504 sH) and a refused connection (503 SC); one client abort (CD); two clients.
    static func incident() -> [String] {
        lines(60, server: "app1", ms: 5, path: "/api/items?page=2")
            + lines(10, server: "app1", ms: 300, path: "/api/items", client: "10.0.0.9")
            + lines(25, server: "app2", ms: 40, path: "/login", client: "10.0.0.9")
            + lines(2, server: "app2", ms: 2000, path: "/login", client: "10.0.0.9", status: 504, termination: "sHNN")
            + lines(1, server: "app2", ms: 0, path: "/login", status: 503, termination: "SCNN")
            + lines(2, server: "app1", ms: 80, path: "/static/app.js", termination: "CDNN")
    }

    /// The store's snapshot 10 s after the input started, the lines having come in one batch.
    static func snapshot(_ lines: [String] = incident()) -> Snapshot {
        var store = Store()
        for (time, batch) in [(0.0, [String]()), (10.0, lines)] {
            let bytes = LogBatch(bytes: Array(batch.joined().utf8), lineCount: batch.count)
            store.ingest(PollResult(target: input, role: .log, displayURL: input.rawValue, name: input.rawValue,
                                    host: nil, at: time, outcome: .success(.logs(bytes))))
        }
        return store.snapshot(time: SnapshotBuilder.time, now: 10)
    }
}
