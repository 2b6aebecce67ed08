import Foundation
import LBTopCore

/// The dashboard's model: the UI state, the snapshot on screen, and the frame size. It turns
/// `AppEvent`s into effects and draws frames; it touches no terminal, so tests drive it with
/// scripted events and an `InMemoryScreen`.
public struct App: Sendable {
    public internal(set) var state: AppState
    /// Marks, prompts and pending actions (`d` `r` `m` `w` `W` `space`).
    public internal(set) var actions: ActionController
    public let keyMap: KeyMap
    public let renderer: any FrameRendering
    public private(set) var themeNames: [String]
    /// The snapshot on screen; frozen while paused.
    public private(set) var shown: Snapshot
    /// The newest snapshot received, shown again when the pause ends.
    public private(set) var latest: Snapshot
    public var glyphs: GlyphSet
    public private(set) var size: TerminalSize
    public private(set) var now: Date
    /// Zone of the header clock.
    public var clockZone: ClockZone = .local
    /// Where the replay stands, for `lbtop replay`: the header clock then shows the recording's
    /// time (the snapshot's), not the wall clock.
    public private(set) var replay: ReplayStatus?
    /// Critical alerts already seen, so the bell rings once per new one.
    private var seenCriticalAlerts: Set<String> = []
    /// The current view's rows, made when the snapshot shown, the view, the filter or the sort
    /// changes: frames and keys in between read it instead of filtering and sorting again.
    private var order: (key: OrderKey, rows: RowOrder)?

    private struct OrderKey: Equatable {
        var time: Date
        var view: ViewID
        var filter: String
        var sort: ColumnSort?
    }

    private func orderKey(for view: ViewID) -> OrderKey {
        OrderKey(time: shown.time, view: view, filter: state.filter, sort: state.sorts[view])
    }

    public init(renderer: any FrameRendering, keyMap: KeyMap = .standard, themeNames: [String] = ["default"],
                themeIndex: Int = 0, glyphs: GlyphSet = .unicode, size: TerminalSize,
                bell: Bool = false, snapshot: Snapshot = .empty, now: Date = Date(),
                actionPolicy: ActionPolicy = .off) {
        self.renderer = renderer; self.keyMap = keyMap
        self.actions = ActionController(policy: actionPolicy)
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        self.state = AppState(bellEnabled: bell, themeIndex: min(max(0, themeIndex), max(0, themeNames.count - 1)),
                              themeCount: themeNames.count)
        self.glyphs = glyphs; self.size = size; self.shown = snapshot; self.latest = snapshot; self.now = now
        seenCriticalAlerts = Set(snapshot.alerts.filter { $0.severity == .critical && $0.state == .firing }.map(\.id))
        settleSelection()
    }

    public var themeName: String { themeNames[min(state.themeIndex, themeNames.count - 1)] }
    public var isTooSmall: Bool {
        size.width < renderer.minimumSize.width || size.height < renderer.minimumSize.height
    }

    /// The frame as the views see it, for the current view.
    public var frameState: FrameState { frameState(for: state.view) }

    public func frameState(for view: ViewID) -> FrameState {
        let selection = state.selections[view] ?? TableSelection()
        let cached = order.flatMap { $0.key == orderKey(for: view) ? $0.rows : nil }
        let context = ViewContext(snapshot: shown, selection: selection.selected, scrollOffset: selection.offset,
                                  filter: state.filter, sort: state.sorts[view], glyphs: glyphs, now: now,
                                  clockZone: clockZone, isPaused: state.isPaused, serverMarks: actions.marks,
                                  order: cached)
        let hints = keyMap.footerBindings.map { KeyHint(key: $0.footerKeyLabel(ascii: glyphs.isASCII), label: $0.footerLabel) }
        return FrameState(view: view, detail: view == state.view ? state.detail : nil, context: context,
                          isEditingFilter: state.isEditingFilter, message: state.message, hints: hints,
                          actionPrompt: actions.prompt, replay: replay)
    }

    /// The facts `AppState.reduce` needs about the current frame.
    public var frame: AppState.Frame {
        let current = frameState
        let alerts = state.view == .alerts ? current : frameState(for: .alerts)
        let alertRows = Set((alerts.context.order ?? renderer.rowOrder(for: alerts)).ids.compactMap { row -> String? in
            if case .alert(let id) = row { return id } else { return nil }
        })
        let firing = shown.alerts.filter { $0.state == .firing && alertRows.contains($0.id) }.map(\.id)
        return AppState.Frame(rows: (current.context.order ?? renderer.rowOrder(for: current)).ids,
                              pageSize: renderer.visibleRowCount(for: current, size: size),
                              sortKeys: renderer.sortKeys(for: state.view),
                              visibleFiringAlertIDs: firing, hasLogs: shown.logs != nil)
    }

    /// Applies one event; returns what the loop must do.
    public mutating func handle(_ event: AppEvent) -> [Effect] {
        var effects: [Effect]
        switch event {
        case .key(.resize), .inputAvailable:
            return []
        case .key(let key):
            effects = handleActionKey(key) ?? state.handle(key: key, keyMap: keyMap, frame: frame)
            if !state.isPaused, shown.time != latest.time { shown = latest }
        case .resize(let newSize):
            size = newSize
            effects = [.redraw]
        case .tick(let time):
            // A frame drawn for new data within the last second already shows the clock: the
            // tick redraws only when no data came (paused, stale, slow interval). Rows are
            // unchanged, so the selection needs no settling.
            guard replay == nil, time.timeIntervalSince(now) >= 0.95 else { return [] }
            now = time
            return [.redraw]
        case .snapshot(let snapshot):
            let changed = snapshot.time != latest.time
            latest = snapshot
            guard changed else { return [] }
            effects = newCriticalAlertEffects(in: snapshot)
            if let note = actions.observe(snapshot) {
                state.message = note
                effects.append(.redraw)
            }
            if !state.isPaused {
                shown = snapshot
                now = replay == nil ? max(now, snapshot.time) : snapshot.time
                effects.append(.redraw)
            }
        case .actionsFinished(let records):
            if let text = actions.finished(records, in: latest) { state.message = text }
            effects = [.redraw]
        case .replay(let status):
            replay = status
            return [.redraw]
        case .terminate:
            return [.quit]
        }
        settleSelection()
        return effects
    }

    /// Keeps the selection on a row that exists after rows changed (snapshot, filter, sort, view).
    private mutating func settleSelection() {
        let key = orderKey(for: state.view)
        if order?.key != key { order = (key, renderer.rowOrder(for: frameState)) }
        var selection = state.selection
        let current = frame
        selection.settle(rows: current.rows, pageSize: current.pageSize)
        state.selection = selection
    }

    private mutating func newCriticalAlertEffects(in snapshot: Snapshot) -> [Effect] {
        var rings = false
        for alert in snapshot.alerts where alert.severity == .critical && alert.state == .firing {
            if seenCriticalAlerts.insert(alert.id).inserted { rings = true }
        }
        return rings && state.bellEnabled ? [.bell] : []
    }

    /// Draws the frame: the views, then the help overlay; or the too-small message.
    public func render<S: Screen>(on screen: inout S) {
        if isTooSmall {
            TooSmallView(size: size, minimum: renderer.minimumSize).render(on: &screen)
            return
        }
        renderer.render(frameState, on: &screen)
        if state.showHelp {
            HelpView(keyMap: keyMap, glyphs: glyphs).render(on: &screen)
        }
    }
}
