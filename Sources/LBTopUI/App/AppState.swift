/// The UI's own state: which view, what is selected, filter, sort, pause, theme, help. The app
/// loop is its only writer; `reduce` applies one action and says what to do next.
public struct AppState: Sendable, Equatable {
    /// How keys are read: through the key map, or as text for the filter line.
    public enum InputMode: Sendable, Equatable {
        case normal
        /// Typing the filter; `previous` is restored by Esc.
        case filter(previous: String)
    }

    /// Facts about the current frame that `reduce` needs but does not own.
    public struct Frame: Sendable {
        /// Row ids of the current view in display order.
        public var rows: [RowID]
        /// Table rows visible at once (PgUp/PgDn step).
        public var pageSize: Int
        /// The columns `s` cycles through in the current view.
        public var sortKeys: [SortKey]
        /// Firing, unacknowledged alerts that pass the filter (what `A` acknowledges).
        public var visibleFiringAlertIDs: [String]
        /// Whether a log input runs: without one, Tab passes over the requests view.
        public var hasLogs: Bool
        public init(rows: [RowID] = [], pageSize: Int = 10, sortKeys: [SortKey] = [],
                    visibleFiringAlertIDs: [String] = [], hasLogs: Bool = false) {
            self.rows = rows; self.pageSize = pageSize; self.sortKeys = sortKeys
            self.visibleFiringAlertIDs = visibleFiringAlertIDs; self.hasLogs = hasLogs
        }

        /// The views Tab cycles through.
        var cycledViews: [ViewID] { hasLogs ? ViewID.allCases : ViewID.allCases.filter { $0 != .requests } }
    }

    public var view: ViewID = .servers
    public var selections: [ViewID: TableSelection] = [:]
    public var sorts: [ViewID: ColumnSort] = [:]
    public var detail: RowID?
    public var filter: String = ""
    public var inputMode: InputMode = .normal
    public var isPaused = false
    public var bellEnabled = false
    public var showHelp = false
    public var themeIndex = 0
    public var themeCount = 1
    /// Transient status message, cleared by the next key.
    public var message: String?

    public init(bellEnabled: Bool = false, themeIndex: Int = 0, themeCount: Int = 1) {
        self.bellEnabled = bellEnabled; self.themeIndex = themeIndex; self.themeCount = max(1, themeCount)
    }

    public var selection: TableSelection {
        get { selections[view] ?? TableSelection() }
        set { selections[view] = newValue }
    }

    public var isEditingFilter: Bool { if case .filter = inputMode { return true } else { return false } }

    /// Handles one key: text for the filter line, any key closes help, else the key map.
    public mutating func handle(key: Key, keyMap: KeyMap, frame: Frame) -> [Effect] {
        message = nil
        if case .filter(let previous) = inputMode { return editFilter(key: key, previous: previous) }
        if showHelp {
            if keyMap.action(for: key) == .quit { return reduce(.quit, frame: frame) }
            showHelp = false
            return [.redraw]
        }
        guard let action = keyMap.action(for: key) else { return [] }
        return reduce(action, frame: frame)
    }

    /// Applies one action; returns the effects for the loop.
    public mutating func reduce(_ action: Action, frame: Frame) -> [Effect] {
        switch action {
        case .showView(let target):
            view = target; detail = nil
        case .nextView, .previousView:
            let views = frame.cycledViews
            let step = action == .nextView ? 1 : views.count - 1
            view = views[((views.firstIndex(of: view) ?? 0) + step) % views.count]
            detail = nil
        case .moveUp: selection.move(by: -1, rows: frame.rows, pageSize: frame.pageSize)
        case .moveDown: selection.move(by: 1, rows: frame.rows, pageSize: frame.pageSize)
        case .pageUp: selection.move(by: -max(1, frame.pageSize), rows: frame.rows, pageSize: frame.pageSize)
        case .pageDown: selection.move(by: max(1, frame.pageSize), rows: frame.rows, pageSize: frame.pageSize)
        case .moveToTop: selection.move(by: -frame.rows.count, rows: frame.rows, pageSize: frame.pageSize)
        case .moveToBottom: selection.move(by: frame.rows.count, rows: frame.rows, pageSize: frame.pageSize)
        case .openDetail:
            selection.settle(rows: frame.rows, pageSize: frame.pageSize)
            guard let row = selection.selected else { return [] }
            detail = row
        case .back:
            if showHelp { showHelp = false } else if detail != nil { detail = nil } else if !filter.isEmpty { filter = "" } else { return [] }
        case .acknowledgeSelected:
            return acknowledgeSelected(frame: frame)
        case .acknowledgeAllVisible:
            guard !frame.visibleFiringAlertIDs.isEmpty else { message = "no firing alert to acknowledge"; return [.redraw] }
            let count = frame.visibleFiringAlertIDs.count
            message = "acknowledged \(count) alert\(count == 1 ? "" : "s")"
            return [.acknowledge(frame.visibleFiringAlertIDs), .redraw]
        case .beginFilter:
            inputMode = .filter(previous: filter)
        case .cycleSort:
            sorts[view] = Self.nextSort(after: sorts[view], keys: frame.sortKeys)
            if sorts[view] == nil && frame.sortKeys.isEmpty { return [] }
        case .togglePause:
            isPaused.toggle()
        case .cycleTheme:
            themeIndex = (themeIndex + 1) % max(1, themeCount)
            return [.applyTheme(themeIndex), .redraw]
        case .toggleBell:
            bellEnabled.toggle()
            message = bellEnabled ? "bell on" : "bell off"
        case .toggleHelp:
            showHelp.toggle()
        case .quit:
            return [.quit]
        case .serverAction:
            return []   // the App's ActionController takes these
        case .replay(let control):
            return [.replay(control)]
        }
        return [.redraw]
    }

    /// `s` walks the view's columns, then back to natural order. Names sort A→Z; numbers and
    /// states largest (worst) first, which is what an incident asks for.
    static func nextSort(after current: ColumnSort?, keys: [SortKey]) -> ColumnSort? {
        guard !keys.isEmpty else { return nil }
        let next: Int
        if let current, let index = keys.firstIndex(of: current.key) {
            guard index + 1 < keys.count else { return nil }
            next = index + 1
        } else {
            next = 0
        }
        let key = keys[next]
        return ColumnSort(key, descending: !(key == .name || key == .subject))
    }

    private mutating func acknowledgeSelected(frame: Frame) -> [Effect] {
        if view == .alerts, case .alert(let id)? = selection.selected, frame.visibleFiringAlertIDs.contains(id) {
            message = "acknowledged 1 alert"
            return [.acknowledge([id]), .redraw]
        }
        // Outside the alerts view, `a` takes the alert the strip shows: the newest firing one.
        if view != .alerts, let newest = frame.visibleFiringAlertIDs.first {
            message = "acknowledged 1 alert"
            return [.acknowledge([newest]), .redraw]
        }
        message = "no firing alert selected"
        return [.redraw]
    }

    private mutating func editFilter(key: Key, previous: String) -> [Effect] {
        switch key {
        case .enter:
            inputMode = .normal
        case .escape:
            filter = previous; inputMode = .normal
        case .backspace, .delete:
            if !filter.isEmpty { filter.removeLast() }
        case .character(let c):
            filter.append(c)
        default:
            return []
        }
        return [.redraw]
    }
}
