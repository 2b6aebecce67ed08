import LBTopCore
import Testing
@testable import LBTopUI

@Suite struct AppStateTests {
    let rows: [RowID] = (1...30).map { .server(ServerID(target: TargetID("t"), backend: "app", server: "s\($0)")) }
    var frame: AppState.Frame { AppState.Frame(rows: rows, pageSize: 10, sortKeys: [.name, .state, .latency], visibleFiringAlertIDs: ["x", "y"]) }

    @Test func tabCyclesViewsAndNumbersJump() {
        var state = AppState()
        _ = state.reduce(.nextView, frame: frame)
        #expect(state.view == .traffic)
        _ = state.reduce(.nextView, frame: frame)
        _ = state.reduce(.nextView, frame: frame)
        #expect(state.view == .servers)
        _ = state.reduce(.previousView, frame: frame)
        #expect(state.view == .alerts)
        _ = state.reduce(.showView(.traffic), frame: frame)
        #expect(state.view == .traffic)
        var withLogs = frame
        withLogs.hasLogs = true
        _ = state.reduce(.showView(.alerts), frame: withLogs)
        _ = state.reduce(.nextView, frame: withLogs)
        #expect(state.view == .requests)
        _ = state.reduce(.nextView, frame: withLogs)
        #expect(state.view == .servers)
        _ = state.reduce(.previousView, frame: withLogs)
        #expect(state.view == .requests)
    }

    @Test func selectionMovesByRowAndPageAndScrolls() {
        var state = AppState()
        _ = state.reduce(.moveDown, frame: frame)
        #expect(state.selection.selected == rows[1])
        _ = state.reduce(.pageDown, frame: frame)
        #expect(state.selection.selectedIndex == 11)
        #expect(state.selection.offset == 2)
        _ = state.reduce(.moveToBottom, frame: frame)
        #expect(state.selection.selected == rows[29] && state.selection.offset == 20)
        _ = state.reduce(.pageUp, frame: frame)
        #expect(state.selection.selectedIndex == 19 && state.selection.offset == 19)
        _ = state.reduce(.moveToTop, frame: frame)
        #expect(state.selection.selected == rows[0] && state.selection.offset == 0)
        _ = state.reduce(.moveUp, frame: frame)
        #expect(state.selection.selected == rows[0])
    }

    @Test func selectionFollowsTheRowNotTheIndex() {
        var selection = TableSelection()
        selection.move(by: 5, rows: rows, pageSize: 10)
        #expect(selection.selected == rows[5])
        selection.settle(rows: Array(rows.dropFirst(3)), pageSize: 10)
        #expect(selection.selected == rows[5] && selection.selectedIndex == 2)
        selection.settle(rows: [rows[0], rows[1]], pageSize: 10)
        #expect(selection.selected == rows[1])
        selection.settle(rows: [], pageSize: 10)
        #expect(selection.selected == nil)
    }

    @Test func filterLineTakesTextAndEscRestoresThePreviousFilter() {
        var state = AppState()
        let map = KeyMap.standard
        _ = state.handle(key: .character("/"), keyMap: map, frame: frame)
        for c in "app q" { _ = state.handle(key: .character(c), keyMap: map, frame: frame) }
        #expect(state.filter == "app q" && state.isEditingFilter)
        _ = state.handle(key: .backspace, keyMap: map, frame: frame)
        _ = state.handle(key: .enter, keyMap: map, frame: frame)
        #expect(state.filter == "app " && !state.isEditingFilter)
        _ = state.handle(key: .character("/"), keyMap: map, frame: frame)
        _ = state.handle(key: .character("z"), keyMap: map, frame: frame)
        _ = state.handle(key: .escape, keyMap: map, frame: frame)
        #expect(state.filter == "app ")
        _ = state.handle(key: .escape, keyMap: map, frame: frame)
        #expect(state.filter == "")
    }

    @Test func escClosesDetailBeforeClearingTheFilter() {
        var state = AppState()
        state.filter = "app"
        _ = state.reduce(.openDetail, frame: frame)
        #expect(state.detail == rows[0])
        _ = state.reduce(.back, frame: frame)
        #expect(state.detail == nil && state.filter == "app")
        _ = state.reduce(.back, frame: frame)
        #expect(state.filter == "")
        #expect(state.reduce(.back, frame: frame) == [])
    }

    @Test func helpClosesOnAnyKeyButQuitStillQuits() {
        var state = AppState()
        _ = state.handle(key: .character("?"), keyMap: .standard, frame: frame)
        #expect(state.showHelp)
        _ = state.handle(key: .character("j"), keyMap: .standard, frame: frame)
        #expect(!state.showHelp && state.selection.selected == nil)
        _ = state.handle(key: .character("?"), keyMap: .standard, frame: frame)
        #expect(state.handle(key: .character("q"), keyMap: .standard, frame: frame) == [.quit])
    }

    @Test func sortCyclesColumnsThenNaturalOrder() {
        var state = AppState()
        var seen: [ColumnSort?] = []
        for _ in 0..<4 { _ = state.reduce(.cycleSort, frame: frame); seen.append(state.sorts[.servers]) }
        #expect(seen == [ColumnSort(.name), ColumnSort(.state, descending: true), ColumnSort(.latency, descending: true), nil])
    }

    @Test func acknowledgeEffects() {
        var state = AppState()
        #expect(state.reduce(.acknowledgeAllVisible, frame: frame) == [.acknowledge(["x", "y"]), .redraw])
        #expect(state.message == "acknowledged 2 alerts")
        // outside the alerts view, `a` takes the newest firing alert (the one the strip shows)
        #expect(state.reduce(.acknowledgeSelected, frame: frame) == [.acknowledge(["x"]), .redraw])
        _ = state.reduce(.showView(.alerts), frame: frame)
        state.selection = TableSelection(selected: .alert("y"), selectedIndex: 1)
        #expect(state.reduce(.acknowledgeSelected, frame: frame) == [.acknowledge(["y"]), .redraw])
        state.selection = TableSelection(selected: .alert("resolved-one"))
        #expect(state.reduce(.acknowledgeSelected, frame: frame) == [.redraw])
        #expect(state.message == "no firing alert selected")
    }

    @Test func themeCyclesAndWraps() {
        var state = AppState(themeIndex: 0, themeCount: 3)
        #expect(state.reduce(.cycleTheme, frame: frame) == [.applyTheme(1), .redraw])
        _ = state.reduce(.cycleTheme, frame: frame)
        #expect(state.reduce(.cycleTheme, frame: frame) == [.applyTheme(0), .redraw])
    }
}
