/// What the store remembers about one server: the numbers and text of its latest row, its rates
/// over the last interval and the history window.
struct ServerTrack {
    /// The latest row's numeric columns: the next poll's rates start from them.
    private(set) var numbers: StatNumbers
    /// The latest row's `status` (`state` is it parsed, once per change).
    private var status: String
    var state: ServerState
    /// The server's identity and text as its snapshots share them, renewed when the text changes.
    private var text: ServerText
    var rates = RowRates.unknown
    var share: Double?
    var fairShare: Double?
    var isStale = false
    /// Some of its traffic came by persistence since lbtop started watching.
    var sawPersistence = false
    /// Monotonic time it appeared, when that was after lbtop's first poll of its balancer.
    var appearedAt: Double?
    /// Monotonic times its state kind changed (UP → DOWN…), the newest 16.
    var stateChanges: [Double] = []
    private var recordedKind: ServerState.Kind?
    /// `numbers` are the reading the track was made with, not a previous one: no rates from them.
    private var isNew = true
    var requestRate: SeriesBuffer
    var errorRate: SeriesBuffer
    var responseTime: SeriesBuffer
    var sessions: SeriesBuffer
    var shareHistory: SeriesBuffer

    init(row: StatRow, target: TargetID, capacity: Int) {
        numbers = row.statNumbers
        status = row.status
        state = row.serverState
        text = Self.text(of: row, target: target)
        requestRate = SeriesBuffer(capacity: capacity)
        errorRate = SeriesBuffer(capacity: capacity)
        responseTime = SeriesBuffer(capacity: capacity, keeping: .windowMeans)   // the latency baseline
        sessions = SeriesBuffer(capacity: capacity, keeping: .trendSums)         // the capacity forecast
        shareHistory = SeriesBuffer(capacity: capacity)
    }

    /// Takes this poll's row, `rows[index]` (read in place: a row holds a dozen strings), with its
    /// rates since the previous one over `seconds` (nil: not comparable, after a reset or on the
    /// first poll).
    mutating func update(from rows: [StatRow], at index: Int, ratesOver seconds: Double?) {
        rates = RowRates(previous: numbers, current: rows, at: index, seconds: isNew ? nil : seconds)
        if (rates.persistentShare ?? 0) > 0 { sawPersistence = true }
        if rows[index].status != status {
            status = rows[index].status
            state = ServerState(haproxyStatus: status)
        }
        if rows[index].checkStatus != text.checkStatus || rows[index].lastCheck != text.lastCheck
            || rows[index].address != text.address {
            text = ServerText(id: text.id, checkStatus: rows[index].checkStatus, lastCheck: rows[index].lastCheck,
                              address: rows[index].address)
        }
        numbers = rows[index].statNumbers
        isNew = false
        isStale = false
    }

    /// Notes a change of state at `time` and, when `series`, appends this poll's values (NaN
    /// where unknown).
    mutating func record(at time: Double, series: Bool = true) {
        if let recordedKind, recordedKind != state.kind {
            if stateChanges.count == 16 { stateChanges.removeFirst() }
            stateChanges.append(time)
        }
        recordedKind = state.kind
        guard series else { return }
        requestRate.append(rates.requests ?? .nan)
        errorRate.append(rates.errors ?? .nan)
        responseTime.append(numbers[.rtime].map(Double.init) ?? .nan)
        sessions.append(numbers[.scur].map(Double.init) ?? .nan)
        shareHistory.append(share ?? .nan)
    }

    /// A failed poll: a gap in every series.
    mutating func recordGap() {
        isStale = true
        rates = .unknown
        share = nil
        for keyPath in [\ServerTrack.requestRate, \.errorRate, \.responseTime, \.sessions, \.shareHistory] {
            self[keyPath: keyPath].append(.nan)
        }
    }

    /// The server's identity (its backend and name).
    var id: ServerID { text.id }

    private static func text(of row: StatRow, target: TargetID) -> ServerText {
        ServerText(id: ServerID(target: target, backend: row.proxy, server: row.name),
                   checkStatus: row.checkStatus, lastCheck: row.lastCheck, address: row.address)
    }

    /// The server now, with its series; or with `emptyHistory` in their place (the snapshots built
    /// without series share one per track).
    func snapshot(now: Double, emptyHistory: ServerHistory? = nil) -> ServerSnapshot {
        var snapshot = ServerSnapshot(
            text: text,
            state: state,
            weight: numbers[.weight].map(Int.init),
            isBackup: numbers[.bck] == 1,
            requestRate: rates.requests,
            share: share,
            fairShare: fairShare,
            persistentShare: rates.persistentShare,
            usesPersistence: sawPersistence,
            responseRates: rates.responses,
            errorRate: rates.errors,
            responseTimeMs: numbers[.rtime].map(Double.init),
            totalTimeMs: numbers[.ttime].map(Double.init),
            queueTimeMs: numbers[.qtime].map(Double.init),
            sessions: numbers[.scur].map(Int.init),
            sessionLimit: numbers[.slim].map(Int.init),
            queue: numbers[.qcur].map(Int.init),
            queueLimit: numbers[.qlimit].map(Int.init),
            checkFailureRate: rates.checkFailures,
            secondsSinceChange: numbers[.lastchg].map(Int.init),
            node: nil,
            isStale: isStale,
            history: emptyHistory ?? ServerHistory(requestRate: requestRate.series, errorRate: errorRate.series,
                                                   responseTimeMs: responseTime.series, sessions: sessions.series,
                                                   share: shareHistory.series)
        )
        if let appearedAt, now - appearedAt < ServerChurn.newForSeconds { snapshot.secondsSinceAppeared = max(0, now - appearedAt) }
        if let last = stateChanges.last, now - last < ServerChurn.flapWindowSeconds {
            snapshot.recentStateChanges = stateChanges.filter { now - $0 < ServerChurn.flapWindowSeconds }.count
        }
        return snapshot
    }
}

/// What the store remembers about one frontend or backend.
struct ProxyTrack {
    var row: StatRow
    var rates = RowRates.unknown
    var isStale = false
    /// HAProxy's cache was looked up here since lbtop started watching.
    var sawCacheLookups = false
    /// `row` is the reading the track was made with, not a previous one: no rates from it.
    private var isNew = true
    var requestRate: SeriesBuffer
    var errorRatio: SeriesBuffer
    var responseTime: SeriesBuffer
    /// Backends: servers each poll (free `server-template` slots left out).
    var serverCount: SeriesBuffer

    init(row: StatRow, capacity: Int) {
        self.row = row
        requestRate = SeriesBuffer(capacity: capacity, keeping: .trendSums)   // the forecast's growth
        errorRatio = SeriesBuffer(capacity: capacity)
        responseTime = SeriesBuffer(capacity: capacity)
        serverCount = SeriesBuffer(capacity: capacity)
    }

    /// Takes this poll's row, `rows[index]`, with its rates since the previous one (see
    /// `ServerTrack.update`).
    mutating func update(from rows: [StatRow], at index: Int, ratesOver seconds: Double?) {
        rates = RowRates(previous: row.statNumbers, current: rows, at: index, seconds: isNew ? nil : seconds)
        if (rows[index][.cacheLookups] ?? 0) > 0 { sawCacheLookups = true }
        row = rows[index]
        isNew = false
        isStale = false
    }

    /// Appends this poll's values; `servers`: a backend's server count (nil for a frontend).
    mutating func record(servers: Int?) {
        requestRate.append(rates.requests ?? .nan)
        errorRatio.append(rates.errorRatio ?? .nan)
        responseTime.append(row[.rtime].map(Double.init) ?? .nan)
        if let servers { serverCount.append(Double(servers)) }
    }

    mutating func recordGap() {
        isStale = true
        rates = .unknown
        requestRate.append(.nan)
        errorRatio.append(.nan)
        responseTime.append(.nan)
        if row.kind == .backend { serverCount.append(.nan) }
    }

    func snapshot(target: TargetID, servers: [ServerID], freeSlots: Int = 0, history: Bool = true) -> ProxySnapshot {
        var snapshot = ProxySnapshot(
            id: ProxyID(target: target, proxy: row.proxy),
            kind: row.kind == .frontend ? .frontend : .backend,
            status: row.status,
            mode: row.mode,
            algorithm: row.algorithm,
            persistenceCookie: row.kind == .backend ? row.cookie.flatMap { $0.isEmpty ? nil : $0 } : nil,
            requestRate: rates.requests,
            responseRates: rates.responses,
            errorRatio: rates.errorRatio,
            cacheHitRatio: sawCacheLookups ? rates.cacheHitRatio : nil,
            cacheLookupRate: sawCacheLookups ? rates.cacheLookups : nil,
            responseTimeMs: row[.rtime].map(Double.init),
            totalTimeMs: row[.ttime].map(Double.init),
            sessions: row[.scur].map(Int.init),
            sessionLimit: row[.slim].map(Int.init),
            queue: row[.qcur].map(Int.init),
            servers: servers,
            isStale: isStale,
            history: history ? ProxyHistory(requestRate: requestRate.series, errorRatio: errorRatio.series,
                                            responseTimeMs: responseTime.series, serverCount: serverCount.series) : ProxyHistory()
        )
        snapshot.freeSlots = freeSlots
        return snapshot
    }
}
