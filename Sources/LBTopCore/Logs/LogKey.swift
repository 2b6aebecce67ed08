/// A top-list key (a path without its query, a client address) with its hash, made once per
/// line and reused by every row the line counts in (all, frontend, backend, server).
struct LogKey: Hashable, Sendable {
    let text: String
    let hash: Int

    init(_ text: String) {
        self.text = text
        hash = text.hashValue
    }

    static func == (left: LogKey, right: LogKey) -> Bool { left.hash == right.hash && left.text == right.text }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// What every row takes from one request line, worked out once per line.
struct LogLineKeys: Sendable {
    var path: LogKey?
    var client: LogKey
    /// The termination's first two letters, nil for `--` (nothing went wrong).
    var cause: String?

    init(_ request: LogRequest) {
        path = request.path.map { LogKey(Self.pathKey($0)) }
        client = LogKey(request.client)
        if let termination = request.termination, termination.utf8.count >= 2 {
            let letters = termination.utf8.prefix(2)
            cause = letters.elementsEqual("--".utf8) ? nil : String(termination.prefix(2))
        }
    }

    /// A path without its query string, so `/search?q=a` and `/search?q=b` count as one.
    static func pathKey(_ path: String) -> String {
        guard let question = path.utf8.firstIndex(of: 0x3F) else { return path }
        return String(path[..<question])
    }
}
