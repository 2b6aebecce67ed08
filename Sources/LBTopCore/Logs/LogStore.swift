import DequeModule

/// The store's part for request logs: parses each batch, keeps the aggregates, and joins them to
/// the stats rows of a snapshot (HAProxy by backend/server names, nginx by upstream block and
/// server address). A log row no stats endpoint has becomes a backend or server of its own, so
/// nginx alone still gives shares, 5xx and latency.
struct LogStore: Sendable {
    private var aggregator: LogAggregator
    private var inputs: [TargetID: LogInputFigures] = [:]
    private var lastBatchAt: [TargetID: Double] = [:]
    /// When the first batch of any input arrived: the window covers what came after.
    private var start: Double?

    /// False when no snapshot will read the window's figures (the report): requests are counted,
    /// not folded into the window; server events are kept all the same.
    private let foldsRequests: Bool

    init(window: Double, foldsRequests: Bool = true) {
        aggregator = LogAggregator(window: window)
        self.foldsRequests = foldsRequests
    }

    var hasInputs: Bool { !inputs.isEmpty }

    /// `folding` false: the batch's requests are counted, not folded into the window.
    mutating func ingest(_ batch: LogBatch, from input: TargetID, at time: Double, status: inout TargetStatus, folding: Bool = true) {
        let folds = foldsRequests && folding
        var figures = inputs[input] ?? LogInputFigures()
        var skipped = 0
        var formats = figures.formats
        batch.forEachLine { bytes, range in
            switch LogLineParser.parse(bytes, range) {
            case .request(let request):
                if folds { aggregator.record(request, origin: input, at: time) }
                if formats.last != request.format.rawValue, !formats.contains(request.format.rawValue) {
                    formats.append(request.format.rawValue)
                }
            case .event(let event):
                aggregator.record(event, origin: input, at: time)
            case .malformed:
                skipped += 1
            }
        }
        figures.lines += batch.lineCount
        figures.dropped += batch.droppedLines
        figures.formats = formats
        if let previous = lastBatchAt[input], time > previous {
            figures.linesPerSecond = Double(batch.lineCount) / (time - previous)
        }
        lastBatchAt[input] = time
        if start == nil { start = time }
        inputs[input] = figures
        status.skippedLines += skipped
        status.log = figures
        status.format = formats.joined(separator: ",").nilIfEmpty
    }

    /// - Parameter polledAt: when each stats target last answered; a server event that came after
    ///   it sets the server's (or backend's) state until the next poll says otherwise.
    /// - Parameter figures: false for the server events alone.
    func join(into snapshot: inout Snapshot, now: Double, polledAt: [TargetID: Double] = [:], figures: Bool = true) {
        let since = start ?? now
        applyEvents(to: &snapshot, polledAt: polledAt)
        guard figures else { return }
        var serverFigures: [LogAggregator.ServerKey: (LogFigures, TargetID)] = [:]
        for (key, row) in aggregator.servers {
            if let figures = row.window.figures(now: now, since: since) { serverFigures[key] = (figures, row.origin) }
        }
        var joined = Set<LogAggregator.ServerKey>()
        for index in snapshot.servers.indices {
            let id = snapshot.servers[index].id
            var key = LogAggregator.ServerKey(backend: id.backend, server: id.server)
            if serverFigures[key] == nil, let address = snapshot.servers[index].address {
                key.server = address
            }
            guard let figures = serverFigures[key]?.0 else { continue }
            joined.insert(key)
            snapshot.servers[index].log = figures
            if snapshot.servers[index].errorRate == nil {
                snapshot.servers[index].errorRate = Double(figures.statusClasses.r5xx) / figures.windowSeconds
            }
        }
        var backendFigures: [String: LogFigures] = [:]
        for (name, row) in aggregator.backends {
            if let figures = row.window.figures(now: now, since: since) { backendFigures[name] = figures }
        }
        for index in snapshot.backends.indices {
            snapshot.backends[index].log = backendFigures.removeValue(forKey: snapshot.backends[index].id.proxy)
            snapshot.backends[index].takeCache(from: snapshot.backends[index].log)
        }
        for index in snapshot.frontends.indices {
            snapshot.frontends[index].log = aggregator.frontends[snapshot.frontends[index].id.proxy]?.window.figures(now: now, since: since)
            snapshot.frontends[index].takeCache(from: snapshot.frontends[index].log)
        }
        addLogOnlyRows(to: &snapshot, servers: serverFigures.filter { !joined.contains($0.key) }, backends: backendFigures)
        snapshot.logs = LogOverview(all: aggregator.all.figures(now: now, since: since), events: Array(aggregator.events))
        for index in snapshot.targets.indices {
            if let figures = inputs[snapshot.targets[index].id] { snapshot.targets[index].log = figures }
        }
    }

    /// HAProxy says a server went down or up seconds before the next stats poll would.
    private func applyEvents(to snapshot: inout Snapshot, polledAt: [TargetID: Double]) {
        // An event applies only when newer than its server's last poll: usually none is.
        let oldestPoll = polledAt.values.min() ?? -.infinity
        guard aggregator.events.contains(where: { $0.at > oldestPoll }) else { return }
        var latest: [LogAggregator.ServerKey: LogTimedEvent] = [:]
        var backendsDown: [String: Double] = [:]
        for timed in aggregator.events {
            guard let backend = timed.event.backend else { continue }
            if timed.event.kind == .backendDown { backendsDown[backend] = timed.at }
            if let server = timed.event.server, timed.event.kind != .other {
                latest[LogAggregator.ServerKey(backend: backend, server: server)] = timed
            }
        }
        for index in snapshot.servers.indices {
            let id = snapshot.servers[index].id
            guard let timed = latest[LogAggregator.ServerKey(backend: id.backend, server: id.server)],
                  timed.at > polledAt[id.target] ?? -.infinity else { continue }
            switch timed.event.kind {
            case .serverDown: snapshot.servers[index].state = ServerState(kind: .down)
            case .serverMaintenance: snapshot.servers[index].state = ServerState(kind: .maint)
            case .serverUp: snapshot.servers[index].state = ServerState(kind: .up)
            case .backendDown, .other: break
            }
        }
        for index in snapshot.backends.indices {
            let id = snapshot.backends[index].id
            if let at = backendsDown[id.proxy], at > polledAt[id.target] ?? -.infinity {
                snapshot.backends[index].status = "DOWN"
            }
        }
    }

    /// Backends and servers only the log knows (nginx upstreams), with rates and shares over the
    /// log window.
    private func addLogOnlyRows(to snapshot: inout Snapshot, servers: [LogAggregator.ServerKey: (LogFigures, TargetID)],
                                backends: [String: LogFigures]) {
        // A log server of a backend the stats have is one they do not list: not shown as a row.
        let statsBackends = Set(snapshot.backends.map(\.id.proxy))
        let byBackend = Dictionary(grouping: servers.filter { !statsBackends.contains($0.key.backend) }, by: { $0.key.backend })
        for name in Set(byBackend.keys).union(backends.keys).sorted() {
            let members = (byBackend[name] ?? []).sorted { $0.key.server < $1.key.server }
            let origin = members.first?.value.1 ?? aggregator.backends[name]?.origin ?? TargetID("log")
            let backendID = ProxyID(target: origin, proxy: name)
            let total = members.reduce(0) { $0 + $1.value.0.requests }
            var ids: [ServerID] = []
            for member in members {
                let figures = member.value.0
                let id = ServerID(target: origin, backend: name, server: member.key.server)
                ids.append(id)
                var server = ServerSnapshot(id: id, state: ServerState(kind: .unknown, detail: "log"),
                                            address: member.key.server.contains(":") ? member.key.server : nil)
                server.requestRate = figures.requestRate
                server.share = total > 0 ? Double(figures.requests) / Double(total) : nil
                server.responseRates = ResponseRates(figures.statusClasses, seconds: figures.windowSeconds)
                server.errorRate = Double(figures.statusClasses.r5xx) / figures.windowSeconds
                server.log = figures
                snapshot.servers.append(server)
            }
            var backend = ProxySnapshot(id: backendID, kind: .backend, status: "LOG", servers: ids)
            if let figures = backends[name] {
                backend.log = figures
                backend.requestRate = figures.requestRate
                backend.responseRates = ResponseRates(figures.statusClasses, seconds: figures.windowSeconds)
                backend.errorRatio = figures.requests > 0 ? Double(figures.statusClasses.r5xx) / Double(figures.requests) : nil
                backend.takeCache(from: figures)
            }
            snapshot.backends.append(backend)
        }
    }
}

extension ResponseRates {
    /// Per-second rates from the log's counts over `seconds`.
    init(_ classes: LogStatusClasses, seconds: Double) {
        let span = max(seconds, 0.001)
        self.init()
        r1xx = Double(classes.r1xx) / span; r2xx = Double(classes.r2xx) / span
        r3xx = Double(classes.r3xx) / span; r4xx = Double(classes.r4xx) / span
        r5xx = Double(classes.r5xx) / span; other = Double(classes.other) / span
    }
}

extension ProxySnapshot {
    /// nginx's cache as its log tells it (`$upstream_cache_status` over the log window), where the
    /// stats say nothing of a cache here.
    mutating func takeCache(from figures: LogFigures?) {
        guard cacheLookupRate == nil, let figures, figures.cacheLookups > 0 else { return }
        cacheHitRatio = figures.cacheHitRatio
        cacheLookupRate = Double(figures.cacheLookups) / max(figures.windowSeconds, 0.001)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
