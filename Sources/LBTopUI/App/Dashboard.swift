import LBTopCore

/// Choices for the interactive dashboard that come from the command line or config.
public struct DashboardOptions: Sendable {
    /// Theme name or path; nil = configured or default.
    public var theme: String?
    /// Force ASCII glyphs for graphs, bars and boxes.
    public var ascii: Bool
    /// Ring the terminal bell on a new critical alert.
    public var bell: Bool
    public init(theme: String? = nil, ascii: Bool = false, bell: Bool = false) {
        self.theme = theme; self.ascii = ascii; self.bell = bell
    }
}

/// Entry point of the terminal UI. (Stub: replaced by the app loop.)
public enum Dashboard {
    /// Runs the interactive dashboard on the terminal until the user quits; restores the terminal
    /// on every way out.
    public static func run(feed: any DashboardFeed, options: DashboardOptions) async throws {}
}
