/// One parsed poll of a balancer endpoint: its stats rows and, when the endpoint offers it, which
/// process answered (to tell a reload from a counter that merely went backwards).
public struct BalancerSample: Sendable, Equatable {
    /// Detected format, e.g. `haproxy-csv`.
    public var format: String
    /// Frontend, backend, server and listener rows in the order the endpoint lists them.
    public var rows: [StatRow]
    /// Malformed lines the parser skipped in this response.
    public var skippedLines: Int
    /// The answering process (HAProxy `show info`); nil over the HTTP page.
    public var process: BalancerProcess?
    /// HAProxy's stick tables (over the stats socket only).
    public var stickTables: [StickTable]

    public init(format: String = "haproxy-csv", rows: [StatRow] = [], skippedLines: Int = 0,
                process: BalancerProcess? = nil, stickTables: [StickTable] = []) {
        self.format = format; self.rows = rows; self.skippedLines = skippedLines; self.process = process
        self.stickTables = stickTables
    }
}

/// Identity of the balancer process that answered. A change of `pid` or `startTime` is a new
/// generation: every counter restarted.
public struct BalancerProcess: Sendable, Equatable, Codable {
    /// OS pid of the answering worker (`Pid`).
    public var pid: Int?
    /// Process start, seconds since the epoch (`Start_time_sec`, HAProxy 2.4+).
    public var startTime: Int?
    public var uptimeSeconds: Int?
    public var version: String?
    /// Host name HAProxy reports (`node`).
    public var node: String?
    /// 1 when this worker is draining after a reload (`Stopping`).
    public var stopping: Bool

    public init(pid: Int? = nil, startTime: Int? = nil, uptimeSeconds: Int? = nil,
                version: String? = nil, node: String? = nil, stopping: Bool = false) {
        self.pid = pid; self.startTime = startTime; self.uptimeSeconds = uptimeSeconds
        self.version = version; self.node = node; self.stopping = stopping
    }

    /// True when `other` is a different process generation than `self`.
    public func isNewGeneration(comparedTo other: BalancerProcess) -> Bool {
        if let pid, let otherPid = other.pid, pid != otherPid { return true }
        if let startTime, let otherStart = other.startTime, startTime != otherStart { return true }
        return false
    }
}
