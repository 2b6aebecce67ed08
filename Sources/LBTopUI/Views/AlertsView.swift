import Foundation
import LBTopCore

/// View `3`: active and recent alerts — severity, state, age, subject, value against threshold,
/// message, and who acknowledged. Acknowledged alerts are dimmed, not hidden; resolved ones are
/// muted. Natural order: firing, acknowledged, pending, resolved; critical before warning; newest
/// first. Rows are alert ids, so `a` acknowledges the selected one.
///
/// Drop order on narrow screens: BY (below 81 columns), MESSAGE, VALUE/LIMIT. SEV, STATE, AGE, SUBJECT always stay.
public struct AlertsView: DashboardView {
    public init() {}

    public static let sortKeys: [SortKey] = [.severity, .age, .subject, .state]
    public var sortKeys: [SortKey] { Self.sortKeys }

    enum Column: Int, CaseIterable {
        case severity, state, age, subject, value, message, acknowledgedBy

        var spec: ColumnSpec {
            switch self {
            case .severity: return ColumnSpec("SEV", width: 4, sortKey: .severity)
            case .state: return ColumnSpec("STATE", width: 8, sortKey: .state)
            case .age: return ColumnSpec("AGE", width: 6, alignment: .right, sortKey: .age)
            case .subject: return ColumnSpec("SUBJECT", width: 14...18, sortKey: .subject)
            case .value: return ColumnSpec("VALUE/LIMIT", width: 11, alignment: .right, priority: 1)
            case .message: return ColumnSpec("MESSAGE", width: 24...120, priority: 2)
            case .acknowledgedBy: return ColumnSpec("BY", width: 8...12, priority: 3)
            }
        }
    }

    static let columns: [ColumnSpec] = Column.allCases.map(\.spec)

    public func rowOrder(in context: ViewContext) -> RowOrder {
        let rows = order(context)
        return RowOrder(rows: rows, ids: rows.map { .alert(context.snapshot.alerts[$0].id) })
    }

    /// Indices into `snapshot.alerts`, filtered and sorted.
    func order(_ context: ViewContext) -> [Int] {
        let alerts = context.snapshot.alerts
        let filter = RowFilter(context.filter)
        var rows = alerts.indices.filter {
            filter.matches(alerts[$0].subject, alerts[$0].rule, alerts[$0].message, alerts[$0].target?.rawValue)
        }
        let natural: (Int, Int) -> Bool = { a, b in
            let x = alerts[a], y = alerts[b]
            let (rx, ry) = (Self.stateRank(x.state), Self.stateRank(y.state))
            if rx != ry { return rx < ry }
            if x.severity != y.severity { return x.severity > y.severity }
            if x.changedAt != y.changedAt { return x.changedAt > y.changedAt }
            return a < b
        }
        rows.sort(by: natural)
        guard let sort = context.sort else { return rows }
        switch sort.key {
        case .subject: RowOrdering.sort(&rows, descending: sort.descending) { alerts[$0].subject }
        case .age: RowOrdering.sort(&rows, descending: sort.descending) { -alerts[$0].since.timeIntervalSinceReferenceDate }
        case .severity: RowOrdering.sort(&rows, descending: !sort.descending) { alerts[$0].severity == .critical ? 1 : 0 }
        case .state: RowOrdering.sort(&rows, descending: sort.descending) { Double(Self.stateRank(alerts[$0].state)) }
        default: break
        }
        return rows
    }

    static func stateRank(_ state: AlertState) -> Int {
        switch state {
        case .firing: return 0
        case .acknowledged: return 1
        case .pending: return 2
        case .resolved: return 3
        }
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        var rect = rect
        let actions = context.snapshot.actions
        if !actions.isEmpty, rect.height >= 8 {
            // Actions follow the alerts under a title, or take the lower part when alerts need the room.
            let alertRows = order(context).count
            let actionsHeight = max(min(actions.count + 2, rect.height / 2), rect.height - alertRows - 2)
            rect.height -= actionsHeight
            let area = Rect(x: rect.x, y: rect.maxY, width: rect.width, height: actionsHeight)
            screen.clear(area)
            screen.put("Actions", x: area.x, y: area.y, maxWidth: area.width, style: Style(.title))
            ActionsTable(actions: actions).render(context, in: Rect(x: area.x, y: area.y + 1, width: area.width,
                                                                    height: area.height - 1), on: &screen)
        }
        let alerts = context.snapshot.alerts
        let order = context.order ?? rowOrder(in: context)
        let rows = order.rows
        let selected: Int? = rows.isEmpty ? nil : context.selection.flatMap { order.ids.firstIndex(of: $0) } ?? 0
        let table = TableWidget(columns: Self.columns, glyphs: context.glyphs, sort: context.sort)
        table.render(rowCount: rows.count, selected: selected, offset: context.scrollOffset, in: rect, on: &screen) {
            row, column in
            Self.cell(Column(rawValue: column)!, alert: alerts[rows[row]], context: context)
        }
        if rows.isEmpty, rect.height > 1 {
            let message = context.filter.isEmpty ? "No alerts" : "No alert matches \"" + context.filter + "\""
            screen.put(message, x: rect.x, y: rect.y + 1, maxWidth: rect.width, style: Style(.muted))
        }
    }

    /// The style of a whole alert row: acknowledged dimmed, resolved and pending muted.
    static func rowStyle(_ alert: Alert) -> Style? {
        switch alert.state {
        case .acknowledged: return Style(.alertAcknowledged, .dim)
        case .resolved, .pending: return Style(.muted)
        case .firing: return nil
        }
    }

    static func cell(_ column: Column, alert: Alert, context: ViewContext) -> TableCell {
        let rowStyle = rowStyle(alert)
        func text(_ s: String, _ role: ThemeRole = .text) -> TableCell { .text(s, rowStyle ?? Style(role)) }
        switch column {
        case .severity:
            return alert.severity == .critical ? text("CRIT", .alertCritical) : text("WARN", .alertWarning)
        case .state: return text(stateLabel(alert.state))
        case .age: return text(ValueFormat.age(seconds: context.now.timeIntervalSince(alert.since)))
        case .subject: return text(alert.subject)
        case .value:
            guard let value = alert.value else { return text(context.glyphs.missing, .muted) }
            let limit = alert.threshold.map(ValueFormat.compact) ?? context.glyphs.missing
            return text(ValueFormat.compact(value) + "/" + limit)
        case .message: return text(alert.message)
        case .acknowledgedBy: return text(alert.acknowledgedBy ?? "", .muted)
        }
    }

    static func stateLabel(_ state: AlertState) -> String {
        switch state {
        case .firing: return "firing"
        case .acknowledged: return "acked"
        case .pending: return "pending"
        case .resolved: return "resolved"
        }
    }
}
