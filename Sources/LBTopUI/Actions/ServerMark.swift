import Foundation
import LBTopCore

/// How a server row is flagged by the actions under way.
public enum ServerMark: Hashable, Sendable {
    /// Marked with `space`: the next action covers it.
    case marked
    /// Sent and accepted; the polls do not show the new state yet.
    case pending
    /// Sent and accepted, but three polls later its state is still not what was asked.
    case unchanged
}

/// An accepted action waiting for the polls to show it.
struct PendingAction: Sendable {
    var command: ServerCommand
    /// The weight HAProxy reported right after the command.
    var weightAfter: Int?
    /// Polls seen since it was accepted, and the time of the last one counted.
    var polls = 0
    var lastPoll: Date
    var gaveUp = false

    /// Polls after which a server that has not changed is called out.
    static let patience = 3
}
