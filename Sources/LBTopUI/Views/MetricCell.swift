import LBTopCore

/// Builds table cells for measured values, the same way in every view: a stale row shows the
/// missing glyph in `.stale` (never a zero), an unknown value the missing glyph in `.muted`.
struct MetricCell {
    var glyphs: GlyphSet
    var isStale: Bool

    func value(_ value: Double?, role: ThemeRole = .text, _ format: (Double) -> String) -> TableCell {
        guard !isStale, let value, !value.isNaN else { return missing }
        return .text(format(value), Style(role))
    }

    /// The cell of a value that is not known: stale or unknown, as `value(nil)` draws it.
    var missing: TableCell { .text(glyphs.missing, Style(isStale ? .stale : .muted)) }

    func rate(_ value: Double?, role: ThemeRole = .text) -> TableCell { self.value(value, role: role, ValueFormat.compact) }

    func milliseconds(_ value: Double?) -> TableCell { self.value(value, ValueFormat.milliseconds) }

    /// An error rate: `.critical` when above zero.
    func errors(_ value: Double?) -> TableCell {
        self.value(value, role: (value ?? 0) > 0 ? .critical : .text, ValueFormat.compact)
    }

    /// A percentage 0…100 coloured by thresholds.
    func percent(_ value: Double?, thresholds: Thresholds = .percent) -> TableCell {
        self.value(value, role: value.map(thresholds.role) ?? .text) { ValueFormat.percent($0) }
    }

    func load(_ value: Double?, cpus: Int?) -> TableCell {
        let role = value.map { Thresholds.loadPerCPU.role(for: $0 / Double(max(1, cpus ?? 1))) } ?? .text
        return self.value(value, role: role, ValueFormat.load)
    }

    func sparkline(_ series: Series, max: Double? = nil, gradient: GradientKind) -> TableCell {
        .sparkline(series, max: max, coloring: .gradient(gradient))
    }

    /// A traffic trend in one colour (the gradient's top): its height already says how much, and
    /// one colour per row means no colour change between cells on the wire.
    func trafficTrend(_ series: Series, max: Double?) -> TableCell {
        .sparkline(series, max: max, coloring: .fixed(Style(.graph(.traffic, percent: 100))))
    }

    /// `sessions/queue`, `.warn` when a queue builds.
    func sessions(_ sessions: Int?, queue: Int?) -> TableCell {
        guard !isStale, let sessions else { return missing }
        let q = queue ?? 0
        return .text(String(sessions) + "/" + String(q), Style(q > 0 ? .warn : .text))
    }

    /// A backend taking fewer requests per second than this shows no shares: one or two requests
    /// a second land on one server or another and say nothing of the balancing (the `imbalance`
    /// rule's default `min_rate` ignores such backends too).
    static let shareMinimumRate = AlertCondition.defaultMinimumRate

    /// The least rate a table's shared trend scale reaches: under it a screenful of servers at a
    /// fraction of a request per second draws flat instead of rescaling its noise to full height
    /// (and resending every trend each poll).
    static let trendScaleFloor = 1.0

    /// `share/fair%` (`90/50%`), coloured by how far the share is above the fair share;
    /// `backendRate` is the server's backend's req/s, when known.
    func share(of server: ServerSnapshot, backendRate: Double? = nil) -> TableCell {
        if isStale { return missing }
        let fair = server.fairShare.map { ValueFormat.percent(fraction: $0) } ?? glyphs.missing
        // A backend that got no request this interval, or too few to share, gives no share, but
        // the fair share by weight still holds: `—/5%`, in the style of a share under its fair one
        // (as `0/5%`), so quiet seconds change one character on screen rather than the whole cell.
        guard let share = server.share, (backendRate ?? .infinity) >= Self.shareMinimumRate else {
            guard server.fairShare != nil else { return missing }
            return .text(glyphs.missing + "/" + fair, Style(Thresholds.shareRatio.role(for: 0)))
        }
        let role = DistributionBar.ratio(of: server).map(Thresholds.shareRatio.role) ?? .text
        return .text(String(ValueFormat.percent(fraction: share).dropLast()) + "/" + fair, Style(role))
    }
}

extension ServerState {
    /// The state without its parenthesised detail, for the table (`MAINT`, `UP 1/3`); the detail
    /// view shows the whole `label`.
    var shortLabel: String {
        guard let transition else { return kind.rawValue }
        return kind.rawValue + " " + String(transition.step) + "/" + String(transition.of)
    }

    /// The theme role a state is drawn in.
    var role: ThemeRole {
        switch kind {
        case .up, .noCheck: return transition == nil ? .stateUp : .warn
        case .down: return .stateDown
        case .drain: return .stateDrain
        case .maint: return .stateMaint
        case .nolb: return .stateNolb
        case .unknown: return .stateUnknown
        }
    }
}
