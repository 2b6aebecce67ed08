/// Per-second rates of one row over the last interval, from two consecutive readings of the same
/// balancer process. All nil on the first reading and on an interval that crossed a reset.
struct RowRates {
    var requests: Double?
    /// Requests (or connections in TCP mode) counted in the interval, for shares.
    var requestDelta: Int64?
    /// What a server's traffic share is computed from: the delta, or the source's own rate.
    var shareBasis: Double?
    var responses = ResponseRates()
    var errors: Double?
    var errorRatio: Double?
    var checkFailures: Double?
    /// Of a server's streams this interval (requests, or connections in TCP mode), the fraction
    /// routed by persistence (a cookie, a stick table) rather than by the balancing algorithm:
    /// HAProxy counts those in `stot` but not in `lbtot`.
    var persistentShare: Double?
    /// HAProxy's cache on a frontend or backend: lookups per second and the fraction that hit.
    var cacheLookups: Double?
    var cacheHitRatio: Double?

    static let unknown = RowRates()

    /// Rates of row `index` of `rows` (read in place, not copied) since `previous`, `seconds`
    /// apart; unknown when `seconds` is nil.
    init(previous: StatNumbers, current rows: [StatRow], at index: Int, seconds: Double?) {
        if let given = rows[index].sourceRates { self.init(given: given); return }
        guard let seconds else { self = .unknown; return }
        self.init(previous: previous, current: rows[index].statNumbers, ofServer: rows[index].kind == .server, seconds: seconds)
    }

    /// Rates between `previous` and `current`, `seconds` apart; `ofServer`: with the persistent share.
    init(previous: StatNumbers, current: StatNumbers, ofServer: Bool, seconds: Double) {
        func rate(_ field: StatField) -> Double? {
            CounterRate.perSecond(from: previous[field], to: current[field], seconds: seconds)
        }
        requestDelta = CounterRate.delta(from: previous.requestCounter, to: current.requestCounter, seconds: seconds)
        requests = requestDelta.map { Double($0) / seconds }
        shareBasis = requestDelta.map(Double.init)
        responses = ResponseRates(r1xx: rate(.hrsp1xx), r2xx: rate(.hrsp2xx), r3xx: rate(.hrsp3xx),
                                  r4xx: rate(.hrsp4xx), r5xx: rate(.hrsp5xx), other: rate(.hrspOther))
        checkFailures = rate(.chkfail)
        if let lookups = CounterRate.delta(from: previous[.cacheLookups], to: current[.cacheLookups], seconds: seconds),
           let hits = CounterRate.delta(from: previous[.cacheHits], to: current[.cacheHits], seconds: seconds) {
            cacheLookups = Double(lookups) / seconds
            if lookups > 0 { cacheHitRatio = min(1, Double(hits) / Double(lookups)) }
        }
        if ofServer, let streams = CounterRate.delta(from: previous[.stot], to: current[.stot], seconds: seconds), streams > 0,
           let balanced = CounterRate.delta(from: previous[.lbtot], to: current[.lbtot], seconds: seconds) {
            persistentShare = Double(max(0, streams - balanced)) / Double(streams)
        }
        if current[.hrsp5xx] != nil, !current.isTCP {
            errors = responses.r5xx
            errorRatio = responses.errorRatio
        } else {
            // TCP mode has no response classes: failed connects, response errors and server
            // aborts stand in for errors.
            var sum: Int64?
            func add(_ field: StatField) {
                if let delta = CounterRate.delta(from: previous[field], to: current[field], seconds: seconds) { sum = (sum ?? 0) + delta }
            }
            add(.econ); add(.eresp); add(.srvAbrt)
            if let sum {
                errors = Double(sum) / seconds
                if let requestDelta, requestDelta > 0 { errorRatio = min(1, Double(sum) / Double(requestDelta)) }
            }
        }
    }

    /// The source's own rates: 5xx over all responses when the classes are all there, else over
    /// the requests.
    init(given: SourceRates) {
        requests = given.requests
        shareBasis = given.requests
        responses = given.responses
        errors = given.responses.r5xx
        if given.responses.r2xx != nil {
            errorRatio = given.responses.errorRatio
        } else if let errors, let requests = given.requests, requests > 0 {
            errorRatio = min(1, errors / requests)
        }
    }

    private init() {}
}
