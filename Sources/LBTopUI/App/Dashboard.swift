import LBTopCore

/// Choices for the interactive dashboard that come from the command line or config.
public struct DashboardOptions: Sendable {
    /// Theme name or path; nil = configured or default.
    public var theme: String?
    /// Force ASCII glyphs for graphs, bars and boxes.
    public var ascii: Bool
    /// Ring the terminal bell on a new critical alert.
    public var bell: Bool
    /// Called with the theme name when the user switches theme with `t`, so the choice can be
    /// saved in the config.
    public var persistTheme: (@Sendable (String) -> Void)?
    /// What draws the frames; nil = `DashboardFrame`, the standard views.
    public var renderer: (any FrameRendering)?
    /// The recording being replayed (`lbtop replay`): replay keys, position bar, recorded clock.
    public var replay: ReplayFeed?

    public init(theme: String? = nil, ascii: Bool = false, bell: Bool = false,
                persistTheme: (@Sendable (String) -> Void)? = nil, renderer: (any FrameRendering)? = nil,
                replay: ReplayFeed? = nil) {
        self.theme = theme; self.ascii = ascii; self.bell = bell
        self.persistTheme = persistTheme; self.renderer = renderer; self.replay = replay
    }
}

/// Entry point of the terminal UI.
public enum Dashboard {
    /// Runs the interactive dashboard on the terminal until the user quits; restores the terminal
    /// on every way out (quit, SIGINT, SIGTERM, SIGHUP, a thrown error, a crash). A termination
    /// signal is re-raised after the terminal is restored, so the exit status tells it.
    public static func run(feed: any DashboardFeed, options: DashboardOptions) async throws {
        try await TerminalSession.run(feed: feed, options: options)
    }
}
