import LBTopCore

/// The cache and session tiers under the servers and nodes: hit ratio, ops/s, memory used of its
/// limit, evictions/s, keys and expirations/s (what a session store holds and lets go), clients
/// and rejected connections/s, the rates and gauges each with its trend. A stale tier shows `—`.
/// Drop order: the trends of rejected and clients, EXP/S and the evictions trend, REJ/S and
/// CLIENTS, ROLE, then KEYS and the memory, ops and hit ratio trends; TIER, HIT%, OPS/S, MEM and
/// EVICT/S always stay.
struct TiersTable {
    enum Column: Int, CaseIterable {
        case name, role, hitRatio, hitTrend, ops, opsTrend, memory, memoryTrend, evictions, evictionsTrend,
             keys, expirations, clients, clientsTrend, rejected, rejectedTrend

        var spec: ColumnSpec {
            switch self {
            case .name: return ColumnSpec("TIER", width: 10...24)
            case .role: return ColumnSpec("ROLE", width: 7, priority: 5)
            case .hitRatio: return ColumnSpec("HIT%", width: 4, alignment: .right)
            case .hitTrend: return ColumnSpec("", width: 6...16, priority: 4)
            case .ops: return ColumnSpec("OPS/S", width: 5, alignment: .right)
            case .opsTrend: return ColumnSpec("", width: 6...16, priority: 4)
            case .memory: return ColumnSpec("MEM", width: 9, alignment: .right)
            case .memoryTrend: return ColumnSpec("", width: 6...16, priority: 4)
            case .evictions: return ColumnSpec("EVICT/S", width: 7, alignment: .right)
            case .evictionsTrend: return ColumnSpec("", width: 6...16, priority: 7)
            case .keys: return ColumnSpec("KEYS", width: 6, alignment: .right, priority: 4)
            case .expirations: return ColumnSpec("EXP/S", width: 5, alignment: .right, priority: 7)
            case .clients: return ColumnSpec("CLIENTS", width: 7, alignment: .right, priority: 6)
            case .clientsTrend: return ColumnSpec("", width: 6...16, priority: 8)
            case .rejected: return ColumnSpec("REJ/S", width: 5, alignment: .right, priority: 6)
            case .rejectedTrend: return ColumnSpec("", width: 6...16, priority: 9)
            }
        }
    }

    static let columns: [ColumnSpec] = Column.allCases.map(\.spec)

    /// A hit ratio under 80 % warns, under 50 % is critical (drawn as its shortfall).
    static let missThresholds = Thresholds(warn: 0.2, critical: 0.5)
    /// Memory of its limit: 90 % warns, 98 % is critical (the `tier-memory` rule's defaults).
    static let memoryThresholds = Thresholds(warn: 0.9, critical: 0.98)

    static func cell(_ column: Column, tier: TierSnapshot, glyphs: GlyphSet) -> TableCell {
        let metric = MetricCell(glyphs: glyphs, isStale: tier.isStale)
        let history = tier.history
        switch column {
        case .name: return .text(tier.name, Style(tier.isStale ? .stale : .text))
        case .role: return .text(tier.role == .sessionStore ? "session" : "cache", Style(.muted))
        case .hitRatio:
            return metric.value(tier.hitRatio, role: tier.hitRatio.map { missThresholds.role(for: 1 - $0) } ?? .text) {
                ValueFormat.percent(fraction: $0)
            }
        case .hitTrend: return metric.sparkline(history.hitRatio, max: 1, gradient: .traffic)
        case .ops: return metric.rate(tier.opsPerSecond)
        case .opsTrend: return metric.trafficTrend(history.opsPerSecond, max: nil)
        case .memory:
            guard let used = tier.usedMemoryBytes else { return metric.missing }
            let role = tier.memoryRatio.map(memoryThresholds.role) ?? .text
            return metric.value(used, role: role) { used in
                ValueFormat.compact(used) + "/" + (tier.maxMemoryBytes.map(ValueFormat.compact) ?? glyphs.missing)
            }
        case .memoryTrend: return metric.sparkline(history.usedMemoryBytes, max: tier.maxMemoryBytes, gradient: .memory)
        case .evictions: return metric.errors(tier.evictionsPerSecond)
        case .evictionsTrend: return metric.sparkline(history.evictionsPerSecond, gradient: .errors)
        case .keys: return metric.value(tier.keys.map(Double.init)) { $0 < 1000 ? String(Int($0)) : ValueFormat.compact($0) }
        case .expirations: return metric.rate(tier.expirationsPerSecond)
        case .clients:
            return metric.value(tier.clients.map(Double.init)) { String(Int($0)) }
        case .clientsTrend: return metric.trafficTrend(history.clients, max: tier.maxClients.map(Double.init))
        case .rejected: return metric.errors(tier.rejectedConnectionsPerSecond)
        case .rejectedTrend: return metric.sparkline(history.rejectedConnectionsPerSecond, gradient: .errors)
        }
    }

    /// Indices into `snapshot.tiers` matching the filter (by name and kind).
    static func order(in context: ViewContext) -> [Int] {
        let tiers = context.snapshot.tiers
        let filter = RowFilter(context.filter)
        return tiers.indices.filter { filter.matches(tiers[$0].name, tiers[$0].kind.rawValue) }
    }

    /// Rows a tiers section needs: a title, the header and one line per tier.
    static func height(for order: [Int]) -> Int { order.isEmpty ? 0 : order.count + 2 }

    /// Draws the title and the tiers at `order` (not selectable) in `rect`.
    static func render<S: Screen>(_ order: [Int], context: ViewContext, in rect: Rect, on screen: inout S) {
        guard rect.height >= 2, !order.isEmpty else { return }
        let tiers = context.snapshot.tiers
        screen.put("Cache and session tiers", x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(.title))
        let table = TableWidget(columns: columns, glyphs: context.glyphs)
        table.render(rowCount: order.count, selected: nil, offset: 0,
                     in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), on: &screen) { row, column in
            cell(Column(rawValue: column)!, tier: tiers[order[row]], glyphs: context.glyphs)
        }
    }
}
