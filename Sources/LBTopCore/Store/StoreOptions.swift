/// How much history the store keeps. Memory is bounded by `capacity` series points per series.
public struct StoreOptions: Sendable, Equatable {
    /// Seconds between polls (the spacing of every series point).
    public var interval: Double
    /// Seconds of history to keep (default 15 minutes).
    public var window: Double
    /// Upper bound on points per series whatever the window and interval.
    public var maxPoints: Int
    /// Seconds of request log the percentiles, counts and top lists cover (default 60).
    public var logWindow: Double
    /// What the snapshots it will be asked for are built with: a store kept for the report
    /// (`.current`) records no series and folds no request into the log window, only what it reads.
    public var keeps: SnapshotContent

    public init(interval: Double = 1, window: Double = 900, maxPoints: Int = 3600, logWindow: Double = 60,
                keeps: SnapshotContent = .whole) {
        self.interval = interval
        self.window = window
        self.maxPoints = maxPoints
        self.logWindow = logWindow
        self.keeps = keeps
    }

    /// Points per series: window / interval, at least 2, at most `maxPoints`.
    public var capacity: Int {
        let points = Int((window / max(interval, 0.001)).rounded(.up))
        return min(max(2, maxPoints), max(2, points))
    }
}
