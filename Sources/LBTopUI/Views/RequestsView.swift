import LBTopCore

/// View `4` (with `--log`): what the request log says about every request of the window — top
/// paths (count, 5xx, p99), the slowest requests now, termination causes, top clients. `/`
/// filters every section by path, client, cause or server.
public struct RequestsView: DashboardView {
    public init() {}

    public static let sortKeys: [SortKey] = []
    public var sortKeys: [SortKey] { Self.sortKeys }

    public func rowOrder(in context: ViewContext) -> RowOrder { RowOrder(rows: [], ids: []) }

    enum Section: CaseIterable {
        case paths, slowest, terminations, clients

        var title: String {
            switch self {
            case .paths: "Top paths"
            case .slowest: "Slowest requests"
            case .terminations: "Termination causes"
            case .clients: "Top clients"
            }
        }

        var columns: [ColumnSpec] {
            switch self {
            case .paths, .clients:
                [ColumnSpec(self == .paths ? "PATH" : "CLIENT", width: 12...60), ColumnSpec("REQS", width: 7, alignment: .right),
                 ColumnSpec("5XX", width: 6, alignment: .right, priority: 1), ColumnSpec("P99", width: 6, alignment: .right)]
            case .slowest:
                [ColumnSpec("TIME", width: 6, alignment: .right), ColumnSpec("ST", width: 3, alignment: .right),
                 ColumnSpec("REQUEST", width: 12...60), ColumnSpec("SERVER", width: 8...30, priority: 1),
                 ColumnSpec("CLIENT", width: 8...39, priority: 2), ColumnSpec("TERM", width: 4, priority: 2)]
            case .terminations:
                [ColumnSpec("CAUSE", width: 5), ColumnSpec("REQS", width: 7, alignment: .right),
                 ColumnSpec("MEANING", width: 12...60, priority: 1)]
            }
        }
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(rect)
        guard let overview = context.snapshot.logs else {
            screen.put("No request log: start lbtop with --log URL (see the README)", x: rect.x, y: rect.y,
                       maxWidth: rect.width, style: Style(.muted))
            return
        }
        guard let all = overview.all else {
            screen.put("No request in the log window yet" + context.glyphs.ellipsis, x: rect.x, y: rect.y,
                       maxWidth: rect.width, style: Style(.muted))
            return
        }
        let filter = RowFilter(context.filter)
        let rows = Self.rows(all, filter: filter)
        // Two columns of sections when wide enough, else one under the other.
        let wide = rect.width >= 100
        let perColumn = wide ? 2 : 4
        let sectionWidth = wide ? (rect.width - 1) / 2 : rect.width
        let sectionHeight = max(2, rect.height / perColumn)
        for (index, section) in Section.allCases.enumerated() {
            let column = wide ? index % 2 : 0
            let row = wide ? index / 2 : index
            let area = Rect(x: rect.x + column * (sectionWidth + 1), y: rect.y + row * sectionHeight,
                            width: sectionWidth, height: row == perColumn - 1 ? rect.height - row * sectionHeight : sectionHeight)
            render(section, rows: rows[index], in: area, on: &screen, context: context)
        }
    }

    private func render<S: Screen>(_ section: Section, rows: [[TableCell]], in rect: Rect, on screen: inout S,
                                   context: ViewContext) {
        guard rect.height >= 2 else { return }
        screen.put(section.title, x: rect.x, y: rect.y, maxWidth: rect.width, style: Style(.title))
        let table = TableWidget(columns: section.columns, glyphs: context.glyphs)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        table.render(rowCount: rows.count, selected: nil, offset: 0, in: body, on: &screen) { row, column in
            rows[row][column]
        }
    }

    /// The cells of each section, filtered.
    static func rows(_ figures: LogFigures, filter: RowFilter) -> [[[TableCell]]] {
        let ms: (Int?) -> TableCell = { value in value.map { TableCell.text(ValueFormat.milliseconds(Double($0))) } ?? TableCell.text("—", .muted) }
        let paths = figures.topPaths.filter { filter.matches($0.key) }.map { entry -> [TableCell] in
            [.text(entry.key), .text(String(entry.count)), .text(String(entry.errors), entry.errors > 0 ? .critical : .text), ms(entry.p99Ms)]
        }
        let clients = figures.topClients.filter { filter.matches($0.key) }.map { entry -> [TableCell] in
            [.text(entry.key), .text(String(entry.count)), .text(String(entry.errors), entry.errors > 0 ? .critical : .text), ms(entry.p99Ms)]
        }
        let slowest = figures.slowest.filter {
            filter.matches(($0.method ?? "") + " " + ($0.path ?? ""), $0.client, $0.server, $0.termination)
        }.map { request -> [TableCell] in
            let status = request.status.map(String.init) ?? "-"
            return [ms(request.totalMs), .text(status, (request.status ?? 0) >= 500 ? .critical : .text),
                    .text(request.path.map { (request.method.map { $0 + " " } ?? "") + $0 } ?? "<bad request>"),
                    .text((request.backend ?? "-") + "/" + (request.server ?? "-")), .text(request.client),
                    .text(request.termination ?? "")]
        }
        let causes = figures.terminations.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .filter { filter.matches($0.key, TerminationCode.meaning($0.key)) }
            .map { cause -> [TableCell] in
                [.text(cause.key, TerminationCode.isServerSide(cause.key) ? .critical : .warn), .text(String(cause.value)),
                 .text(TerminationCode.meaning(cause.key))]
            }
        return [paths, slowest, causes, clients]
    }
}

