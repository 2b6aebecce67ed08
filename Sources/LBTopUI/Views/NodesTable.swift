import LBTopCore

/// The table of nodes no balancer server runs on (or every node, with `--node` alone): a tiny htop
/// per machine. Drop order: load trend, NET RX/TX, MEM USED, memory trend, CPU trend (right to
/// left), CPUS; NODE, CPU%, MEM%, LOAD always stay.
struct NodesTable {
    enum Column: Int, CaseIterable {
        case name, cpu, cpuTrend, memory, memoryTrend, load, loadTrend, cpus, memoryUsed, network

        var spec: ColumnSpec {
            switch self {
            case .name: return ColumnSpec("NODE", width: 13...30, sortKey: .name)
            case .cpu: return ColumnSpec("CPU%", width: 4, alignment: .right, sortKey: .cpu)
            case .cpuTrend: return ColumnSpec("", width: 8...24, priority: 3)
            case .memory: return ColumnSpec("MEM%", width: 4, alignment: .right, sortKey: .memory)
            case .memoryTrend: return ColumnSpec("", width: 8...24, priority: 3)
            case .load: return ColumnSpec("LOAD", width: 4, alignment: .right, sortKey: .load)
            case .loadTrend: return ColumnSpec("", width: 8...24, priority: 6)
            case .cpus: return ColumnSpec("CPUS", width: 4, alignment: .right, priority: 2)
            case .memoryUsed: return ColumnSpec("MEM USED", width: 11, alignment: .right, priority: 4)
            case .network: return ColumnSpec("NET RX/TX", width: 11, alignment: .right, priority: 5)
            }
        }
    }

    static let columns: [ColumnSpec] = Column.allCases.map(\.spec)

    static func cell(_ column: Column, node: NodeSnapshot, glyphs: GlyphSet) -> TableCell {
        let metric = MetricCell(glyphs: glyphs, isStale: node.isStale)
        switch column {
        case .name: return .text(node.name, Style(.text))
        case .cpu: return ServersView.nodeCell(.cpu, node: node, glyphs: glyphs)
        case .cpuTrend: return ServersView.nodeCell(.cpuTrend, node: node, glyphs: glyphs)
        case .memory: return ServersView.nodeCell(.memory, node: node, glyphs: glyphs)
        case .memoryTrend: return ServersView.nodeCell(.memoryTrend, node: node, glyphs: glyphs)
        case .load: return ServersView.nodeCell(.load, node: node, glyphs: glyphs)
        case .loadTrend: return ServersView.nodeCell(.loadTrend, node: node, glyphs: glyphs)
        case .cpus: return metric.value(node.cpuCount.map(Double.init)) { String(Int($0)) }
        case .memoryUsed:
            guard let used = node.memoryUsedBytes, let total = node.memoryTotalBytes else {
                return metric.missing
            }
            return metric.value(used) { ValueFormat.compact($0) + "/" + ValueFormat.compact(total) }
        case .network:
            guard let rx = node.networkReceiveBytesPerSecond, let tx = node.networkTransmitBytesPerSecond else {
                return metric.missing
            }
            return metric.value(rx) { ValueFormat.compact($0) + "/" + ValueFormat.compact(tx) }
        }
    }

    /// Indices into `snapshot.nodes` of the given nodes, filtered and sorted.
    static func order(_ candidates: [Int], in context: ViewContext) -> [Int] {
        let nodes = context.snapshot.nodes
        let filter = RowFilter(context.filter)
        var order = candidates.filter { filter.matches(nodes[$0].name, nodes[$0].host) }
        guard let sort = context.sort else { return order }
        switch sort.key {
        case .name: RowOrdering.sort(&order, descending: sort.descending) { nodes[$0].name }
        case .cpu: RowOrdering.sort(&order, descending: sort.descending) { nodes[$0].cpuPercent }
        case .memory: RowOrdering.sort(&order, descending: sort.descending) { nodes[$0].memoryPercent }
        case .load: RowOrdering.sort(&order, descending: sort.descending) { nodes[$0].load1 }
        default: break
        }
        return order
    }

    /// Draws the nodes at `order` with the row at `selected` highlighted.
    static func render<S: Screen>(_ order: [Int], selected: Int?, offset: Int, context: ViewContext,
                                  in rect: Rect, on screen: inout S) {
        let nodes = context.snapshot.nodes
        let table = TableWidget(columns: columns, glyphs: context.glyphs, sort: context.sort)
        table.render(rowCount: order.count, selected: selected, offset: offset, in: rect, on: &screen) { row, column in
            cell(Column(rawValue: column)!, node: nodes[order[row]], glyphs: context.glyphs)
        }
    }
}
