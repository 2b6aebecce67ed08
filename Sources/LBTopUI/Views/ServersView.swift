import LBTopCore

/// View `1`: one row per backend server — state coloured by role, weight, req/s with a sparkline,
/// share against fair share, 5xx/s, latency (rtime/ttime), sessions/queue — and its node's CPU %,
/// memory % and load with sparklines once a node is joined (blank until then). A stale server
/// shows `—`, never 0. Below, a nodes section lists nodes no server runs on; with no balancer at
/// all (`lbtop --node local`) the nodes take the whole view. The cache and session tiers follow.
///
/// Rows: servers in the context's filter and sort, then the unjoined nodes.
public struct ServersView: DashboardView {
    public init() {}

    public static let sortKeys: [SortKey] = [.name, .state, .requestRate, .share, .errors, .latency,
                                             .sessions, .cpu, .memory, .load]
    public var sortKeys: [SortKey] { Self.sortKeys }

    /// Cells a trend column can show at most (its widest bound).
    static let trendSamples = 24

    public func rowOrder(in context: ViewContext) -> RowOrder {
        let snapshot = context.snapshot
        let servers = serverOrder(context), nodes = nodeOrder(context)
        return RowOrder(rows: servers, nodes: nodes,
                        ids: servers.map { .server(snapshot.servers[$0].id) } + nodes.map { .node(snapshot.nodes[$0].id) })
    }

    /// Indices into `snapshot.servers`, filtered and sorted.
    func serverOrder(_ context: ViewContext) -> [Int] {
        let snapshot = context.snapshot
        let filter = RowFilter(context.filter)
        var order: [Int]
        if filter.isEmpty {
            order = Array(snapshot.servers.indices)
        } else {
            order = []
            for (index, server) in snapshot.servers.enumerated() where Self.matches(server, filter) {
                order.append(index)
            }
        }
        guard let sort = context.sort else { return order }
        let servers = snapshot.servers
        if sort.key == .name {
            RowOrdering.sort(&order, descending: sort.descending) { servers[$0].id.backend + "/" + servers[$0].id.server }
        } else {
            let needsNode = sort.key == .cpu || sort.key == .memory || sort.key == .load
            RowOrdering.sort(&order, descending: sort.descending) { index in
                Self.sortValue(sort.key, server: servers[index],
                               node: needsNode ? snapshot.node(servers[index].node) : nil)
            }
        }
        return order
    }

    /// The filter looks at `backend/server`, the state and the address.
    private static func matches(_ server: ServerSnapshot, _ filter: RowFilter) -> Bool {
        filter.matches(server.id.backend, server.id.server, server.state.kind.rawValue, server.address)
            || filter.matches(server.id.backend + "/" + server.id.server)
    }

    /// Indices into `snapshot.nodes` of the unjoined nodes, filtered and sorted.
    func nodeOrder(_ context: ViewContext) -> [Int] {
        NodesTable.order(context.snapshot.unjoinedNodeIndices(), in: context)
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(rect)
        let snapshot = context.snapshot
        let order = context.order ?? rowOrder(in: context)
        let servers = order.rows, nodes = order.nodes
        let selected = selectedRow(context, order: order)
        let tiers = TiersTable.order(in: context)

        if snapshot.servers.isEmpty && snapshot.nodes.isEmpty {
            guard !tiers.isEmpty else {
                screen.put("Waiting for the first poll" + context.glyphs.ellipsis, x: rect.x, y: rect.y,
                           maxWidth: rect.width, style: Style(.muted))
                return
            }
            TiersTable.render(tiers, context: context, in: rect, on: &screen)
            return
        }
        // The servers gone lately take a line, the tiers section at most a third of the view.
        var main = rect
        let goneLine = !snapshot.goneServers.isEmpty && rect.height >= 8
        if goneLine { main.height -= 1 }
        if !tiers.isEmpty, rect.height >= 8 { main.height -= min(TiersTable.height(for: tiers), rect.height / 3) }
        var end = renderServersAndNodes(servers, nodes, selected: selected, context: context, in: main, on: &screen)
        if goneLine {
            screen.put(Self.goneText(snapshot.goneServers), x: rect.x, y: end, maxWidth: rect.width, style: Style(.muted))
            end += 1
        }
        if !tiers.isEmpty, end < rect.maxY - 1 {
            TiersTable.render(tiers, context: context,
                              in: Rect(x: rect.x, y: end, width: rect.width, height: rect.maxY - end), on: &screen)
        }
    }

    /// `gone: app/d2 (MAINT) 12s ago · app/d1 (DOWN) 3m05s ago`.
    static func goneText(_ gone: [GoneServer]) -> String {
        "gone: " + gone.map { $0.id.description + " (" + $0.lastState.shortLabel + ") " + ValueFormat.age(seconds: $0.secondsAgo) + " ago" }
            .joined(separator: " · ")
    }

    /// Draws the servers and, below them, the unjoined nodes; returns the row after the last drawn.
    private func renderServersAndNodes<S: Screen>(_ servers: [Int], _ nodes: [Int], selected: Int?,
                                                  context: ViewContext, in rect: Rect, on screen: inout S) -> Int {
        if context.snapshot.servers.isEmpty {
            NodesTable.render(nodes, selected: selected.map { $0 - servers.count }, offset: context.scrollOffset,
                              context: context, in: rect, on: &screen)
            return rect.y + min(rect.height, nodes.count + 2)
        }
        var serversArea = rect
        let end: Int
        if !nodes.isEmpty, rect.height >= 8 {
            // The nodes section follows the servers after a blank line, or docks at the bottom
            // when the servers need the room.
            let nodesHeight = min(nodes.count + 2, rect.height / 2)
            serversArea.height = min(rect.height - nodesHeight, servers.count + 2)
            let nodesArea = Rect(x: rect.x, y: serversArea.maxY, width: rect.width, height: nodesHeight)
            screen.put("Nodes without balancer servers", x: nodesArea.x, y: nodesArea.y,
                       maxWidth: nodesArea.width, style: Style(.title))
            let nodeSelected = selected.flatMap { $0 >= servers.count ? $0 - servers.count : nil }
            NodesTable.render(nodes, selected: nodeSelected, offset: 0, context: context,
                              in: Rect(x: rect.x, y: nodesArea.y + 1, width: rect.width, height: nodesHeight - 1),
                              on: &screen)
            end = nodesArea.maxY
        } else {
            end = rect.y + min(rect.height, servers.count + 2)
        }
        renderServers(servers, selected: selected, context: context, in: serversArea, on: &screen)
        return end
    }

    private func renderServers<S: Screen>(_ order: [Int], selected: Int?, context: ViewContext,
                                          in rect: Rect, on screen: inout S) {
        let snapshot = context.snapshot
        let glyphs = context.glyphs
        let shown = Self.shownColumns(filled: snapshot.filledServerValues, withLogs: snapshot.logs != nil,
                                      persistence: snapshot.usesPersistence)
        let table = TableWidget(columns: Self.specs(of: shown), glyphs: glyphs, sort: context.sort)
        let selectedServer = selected.flatMap { $0 < order.count ? $0 : nil }
        var node: NodeSnapshot?, nodeRow = -1  // the row's node, looked up once per row
        var server = ServerSnapshot(id: ServerID(target: TargetID(""), backend: "", server: ""), state: ServerState(kind: .unknown))
        var serverRow = -1
        let window = ScrollWindow(offset: context.scrollOffset, selected: selectedServer, count: order.count,
                                  visible: TableWidget.dataRows(in: rect))
        var rateScale = 0.0
        for row in window.range(count: order.count) {
            rateScale = max(rateScale, snapshot.servers[order[row]].history.requestRate.trendPeak(cells: Self.trendSamples))
        }
        rateScale = niceScale(max(rateScale, MetricCell.trendScaleFloor))
        var backend: ProxySnapshot?   // the row's backend, looked up when the backend changes
        table.render(rowCount: order.count, selected: selectedServer, offset: context.scrollOffset,
                     in: rect, on: &screen) { row, column in
            if serverRow != row { server = snapshot.servers[order[row]]; serverRow = row }
            let column = shown[column]
            if column.rawValue >= Column.cpu.rawValue, nodeRow != row {
                node = snapshot.node(server.node)
                nodeRow = row
            }
            if column == .share, backend?.id.proxy != server.id.backend || backend?.id.target != server.id.target {
                backend = snapshot.proxy(ProxyID(target: server.id.target, proxy: server.id.backend))
            }
            return Self.cell(column, server: server, node: nodeRow == row ? node : nil, rateScale: rateScale,
                             backendRate: column == .share ? backend?.requestRate : nil, glyphs: glyphs,
                             mark: column == .name && !context.serverMarks.isEmpty ? context.serverMarks[server.id] : nil)
        }
        if order.isEmpty, rect.height > 1, !context.filter.isEmpty {
            screen.put("No server matches \"" + context.filter + "\"", x: rect.x, y: rect.y + 1,
                       maxWidth: rect.width, style: Style(.muted))
        }
    }

    /// Index of the selected row in servers-then-nodes order; the first row when the selection is
    /// unset or no longer shown.
    private func selectedRow(_ context: ViewContext, order: RowOrder) -> Int? {
        guard !order.ids.isEmpty else { return nil }
        return context.selection.flatMap { order.ids.firstIndex(of: $0) } ?? 0
    }
}
