import DequeModule

/// Every request line received, folded into one `LogWindow` per server, backend and frontend (and
/// one for all requests), plus the latest server events. Bounded: at most `maximumRows` rows of
/// each kind (rows idle for two windows are dropped first), `eventCapacity` events.
struct LogAggregator: Sendable {
    struct ServerKey: Hashable, Sendable {
        var backend: String
        var server: String
    }

    struct Row: Sendable {
        var window: LogWindow
        /// The log input that first reported it (names the row when no stats endpoint has it).
        var origin: TargetID
        var lastSeen: Double
    }

    static let maximumRows = 4096
    static let eventCapacity = 64

    let windowSeconds: Double
    private(set) var servers: [ServerKey: Row] = [:]
    private(set) var backends: [String: Row] = [:]
    private(set) var frontends: [String: Row] = [:]
    private(set) var all: LogWindow
    private(set) var events: Deque<LogTimedEvent> = []

    init(window: Double) {
        windowSeconds = window
        all = LogWindow(window: window)
    }

    mutating func record(_ request: LogRequest, origin: TargetID, at time: Double) {
        let keys = LogLineKeys(request)
        all.record(request, keys: keys, serverMs: request.serverMs, status: request.status, at: time)
        if let frontend = request.frontend {
            Self.record(request, keys: keys, serverMs: request.serverMs, status: request.status, key: frontend,
                        in: &frontends, origin: origin, at: time, window: windowSeconds)
        }
        // HAProxy names the frontend in the backend's place for a request that never parsed.
        guard let backend = request.backend, !(request.server == nil && backend == request.frontend) else { return }
        Self.record(request, keys: keys, serverMs: request.serverMs, status: request.status, key: backend,
                    in: &backends, origin: origin, at: time, window: windowSeconds)
        if request.tries.isEmpty {
            if let server = request.server {
                Self.record(request, keys: keys, serverMs: request.serverMs, status: request.status,
                            key: ServerKey(backend: backend, server: server), in: &servers, origin: origin,
                            at: time, window: windowSeconds)
            }
            return
        }
        // nginx: each try reached its own server, with its own status and time.
        for (index, attempt) in request.tries.enumerated() where attempt.address != backend || attempt.address.contains(":") {
            var single = request
            single.retries = index == request.tries.count - 1 ? request.retries : 0
            Self.record(single, keys: keys, serverMs: attempt.responseMs,
                        status: attempt.status ?? (index == request.tries.count - 1 ? request.status : nil),
                        key: ServerKey(backend: backend, server: attempt.address), in: &servers, origin: origin,
                        at: time, window: windowSeconds)
        }
    }

    mutating func record(_ event: LogServerEvent, origin: TargetID, at time: Double) {
        if events.count == Self.eventCapacity { events.removeFirst() }
        events.append(LogTimedEvent(event: event, origin: origin, at: time))
    }

    /// One lookup of the row's key: found, or made (when the table has room after dropping idle rows).
    private static func record<Key: Hashable>(_ request: LogRequest, keys: LogLineKeys, serverMs: Int?, status: Int?,
                                              key: Key, in rows: inout [Key: Row], origin: TargetID, at time: Double,
                                              window: Double) {
        var found = rows.index(forKey: key)
        if found == nil {
            if rows.count >= maximumRows {
                rows = rows.filter { time - $0.value.lastSeen < 2 * window }
                guard rows.count < maximumRows else { return }
            }
            rows[key] = Row(window: LogWindow(window: window), origin: origin, lastSeen: time)
            found = rows.index(forKey: key)
        }
        guard let index = found else { return }
        rows.values[index].window.record(request, keys: keys, serverMs: serverMs, status: status, at: time)
        rows.values[index].lastSeen = time
    }
}

/// A server event with when it arrived (monotonic seconds) and from which log input.
public struct LogTimedEvent: Sendable, Equatable {
    public var event: LogServerEvent
    public var origin: TargetID
    public var at: Double
}
