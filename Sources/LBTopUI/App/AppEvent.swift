import Foundation
import LBTopCore

/// Everything that can happen to the UI, merged into one stream with one consumer (bottom's
/// `BottomEvent`). The loop that consumes it is the only writer of `AppState`.
public enum AppEvent: Sendable {
    case key(Key)
    /// The terminal has a new size.
    case resize(TerminalSize)
    /// The frame clock: redraw clocks and ages.
    case tick(Date)
    /// A newer snapshot from the feed.
    case snapshot(Snapshot)
    /// Bytes are waiting on the terminal's input; the consumer reads them as `Key`s.
    case inputAvailable
    /// What the feed recorded for an action (one record per server).
    case actionsFinished([ActionRecord])
    /// Where a replay stands now (`lbtop replay`).
    case replay(ReplayStatus)
    /// SIGINT, SIGTERM or SIGHUP: restore the terminal and leave.
    case terminate(signal: Int32)
}
