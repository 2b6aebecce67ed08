import LBTopCore

extension ServersView {
    /// The servers table's columns, left to right. Drop order on narrow screens (first hidden
    /// first): load trend, memory trend, CPU trend, TT, W, SESS/Q, LOAD, req/s trend, MEM%, CPU%,
    /// RT, 5XX/S, SHR/FAIR. SERVER, STATE and REQ/S always stay.
    /// At 80 columns everything from the req/s trend leftwards plus SESS/Q, CPU%, MEM%, LOAD shows.
    /// With a request log joined, P50 and P99 (from the log, over its window) follow RT (HAProxy's
    /// average of the last 1,024 requests) and go just before it.
    /// PERSIST (the part of a server's requests routed by persistence) is there only when some
    /// backend uses persistence, and goes with SESS/Q.
    enum Column: Int, CaseIterable {
        case name, state, weight, rate, rateTrend, share, persistence, errors, responseTime, p50, p99, totalTime, sessions
        case cpu, cpuTrend, memory, memoryTrend, load, loadTrend

        var spec: ColumnSpec {
            switch self {
            case .name: return ColumnSpec("SERVER", width: 13...30, priority: 0, sortKey: .name)
            case .state: return ColumnSpec("STATE", width: 6...8, priority: 0, sortKey: .state)
            case .weight: return ColumnSpec("W", width: 3, alignment: .right, priority: 5, sortKey: .weight)
            case .rate: return ColumnSpec("REQ/S", width: 6, alignment: .right, priority: 0, sortKey: .requestRate)
            case .rateTrend: return ColumnSpec("", width: 8...24, priority: 3)
            case .share: return ColumnSpec("SHR/FAIR", width: 8, alignment: .right, priority: 1, sortKey: .share)
            case .persistence: return ColumnSpec("PERSIST", width: 7, alignment: .right, priority: 4)
            case .errors: return ColumnSpec("5XX/S", width: 5, alignment: .right, priority: 1, sortKey: .errors)
            case .responseTime: return ColumnSpec("RT", width: 5, alignment: .right, priority: 2, sortKey: .latency)
            case .p50: return ColumnSpec("P50", width: 5, alignment: .right, priority: 2, sortKey: .latencyP50)
            case .p99: return ColumnSpec("P99", width: 5, alignment: .right, priority: 1, sortKey: .latencyP99)
            case .totalTime: return ColumnSpec("TT", width: 5, alignment: .right, priority: 5)
            case .sessions: return ColumnSpec("SESS/Q", width: 7, alignment: .right, priority: 4, sortKey: .sessions)
            case .cpu: return ColumnSpec("CPU%", width: 4, alignment: .right, priority: 2, sortKey: .cpu)
            case .cpuTrend: return ColumnSpec("", width: 6...16, priority: 6)
            case .memory: return ColumnSpec("MEM%", width: 4, alignment: .right, priority: 2, sortKey: .memory)
            case .memoryTrend: return ColumnSpec("", width: 6...16, priority: 6)
            case .load: return ColumnSpec("LOAD", width: 4, alignment: .right, priority: 3, sortKey: .load)
            case .loadTrend: return ColumnSpec("", width: 6...16, priority: 7)
            }
        }
    }

    /// Without request logs: no P50/P99; without persistence: no PERSIST.
    static let plainColumns: [Column] = Column.allCases.filter { $0 != .p50 && $0 != .p99 && $0 != .persistence }
    static let columns: [ColumnSpec] = plainColumns.map(\.spec)
    static let logColumns: [Column] = Column.allCases.filter { $0 != .persistence }
    static let columnsWithLogs: [ColumnSpec] = logColumns.map(\.spec)

    /// The columns shown: those of values no server has (a Caddy target's weight) are left out,
    /// P50/P99 without a request log, PERSIST unless some backend uses persistence.
    static func shownColumns(filled: ServerValues, withLogs: Bool, persistence: Bool = false) -> [Column] {
        var usual = withLogs ? logColumns : plainColumns
        if persistence, let share = usual.firstIndex(of: .share) { usual.insert(.persistence, at: share + 1) }
        if filled == .all { return usual }
        return usual.filter { column in
            switch column {
            case .weight: filled.contains(.weight)
            case .responseTime: filled.contains(.responseTime)
            case .totalTime: filled.contains(.totalTime)
            case .sessions: filled.contains(.sessions)
            default: true
            }
        }
    }

    /// The specs of `shown`, without building them again in the usual cases.
    static func specs(of shown: [Column]) -> [ColumnSpec] {
        if shown == logColumns { return columnsWithLogs }
        if shown == plainColumns { return columns }
        return shown.map(\.spec)
    }

    /// The cell of `server` in `column`; `node` is the server's joined node, if any; `rateScale`
    /// the req/s drawn as a full sparkline block (shared by the rows on screen, so a server taking
    /// most of the traffic stands out).
    static func cell(_ column: Column, server: ServerSnapshot, node: NodeSnapshot?, rateScale: Double? = nil,
                     backendRate: Double? = nil, glyphs: GlyphSet, mark: ServerMark? = nil) -> TableCell {
        let metric = MetricCell(glyphs: glyphs, isStale: server.isStale)
        switch column {
        case .name: return nameCell(server, mark: mark)
        case .state:
            if server.state.isFreeSlot { return .text("free", Style(server.isStale ? .stale : .muted)) }
            return .text(server.state.shortLabel, Style(server.isStale ? .stale : server.state.role))
        case .weight: return metric.value(server.weight.map(Double.init)) { String(Int($0)) }
        case .rate: return metric.rate(server.requestRate)
        case .rateTrend: return metric.trafficTrend(server.history.requestRate, max: rateScale)
        case .share: return metric.share(of: server, backendRate: backendRate)
        case .persistence: return metric.value(server.persistentShare) { ValueFormat.percent(fraction: $0) }
        case .errors: return metric.errors(server.errorRate)
        case .responseTime: return metric.milliseconds(server.responseTimeMs)
        case .p50: return metric.milliseconds(server.log?.latency.map { Double($0.p50) })
        case .p99: return metric.milliseconds(server.log?.latency.map { Double($0.p99) })
        case .totalTime: return metric.milliseconds(server.totalTimeMs)
        case .sessions: return metric.sessions(server.sessions, queue: server.queue)
        case .cpu, .cpuTrend, .memory, .memoryTrend, .load, .loadTrend:
            guard let node else { return .empty }
            return nodeCell(column, node: node, glyphs: glyphs)
        }
    }

    /// `backend/server`, led by `+` when marked, `~` while an action waits for a poll to show it,
    /// `!` when three polls did not.
    static func nameCell(_ server: ServerSnapshot, mark: ServerMark?) -> TableCell {
        let name = server.id.backend + "/" + server.id.server
        switch mark {
        case .marked?: return .text("+" + name, Style(.keyHint, .bold))
        case .pending?: return .text("~" + name, Style(.warn))
        case .unchanged?: return .text("!" + name, Style(.critical, .bold))
        case nil:
            // A server that appeared in the last few minutes (scaled out, added) says so.
            return server.isNew ? .text(name + " new", Style(.ok)) : .text(name, Style(.text))
        }
    }

    /// Resource cells of a joined node (shared with the nodes section).
    static func nodeCell(_ column: Column, node: NodeSnapshot, glyphs: GlyphSet) -> TableCell {
        let metric = MetricCell(glyphs: glyphs, isStale: node.isStale)
        switch column {
        case .cpu: return metric.percent(node.cpuPercent)
        case .cpuTrend: return metric.sparkline(node.history.cpuPercent, max: 100, gradient: .cpu)
        case .memory: return metric.percent(node.memoryPercent)
        case .memoryTrend: return metric.sparkline(node.history.memoryPercent, max: 100, gradient: .memory)
        case .load: return metric.load(node.load1, cpus: node.cpuCount)
        case .loadTrend:
            let top = max(Double(node.cpuCount ?? 1), node.history.load1.maxValue ?? 0)
            return metric.sparkline(node.history.load1, max: top, gradient: .cpu)
        default: return .empty
        }
    }

    /// The value a sort key orders servers by.
    static func sortValue(_ key: SortKey, server: ServerSnapshot, node: NodeSnapshot?) -> Double? {
        switch key {
        case .state: return Double(stateRank(server.state))
        case .weight: return server.weight.map(Double.init)
        case .requestRate: return server.isStale ? nil : server.requestRate
        case .share: return server.isStale ? nil : server.share
        case .errors: return server.isStale ? nil : server.errorRate
        case .latency: return server.isStale ? nil : server.responseTimeMs
        case .latencyP50: return server.log?.latency.map { Double($0.p50) }
        case .latencyP99: return server.log?.latency.map { Double($0.p99) }
        case .sessions: return server.isStale ? nil : server.sessions.map(Double.init)
        case .cpu: return node?.cpuPercent
        case .memory: return node?.memoryPercent
        case .load: return node?.load1
        default: return nil
        }
    }

    /// Failed first when sorted ascending: DOWN, unknown, MAINT, DRAIN, NOLB, in transition, UP.
    static func stateRank(_ state: ServerState) -> Int {
        switch state.kind {
        case .down: return 0
        case .unknown: return 1
        case .maint: return 2
        case .drain: return 3
        case .nolb: return 4
        case .up, .noCheck: return state.transition == nil ? 6 : 5
        }
    }
}
