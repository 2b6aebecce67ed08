import Foundation
import LBTopCore

/// `Enter` on a row: one subject in depth — a title line with its facts, then larger history
/// graphs (`GraphWidget`) of its series, two columns of panels when the screen is wide enough.
/// A server shows req/s, 5xx/s, response time, sessions, share, and its node's CPU, memory and
/// load when joined; a backend or frontend its req/s, error ratio and response time, a backend
/// also each server's share against its fair share; a node its CPU, memory and load; an alert its
/// fields and its subject's graphs when the subject is a server.
public struct DetailView: DashboardView {
    /// The row the detail is about.
    public var subject: RowID

    public init(subject: RowID) { self.subject = subject }

    public var sortKeys: [SortKey] { [] }

    public func rowOrder(in context: ViewContext) -> RowOrder { RowOrder(rows: [], ids: [subject]) }

    /// One graph: a title, the series, its scale (nil = its own maximum) and how to format values.
    struct Panel {
        var title: String
        var series: Series
        var max: Double?
        var gradient: GradientKind
        var format: (Double) -> String
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(rect)
        let snapshot = context.snapshot
        var body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        switch subject {
        case .server(let id):
            guard let server = snapshot.server(id) else { return gone(id.description, context, rect, &screen) }
            title(Self.facts(of: server), context, rect, &screen)
            if let log = server.log { body.height -= Self.placeLog(log, context, &body, &screen) }
            drawPanels(Self.panels(of: server, node: snapshot.node(server.node)), context, body, &screen)
        case .proxy(let id):
            guard let proxy = snapshot.proxy(id) else { return gone(id.proxy, context, rect, &screen) }
            title(Self.facts(of: proxy, context: context), context, rect, &screen)
            if let log = proxy.log { body.height -= Self.placeLog(log, context, &body, &screen) }
            let servers = proxy.kind == .backend ? snapshot.servers(of: id) : snapshot.servers[0..<0]
            if !servers.isEmpty {
                let listHeight = min(servers.count + 1, body.height / 2)
                let list = Rect(x: body.x, y: body.maxY - listHeight, width: body.width, height: listHeight)
                body.height -= listHeight
                ShareList(servers: servers, glyphs: context.glyphs).render(in: list, on: &screen)
                body.height -= Self.renderAdvice(WeightAdvisor().advise(backend: id, in: snapshot), above: body,
                                                 context: context, on: &screen)
            }
            drawPanels(Self.panels(of: proxy), context, body, &screen)
        case .node(let id):
            guard let node = snapshot.node(id) else { return gone(id.rawValue, context, rect, &screen) }
            title(Self.facts(of: node), context, rect, &screen)
            drawPanels(Self.panels(of: node), context, body, &screen)
        case .alert(let id):
            guard let alert = snapshot.alerts.first(where: { $0.id == id }) else { return gone(id, context, rect, &screen) }
            title([StatusLine.Run("alert ", Style(.muted)), StatusLine.Run(alert.subject, Style(.title, .bold)),
                   StatusLine.Run("  " + alert.rule + "  " + AlertsView.stateLabel(alert.state), Style(.text))],
                  context, rect, &screen)
            screen.put(alert.message, x: body.x, y: body.y, maxWidth: body.width, style: Style(.text))
            body = Rect(x: body.x, y: body.y + 2, width: body.width, height: body.height - 2)
            if let serverID = Self.serverSubject(of: alert, in: snapshot) {
                DetailView(subject: .server(serverID)).render(context, in: body, on: &screen)
            }
        }
    }

    /// Draws the request log's summary at the bottom of `body` (at most half of it); returns the rows used.
    private static func placeLog<S: Screen>(_ log: LogFigures, _ context: ViewContext, _ body: inout Rect, _ screen: inout S) -> Int {
        let height = min(LogSummary.preferredHeight, body.height / 2)
        guard height >= 2 else { return 0 }
        LogSummary(figures: log, glyphs: context.glyphs)
            .render(in: Rect(x: body.x, y: body.maxY - height, width: body.width, height: height), on: &screen)
        return height
    }

    private func title<S: Screen>(_ runs: [StatusLine.Run], _ context: ViewContext, _ rect: Rect, _ screen: inout S) {
        StatusLine(left: runs).render(in: rect.row(0), on: &screen)
    }

    private func gone<S: Screen>(_ name: String, _ context: ViewContext, _ rect: Rect, _ screen: inout S) {
        screen.put(name + " is no longer in the data", x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(.muted))
    }

    /// Lays panels out in one column, or two when they would be too short in one.
    private func drawPanels<S: Screen>(_ panels: [Panel], _ context: ViewContext, _ area: Rect, _ screen: inout S) {
        guard !panels.isEmpty, !area.isEmpty else { return }
        let columns = area.width >= 80 && (panels.count > 3 || area.width >= 160) ? 2 : 1
        let rows = (panels.count + columns - 1) / columns
        let gridRows = Layout.vertical(Array(repeating: .fill(1), count: rows)).split(area)
        for (row, rowRect) in gridRows.enumerated() {
            let cells = Layout.horizontal(Array(repeating: .fill(1), count: columns), spacing: 2).split(rowRect)
            for (column, cellRect) in cells.enumerated() {
                let index = row * columns + column
                guard index < panels.count else { break }
                draw(panels[index], context: context, in: cellRect, on: &screen)
            }
        }
    }

    private func draw<S: Screen>(_ panel: Panel, context: ViewContext, in rect: Rect, on screen: inout S) {
        guard rect.height >= 2 else { return }
        let now = panel.series.last.map(panel.format) ?? context.glyphs.missing
        let peak = panel.series.maxValue.map(panel.format) ?? context.glyphs.missing
        StatusLine(left: [StatusLine.Run(panel.title, Style(.title, .bold)), StatusLine.Run("  now " + now, Style(.text)),
                          StatusLine.Run("  max " + peak, Style(.muted))])
            .render(in: rect.row(0), on: &screen)
        GraphWidget(values: ArraySlice(panel.series), max: panel.max, glyphs: context.glyphs, gradient: panel.gradient)
            .render(in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1), on: &screen)
    }

    /// The server an alert is about, when its subject names one (`backend/server`).
    static func serverSubject(of alert: Alert, in snapshot: Snapshot) -> ServerID? {
        snapshot.servers.first { $0.id.description == alert.subject }?.id
    }
}
