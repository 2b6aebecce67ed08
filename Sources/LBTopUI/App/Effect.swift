import LBTopCore

/// What the app loop must do after a state change (htop's `Htop_Reaction`).
public enum Effect: Hashable, Sendable {
    /// Draw a new frame.
    case redraw
    /// Restore the terminal and leave.
    case quit
    /// Send acknowledgements for these alert ids to the feed.
    case acknowledge([String])
    /// Switch to the theme at this index of the theme list.
    case applyTheme(Int)
    /// Ring the terminal bell.
    case bell
    /// Hand an action to the feed: sent when confirmed, else recorded as cancelled or refused.
    case performAction(ActionRequest, confirmed: Bool)
    /// Move a replay (`lbtop replay`).
    case replay(ReplayControl)
}
