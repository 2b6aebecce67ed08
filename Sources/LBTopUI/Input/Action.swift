import LBTopCore

/// The views the dashboard can show, in `Tab` order.
public enum ViewID: Int, Hashable, Sendable, CaseIterable {
    case servers = 1
    case traffic = 2
    case alerts = 3
    /// Only with `--log`: top paths, slowest requests, termination causes, top clients.
    case requests = 4

    public var title: String {
        switch self {
        case .servers: return "Servers"
        case .traffic: return "Traffic"
        case .alerts: return "Alerts"
        case .requests: return "Requests"
        }
    }
}

/// What a key asks for. `AppState.reduce` turns an action into state changes and effects.
public enum Action: Hashable, Sendable {
    case showView(ViewID)
    case nextView
    case previousView
    case moveUp
    case moveDown
    case pageUp
    case pageDown
    case moveToTop
    case moveToBottom
    /// Open the detail pane of the selected row.
    case openDetail
    /// Close the topmost thing: help, detail, filter; nothing else.
    case back
    case acknowledgeSelected
    case acknowledgeAllVisible
    /// Start typing a filter on the input line.
    case beginFilter
    case cycleSort
    case togglePause
    case cycleTheme
    case toggleBell
    case toggleHelp
    case quit
    /// Acting on servers (drain, weight, marking rows): handled by the `ActionController`.
    case serverAction(ServerActionKey)
    /// A replay key (`lbtop replay`): play/pause, step, seek, speed.
    case replay(ReplayControl)
}
