/// What every log input together said: all requests over the window (the requests view) and the
/// latest server events, oldest first.
public struct LogOverview: Sendable {
    public var all: LogFigures?
    public var events: [LogTimedEvent]
    public init(all: LogFigures? = nil, events: [LogTimedEvent] = []) { self.all = all; self.events = events }
}

/// One log input's traffic: lines received in total and per second over the last poll.
public struct LogInputFigures: Sendable, Equatable {
    public var lines: Int
    public var linesPerSecond: Double?
    /// Lines dropped because they came faster than lbtop takes them.
    public var dropped: Int
    /// Formats seen (`haproxy-httplog`, `nginx`…), in the order first seen.
    public var formats: [String]
    public init(lines: Int = 0, linesPerSecond: Double? = nil, dropped: Int = 0, formats: [String] = []) {
        self.lines = lines; self.linesPerSecond = linesPerSecond; self.dropped = dropped; self.formats = formats
    }
}
