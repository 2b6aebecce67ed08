import Foundation
import LBTopCore
import Testing
@testable import LBTopUI

/// The app fed scripted events and drawn into an in-memory screen: the whole loop without a
/// terminal, on the real frame (header, strip, views, footer) and the incident fixture.
@Suite struct AppTests {
    static func render(_ app: App) -> InMemoryScreen {
        var screen = InMemoryScreen(width: app.size.width, height: app.size.height)
        app.render(on: &screen)
        return screen
    }

    static func makeApp(width: Int = 80, height: Int = 24, glyphs: GlyphSet = .unicode,
                        snapshot: Snapshot = ViewFixtures.incident()) -> App {
        var app = App(renderer: DashboardFrame(), themeNames: ["default", "light"], glyphs: glyphs,
                      size: TerminalSize(width: width, height: height), snapshot: snapshot, now: snapshot.time)
        app.clockZone = .utc
        return app
    }

    static func server(_ backend: String, _ name: String) -> RowID {
        .server(ServerID(target: SnapshotBuilder.target, backend: backend, server: name))
    }

    @Test func firstFrameSelectsTheFirstRowAndShowsTheFooterFromTheKeyMap() {
        let app = Self.makeApp()
        #expect(app.state.selection.selected == Self.server("app", "app1"))
        let screen = Self.render(app)
        #expect(screen.lines[23] == "Tab view  Enter detail  a ack  / filter  s sort  p pause  ? help  q quit        ")
        #expect(screen.lines[0].hasPrefix("lbtop · 6 servers 4 up 1 down 1 out"))
    }

    @Test func aTickRedrawsOnlyWhenNoNewDataWasDrawnWithinTheSecond() {
        var app = Self.makeApp()
        let start = app.now
        var next = ViewFixtures.incident()
        next.time = start.addingTimeInterval(1)
        #expect(app.handle(.snapshot(next)) == [.redraw])
        #expect(app.now == next.time)
        // The clock already moved with the data: a tick half a second later draws nothing.
        #expect(app.handle(.tick(start.addingTimeInterval(1.5))) == [])
        #expect(app.now == next.time)
        // No data for a whole second (paused, stale): the tick moves the clock.
        #expect(app.handle(.tick(start.addingTimeInterval(2.1))) == [.redraw])
        #expect(app.now == start.addingTimeInterval(2.1))
    }

    @Test func keysSwitchViewsAndMoveTheSelection() {
        var app = Self.makeApp()
        #expect(app.handle(.key(.character("j"))) == [.redraw])
        #expect(app.state.selection.selected == Self.server("app", "app2"))
        _ = app.handle(.key(.tab))
        #expect(app.state.view == .traffic)
        #expect(app.state.selection.selected == app.frame.rows.first)
        _ = app.handle(.key(.character("3")))
        #expect(app.frame.rows.first.map { if case .alert = $0 { true } else { false } } == true)
        _ = app.handle(.key(.character("1")))
        #expect(app.state.selection.selected == Self.server("app", "app2"))
    }

    @Test func enterOpensTheDetailOfTheSelectedRowAndEscCloses() {
        var app = Self.makeApp()
        _ = app.handle(.key(.enter))
        #expect(app.state.detail == Self.server("app", "app1"))
        #expect(app.frameState.detail == Self.server("app", "app1"))
        _ = app.handle(.key(.escape))
        #expect(app.state.detail == nil)
    }

    @Test func pauseFreezesTheShownSnapshotWhileNewOnesKeepArriving() {
        var app = Self.makeApp(width: 120, height: 30)
        _ = app.handle(.key(.character("p")))
        var later = ViewFixtures.incident()
        later.time = later.time.addingTimeInterval(5)
        later.servers[0].state = ServerState(kind: .down)
        #expect(app.handle(.snapshot(later)) == [])
        #expect(app.shown.servers[0].state.kind == .up)
        #expect(Self.render(app).lines[0].contains("PAUSED"))
        #expect(Self.render(app).lines[29].hasPrefix("PAUSED p resumes · polling goes on"))
        // at 80 columns the header has no room for PAUSED; the bottom line still says it
        var narrow = Self.makeApp()
        _ = narrow.handle(.key(.character("p")))
        #expect(Self.render(narrow).lines[23].hasPrefix("PAUSED p resumes"))
        _ = app.handle(.key(.character("p")))
        #expect(app.shown.servers[0].state.kind == .down)
        #expect(!Self.render(app).lines[0].contains("PAUSED"))
    }

    @Test func aSnapshotThatDidNotChangeDoesNotRedraw() {
        var app = Self.makeApp()
        var same = ViewFixtures.incident()
        #expect(app.handle(.snapshot(same)) == [])
        same.time = same.time.addingTimeInterval(1)
        #expect(app.handle(.snapshot(same)) == [.redraw])
    }

    @Test func aSortedViewIsOrderedAgainForEachNewSnapshotAndKeepsItsOrderBetween() {
        var app = Self.makeApp()
        for _ in 0..<3 { _ = app.handle(.key(.character("s"))) }   // name, state, req/s
        #expect(app.state.sorts[.servers] == ColumnSort(.requestRate, descending: true))
        #expect(app.frame.rows.first == Self.server("app", "app1"))
        // Between snapshots the rows stay as ordered, and the frame draws them in that order.
        _ = app.handle(.key(.character("j")))
        #expect(app.frame.rows.first == Self.server("app", "app1"))
        // A new snapshot where api1 takes the most: ordered again.
        var next = ViewFixtures.incident()
        next.time = next.time.addingTimeInterval(1)
        let api1 = next.servers.firstIndex { $0.id.server == "api1" }!
        next.servers[api1].requestRate = 5_000
        _ = app.handle(.snapshot(next))
        #expect(app.frame.rows.first == Self.server("api", "api1"))
        #expect(Self.render(app).lines[4].hasPrefix("api/api1 "))
    }

    @Test func filterNarrowsRowsAsTypedAndShowsTheInputLine() {
        var app = Self.makeApp()
        for key: Key in [.character("/"), .character("a"), .character("p"), .character("i")] { _ = app.handle(.key(key)) }
        #expect(app.frame.rows == [Self.server("api", "api1"), Self.server("api", "결제-서버-01"), Self.server("api", "api2")])
        #expect(app.state.selection.selected == Self.server("api", "api1"))
        #expect(Self.render(app).lines[23].hasPrefix("Filter: api_  Enter keeps · Esc cancels"))
        _ = app.handle(.key(.enter))
        #expect(Self.render(app).lines[23].hasSuffix("/api"))
    }

    @Test func sortCyclesTheViewsColumns() {
        var app = Self.makeApp()
        _ = app.handle(.key(.character("s")))
        #expect(app.state.sorts[.servers] == ColumnSort(.name))
        _ = app.handle(.key(.character("s")))
        #expect(app.state.sorts[.servers] == ColumnSort(.state, descending: true))
        for _ in 2..<ServersView.sortKeys.count { _ = app.handle(.key(.character("s"))) }
        #expect(app.state.sorts[.servers] != nil)
        _ = app.handle(.key(.character("s")))
        #expect(app.state.sorts[.servers] == nil)
    }

    @Test func acknowledgeSendsTheSelectedFiringAlert() {
        var app = Self.makeApp()
        _ = app.handle(.key(.character("3")))
        let firstAlert = app.state.selection.selected
        guard case .alert(let id)? = firstAlert else { Issue.record("no alert selected"); return }
        let effects = app.handle(.key(.character("a")))
        let firing = app.shown.alerts.first { $0.id == id }!.state == .firing
        #expect(effects == (firing ? [.acknowledge([id]), .redraw] : [.redraw]))
        let all = app.handle(.key(.character("A")))
        let expected = app.shown.alerts.filter { $0.state == .firing }.map(\.id)
        #expect(all == [.acknowledge(expected), .redraw] && expected.count == 2)
    }

    @Test func helpOverlayListsExactlyTheKeyMap() {
        var app = Self.makeApp(width: 80, height: KeyMap.standard.bindings.count + 6)
        _ = app.handle(.key(.character("?")))
        let screen = Self.render(app)
        let help = HelpView(keyMap: .standard, glyphs: .unicode)
        let keyWidth = help.entries.map { TextWidth.width(of: $0.keys) }.max()!
        guard let top = screen.lines.firstIndex(where: { $0.contains("┌─ Keys ") }) else {
            Issue.record("no help box:\n\(screen.lines.joined(separator: "\n"))"); return
        }
        let line = screen.lines[top]
        let left = line.distance(from: line.startIndex, to: line.firstIndex(of: "┌")!)
        let right = line.distance(from: line.startIndex, to: line.firstIndex(of: "┐")!)
        var listed: [String] = []
        for row in (top + 1)..<(top + 1 + KeyMap.standard.bindings.count) {
            listed.append((left + 2..<right - 1).map { screen[$0, row].text }.joined().trimmingCharacters(in: .whitespaces))
        }
        let expected = KeyMap.standard.bindings.map {
            (TextWidth.pad($0.keyLabel(), to: keyWidth) + "  " + $0.summary).trimmingCharacters(in: .whitespaces)
        }
        #expect(listed == expected)
        #expect(screen.lines[top + 2 + KeyMap.standard.bindings.count].contains(help.closeHint))
        _ = app.handle(.key(.character("x")))
        #expect(!Self.render(app).lines.contains { $0.contains("┌─ Keys ") })
    }

    @Test func belowTheMinimumSizeOneLineSaysSoAndNothingElse() {
        var app = Self.makeApp(width: 30, height: 6)
        let blank = String(repeating: " ", count: 30)
        #expect(Self.render(app).lines == [blank, blank, blank, "Too small: 30x6 < 40x10".centered(30), blank, blank])
        _ = app.handle(.resize(TerminalSize(width: 20, height: 6)))
        #expect(Self.render(app).lines[3] == "20x6<40x10".centered(20))
        _ = app.handle(.resize(TerminalSize(width: 40, height: 10)))
        #expect(Self.render(app).lines[0].hasPrefix("lbtop"))
        _ = app.handle(.resize(TerminalSize(width: 120, height: 40)))
        let big = Self.render(app)
        #expect(big.lines.count == 40 && big.lines[0].hasPrefix("lbtop") && big.lines[39].hasPrefix("Tab view"))
    }

    @Test func asciiFrameWithHelpHasNoNonASCIICell() {
        var snapshot = ViewFixtures.incident()
        // names from the network are the views' to escape; keep this frame's data ASCII
        snapshot.servers.removeAll { !$0.id.server.unicodeScalars.allSatisfy(\.isASCII) }
        for view: Key in [.character("1"), .character("2"), .character("3")] {
            var app = Self.makeApp(width: 100, height: 30, glyphs: .ascii, snapshot: snapshot)
            _ = app.handle(.key(view))
            for overlay in [false, true] {
                if overlay { _ = app.handle(.key(.character("?"))) }
                let screen = Self.render(app)
                let offending = screen.cells.filter { !$0.text.unicodeScalars.allSatisfy(\.isASCII) }
                #expect(offending.isEmpty, "\(view) help=\(overlay): \(Set(offending.map(\.text)))")
            }
        }
    }

    @Test func bellRingsOncePerNewCriticalAlertWhenEnabled() {
        var app = Self.makeApp(snapshot: Snapshot(time: SnapshotBuilder.time))
        _ = app.handle(.key(.character("b")))
        func snapshot(_ at: Double, _ ids: [String]) -> Snapshot {
            Snapshot(time: SnapshotBuilder.time.addingTimeInterval(at), alerts: ids.map {
                Alert(id: $0, rule: "server-down", severity: .critical, state: .firing, subject: $0,
                      message: $0, since: SnapshotBuilder.time, changedAt: SnapshotBuilder.time)
            })
        }
        #expect(app.handle(.snapshot(snapshot(1, ["a"]))) == [.bell, .redraw])
        #expect(app.handle(.snapshot(snapshot(2, ["a"]))) == [.redraw])
        #expect(app.handle(.snapshot(snapshot(3, ["a", "b"]))) == [.bell, .redraw])
    }
}

extension String {
    func centered(_ width: Int) -> String {
        let left = (width - TextWidth.width(of: self)) / 2
        return TextWidth.pad(String(repeating: " ", count: max(0, left)) + self, to: width)
    }
}
