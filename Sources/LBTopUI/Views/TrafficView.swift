import LBTopCore

/// View `2`: one row per frontend, then per backend — req/s with a sparkline, responses by class
/// (2xx/3xx/4xx/5xx per second), error ratio, latency, sessions/queue, and for each backend a
/// `DistributionBar` of its servers' shares plus the server furthest above its fair share, so a
/// backend whose traffic piles onto one server is obvious at a glance.
///
/// Drop order on narrow screens: SESS/Q, 4XX, 3XX, 2XX, STATUS, req/s trend, TOP, RT, ERR%, 5XX.
/// NAME, kind, REQ/S and DISTRIBUTION always stay. CACHE (HAProxy's cache hit ratio, or nginx's
/// from its log's `$upstream_cache_status`) shows only where a cache is looked up, AHEAD (the
/// capacity forecast) only where a backend has one; both go with RT. SRV (a backend's server
/// count, `4→7` when it changed over the window) shows only when a server count changed or a
/// backend has free `server-template` slots.
///
/// AHEAD reads `7m00s +2`: the first server saturates in about 7 minutes at the current growth,
/// and 2 more servers of the current size would keep every one under 70 %; `—` for a backend
/// without a significant trend.
public struct TrafficView: DashboardView {
    public init() {}

    public static let sortKeys: [SortKey] = [.name, .requestRate, .errors, .errorRatio, .latency, .sessions]
    public var sortKeys: [SortKey] { Self.sortKeys }

    enum Column: Int, CaseIterable {
        case name, kind, status, rate, rateTrend, r2xx, r3xx, r4xx, r5xx, errorRatio, cache, responseTime
        case sessions, servers, ahead, distribution, top

        var spec: ColumnSpec {
            switch self {
            case .name: return ColumnSpec("NAME", width: 10...24, sortKey: .name)
            case .kind: return ColumnSpec("", width: 2)
            case .status: return ColumnSpec("STATUS", width: 6, priority: 4)
            case .rate: return ColumnSpec("REQ/S", width: 6, alignment: .right, sortKey: .requestRate)
            case .rateTrend: return ColumnSpec("", width: 8...24, priority: 3)
            case .r2xx: return ColumnSpec("2XX", width: 5, alignment: .right, priority: 4)
            case .r3xx: return ColumnSpec("3XX", width: 5, alignment: .right, priority: 5)
            case .r4xx: return ColumnSpec("4XX", width: 5, alignment: .right, priority: 5)
            case .r5xx: return ColumnSpec("5XX", width: 5, alignment: .right, priority: 1, sortKey: .errors)
            case .errorRatio: return ColumnSpec("ERR%", width: 5, alignment: .right, priority: 1, sortKey: .errorRatio)
            case .cache: return ColumnSpec("CACHE", width: 5, alignment: .right, priority: 2)
            case .servers: return ColumnSpec("SRV", width: 5, alignment: .right, priority: 5)
            case .ahead: return ColumnSpec("AHEAD", width: 9, alignment: .right, priority: 2)
            case .responseTime: return ColumnSpec("RT", width: 5, alignment: .right, priority: 2, sortKey: .latency)
            case .sessions: return ColumnSpec("SESS/Q", width: 7, alignment: .right, priority: 6, sortKey: .sessions)
            case .distribution: return ColumnSpec("DISTRIBUTION", width: 12...40)
            case .top: return ColumnSpec("TOP", width: 9...22, priority: 2)
            }
        }
    }

    /// The columns shown: CACHE, SRV and AHEAD only when some row has something to say there.
    static func shownColumns(cache: Bool, servers: Bool, ahead: Bool) -> [Column] {
        Column.allCases.filter { ($0 != .cache || cache) && ($0 != .servers || servers) && ($0 != .ahead || ahead) }
    }

    static let columns: [ColumnSpec] = shownColumns(cache: false, servers: false, ahead: false).map(\.spec)

    /// Error ratio from which the ERR% cell warns, and from which it is critical.
    static let errorRatioThresholds = Thresholds(warn: 0.01, critical: 0.05)
    /// Share over fair share from which TOP names the busiest server.
    static let topRatio = 1.25

    public func rowOrder(in context: ViewContext) -> RowOrder {
        let rows = order(context)
        return RowOrder(rows: rows, ids: rows.map { .proxy(proxy(at: $0, in: context.snapshot).id) })
    }

    /// Row `i` < frontends.count is frontend `i`; after that, backend `i - frontends.count`.
    private func proxy(at index: Int, in snapshot: Snapshot) -> ProxySnapshot {
        index < snapshot.frontends.count ? snapshot.frontends[index] : snapshot.backends[index - snapshot.frontends.count]
    }

    /// Row indices (frontends first, then backends), filtered and sorted within each group.
    func order(_ context: ViewContext) -> [Int] {
        let snapshot = context.snapshot
        let filter = RowFilter(context.filter)
        let frontendCount = snapshot.frontends.count
        var frontends = snapshot.frontends.indices.filter { filter.matches(snapshot.frontends[$0].id.proxy) }
        var backends = snapshot.backends.indices.filter { filter.matches(snapshot.backends[$0].id.proxy) }
            .map { $0 + frontendCount }
        if let sort = context.sort {
            sortGroup(&frontends, by: sort, in: snapshot)
            sortGroup(&backends, by: sort, in: snapshot)
        }
        return frontends + backends
    }

    private func sortGroup(_ rows: inout [Int], by sort: ColumnSort, in snapshot: Snapshot) {
        if sort.key == .name {
            RowOrdering.sort(&rows, descending: sort.descending) { proxy(at: $0, in: snapshot).id.proxy }
            return
        }
        RowOrdering.sort(&rows, descending: sort.descending) { index in
            let p = proxy(at: index, in: snapshot)
            if p.isStale { return nil }
            switch sort.key {
            case .requestRate: return p.requestRate
            case .errors: return p.responseRates.r5xx
            case .errorRatio: return p.errorRatio ?? p.responseRates.errorRatio
            case .latency: return p.responseTimeMs
            case .sessions: return p.sessions.map(Double.init)
            default: return nil
            }
        }
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let snapshot = context.snapshot
        let order = context.order ?? rowOrder(in: context)
        let rows = order.rows
        let selected: Int? = rows.isEmpty ? nil : context.selection.flatMap { order.ids.firstIndex(of: $0) } ?? 0
        let glyphs = context.glyphs
        let shown = Self.shownColumns(
            cache: snapshot.frontends.contains { $0.cacheLookupRate != nil } || snapshot.backends.contains { $0.cacheLookupRate != nil },
            servers: snapshot.backends.contains { $0.freeSlots > 0 || $0.serverCountChanges > 0 },
            ahead: snapshot.backends.contains { $0.forecast != nil })
        let table = TableWidget(columns: shown.count == Column.allCases.count - 3 ? Self.columns : shown.map(\.spec),
                                glyphs: glyphs, sort: context.sort)
        let window = ScrollWindow(offset: context.scrollOffset, selected: selected, count: rows.count,
                                  visible: TableWidget.dataRows(in: rect))
        var rateScale = 0.0
        for row in window.range(count: rows.count) {
            rateScale = max(rateScale, proxy(at: rows[row], in: snapshot).history.requestRate.trendPeak(cells: 24))
        }
        rateScale = niceScale(max(rateScale, MetricCell.trendScaleFloor))
        var servers = snapshot.servers[0..<0], serversRow = -1  // a backend's servers, found once per row
        table.render(rowCount: rows.count, selected: selected, offset: context.scrollOffset, in: rect, on: &screen) {
            row, column in
            let proxy = proxy(at: rows[row], in: snapshot)
            let column = shown[column]
            if (column == .distribution || column == .top), serversRow != row, proxy.kind == .backend {
                servers = snapshot.servers(of: proxy.id)
                serversRow = row
            }
            return Self.cell(column, proxy: proxy, servers: serversRow == row ? servers : snapshot.servers[0..<0],
                             rateScale: rateScale, glyphs: glyphs)
        }
        if rows.isEmpty, rect.height > 1 {
            let message = context.filter.isEmpty ? "No frontends or backends yet"
                : "Nothing matches \"" + context.filter + "\""
            screen.put(message, x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: Style(.muted))
        }
    }

    /// The cell of `proxy` in `column`; `servers` are a backend's servers (for its distribution).
    static func cell(_ column: Column, proxy: ProxySnapshot, servers: ArraySlice<ServerSnapshot>,
                     rateScale: Double? = nil, glyphs: GlyphSet) -> TableCell {
        let metric = MetricCell(glyphs: glyphs, isStale: proxy.isStale)
        let isBackend = proxy.kind == .backend
        switch column {
        case .name: return .text(proxy.id.proxy, Style(.text))
        case .kind: return .text(isBackend ? "BE" : "FE", Style(.muted))
        case .status: return .text(proxy.status, Style(proxy.isStale ? .stale : statusRole(proxy.status)))
        case .rate: return metric.rate(proxy.requestRate)
        case .rateTrend: return metric.trafficTrend(proxy.history.requestRate, max: rateScale)
        case .r2xx: return metric.rate(proxy.responseRates.r2xx)
        case .r3xx: return metric.rate(proxy.responseRates.r3xx)
        case .r4xx: return metric.rate(proxy.responseRates.r4xx, role: (proxy.responseRates.r4xx ?? 0) > 0 ? .warn : .text)
        case .r5xx: return metric.errors(proxy.responseRates.r5xx)
        case .errorRatio:
            let ratio = proxy.errorRatio ?? proxy.responseRates.errorRatio
            return metric.value(ratio, role: ratio.map(errorRatioThresholds.role) ?? .text) {
                ValueFormat.percent(fraction: $0)
            }
        case .cache:
            guard proxy.cacheLookupRate != nil else { return .empty }
            return metric.value(proxy.cacheHitRatio) { ValueFormat.percent(fraction: $0) }
        case .ahead:
            // A backend without a significant trend says so (`—`): no forecast, not a blank.
            guard isBackend else { return .empty }
            guard let forecast = proxy.forecast, !proxy.isStale else { return metric.missing }
            let extra = forecast.serversNeeded - forecast.servers
            let role: ThemeRole = forecast.secondsToSaturation <= CapacityForecast.horizonSeconds ? .critical : .warn
            return .text(ValueFormat.age(seconds: forecast.secondsToSaturation) + (extra > 0 ? " +" + String(extra) : ""),
                         Style(role))
        case .responseTime: return metric.milliseconds(proxy.responseTimeMs)
        case .sessions: return metric.sessions(proxy.sessions, queue: proxy.queue)
        case .servers:
            guard isBackend else { return .empty }
            return metric.value(proxy.history.serverCount.last) { _ in serverCountText(proxy) }
        case .distribution:
            guard isBackend else { return .empty }
            return .distribution(servers)
        case .top:
            guard isBackend, !proxy.isStale else { return .empty }
            guard let top = DistributionBar.mostOverloaded(servers), let ratio = DistributionBar.ratio(of: top),
                  ratio >= topRatio else { return .empty }
            let times = ratio.isFinite ? ValueFormat.compact(ratio) + "x" : "backup"
            return .text(top.id.server + " " + times, Style(Thresholds.shareRatio.role(for: ratio)))
        }
    }

    /// A backend's server count, `4→7` when it changed over the window (first known → now).
    static func serverCountText(_ proxy: ProxySnapshot) -> String {
        let counts = proxy.history.serverCount.values.filter { !$0.isNaN }
        guard let now = counts.last, let first = counts.first else { return "" }
        return first == now ? String(Int(now)) : String(Int(first)) + "→" + String(Int(now))
    }

    /// HAProxy's proxy status: `OPEN`/`UP` fine, `DOWN` critical, anything else a warning.
    static func statusRole(_ status: String) -> ThemeRole {
        switch status {
        case "OPEN", "UP": return .ok
        case "DOWN", "STOP": return .critical
        default: return .warn
        }
    }
}
