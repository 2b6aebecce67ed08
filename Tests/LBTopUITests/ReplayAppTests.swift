import Foundation
import LBTopCore
import Testing
@testable import LBTopUI

/// `lbtop replay`'s dashboard: the replay key map, the recording's clock in the header and the
/// position bar on the bottom line.
@Suite struct ReplayAppTests {
    static func makeApp(width: Int = 80) -> App {
        var app = App(renderer: DashboardFrame(), keyMap: .replay, themeNames: ["default"],
                      size: TerminalSize(width: width, height: 24), snapshot: ViewFixtures.incident(),
                      now: Date(timeIntervalSince1970: 1_764_000_000))
        app.clockZone = .utc
        return app
    }

    static let status = ReplayStatus(isPlaying: false, speed: 5, start: Date(timeIntervalSince1970: 1_763_985_600),
                                     end: Date(timeIntervalSince1970: 1_763_987_400),
                                     position: Date(timeIntervalSince1970: 1_763_986_500))

    @Test func replayKeysAskTheFeedToMoveAndAcknowledgingDoesNothing() {
        var app = Self.makeApp()
        #expect(app.handle(.key(.character("]"))) == [.replay(.nextEvent)])
        #expect(app.handle(.key(.character("["))) == [.replay(.previousEvent)])
        #expect(app.handle(.key(.character(" "))) == [.replay(.playPause)])
        #expect(app.handle(.key(.left)) == [.replay(.stepBack)])
        #expect(app.handle(.key(.right)) == [.replay(.stepForward)])
        #expect(app.handle(.key(.character("<"))) == [.replay(.minuteBack)])
        #expect(app.handle(.key(.character(">"))) == [.replay(.minuteForward)])
        #expect(app.handle(.key(.character("+"))) == [.replay(.faster)])
        #expect(app.handle(.key(.character("-"))) == [.replay(.slower)])
        _ = app.handle(.key(.character("3")))
        #expect(app.handle(.key(.character("a"))) == [])
        #expect(app.handle(.key(.character("p"))) == [])
    }

    @Test func theHeaderShowsTheRecordingsClockAndTheBottomLineItsPosition() {
        var app = Self.makeApp()
        #expect(app.handle(.replay(Self.status)) == [.redraw])
        var snapshot = ViewFixtures.incident()
        snapshot.time = Self.status.position
        #expect(app.handle(.snapshot(snapshot)) == [.redraw])
        // A tick of the wall clock changes nothing: the clock is the recording's.
        #expect(app.handle(.tick(Date(timeIntervalSince1970: 1_764_000_100))) == [])
        // Seeking back moves the clock back.
        var earlier = snapshot
        earlier.time = Self.status.start
        _ = app.handle(.snapshot(earlier))
        _ = app.handle(.snapshot(snapshot))
        var screen = InMemoryScreen(width: 80, height: 24)
        app.render(on: &screen)
        #expect(screen.lines[0].hasSuffix("12:15:00"))
        // Half way: 12 of the bar's 24 cells before the marker; key hints take what is left.
        #expect(screen.lines[23] == "‖ x5  12:00:00 ━━━━━━━━━━━━●─────────── 12:30:00  Space play · ] event · Tab vie")
    }
}
