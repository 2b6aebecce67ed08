/// A server that was in its backend and is not any more (`del server`, a scale-in, a DNS record
/// gone), kept for the window so it is listed with when it went instead of vanishing.
public struct GoneServer: Sendable, Equatable {
    public var id: ServerID
    /// Its state at its last poll (`MAINT` after `del server`, which needs it).
    public var lastState: ServerState
    /// Seconds since the first poll that no longer listed it.
    public var secondsAgo: Double

    public init(id: ServerID, lastState: ServerState, secondsAgo: Double) {
        self.id = id; self.lastState = lastState; self.secondsAgo = secondsAgo
    }
}

/// How long a server that appeared stays marked new, and the window `flapping` counts changes in.
public enum ServerChurn {
    public static let newForSeconds = 180.0
    public static let flapWindowSeconds = 300.0
}
