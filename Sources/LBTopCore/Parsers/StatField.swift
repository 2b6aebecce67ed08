/// The numeric HAProxy stats columns lbtop reads, with the header name each one has in the CSV.
/// Columns are always found by header name, never by position (they moved between releases).
public enum StatField: Int, CaseIterable, Sendable {
    case qcur, qmax, scur, smax, slim, stot, bin, bout, dreq, dresp, ereq, econ, eresp, wretr, wredis
    case weight, act, bck, chkfail, chkdown, lastchg, downtime, qlimit, throttle, lbtot, rate, rateMax
    case checkCode, checkDuration
    case hrsp1xx, hrsp2xx, hrsp3xx, hrsp4xx, hrsp5xx, hrspOther
    case reqRate, reqTot, cliAbrt, srvAbrt, lastsess
    case qtime, ctime, rtime, ttime
    case checkRise, checkFall, checkHealth, connRate, connTot, eint, uweight
    case cacheLookups, cacheHits

    /// The column name in HAProxy's CSV header.
    public var columnName: String {
        switch self {
        case .rateMax: "rate_max"
        case .checkCode: "check_code"
        case .checkDuration: "check_duration"
        case .hrsp1xx: "hrsp_1xx"
        case .hrsp2xx: "hrsp_2xx"
        case .hrsp3xx: "hrsp_3xx"
        case .hrsp4xx: "hrsp_4xx"
        case .hrsp5xx: "hrsp_5xx"
        case .hrspOther: "hrsp_other"
        case .reqRate: "req_rate"
        case .reqTot: "req_tot"
        case .cliAbrt: "cli_abrt"
        case .srvAbrt: "srv_abrt"
        case .checkRise: "check_rise"
        case .checkFall: "check_fall"
        case .checkHealth: "check_health"
        case .connRate: "conn_rate"
        case .connTot: "conn_tot"
        case .cacheLookups: "cache_lookups"
        case .cacheHits: "cache_hits"
        default: String(describing: self)
        }
    }

    /// Counters only grow while one HAProxy process lives; a decrease means a reload or restart.
    public var isCounter: Bool {
        switch self {
        case .stot, .bin, .bout, .dreq, .dresp, .ereq, .econ, .eresp, .wretr, .wredis, .chkfail,
             .chkdown, .downtime, .lbtot, .hrsp1xx, .hrsp2xx, .hrsp3xx, .hrsp4xx, .hrsp5xx,
             .hrspOther, .reqTot, .cliAbrt, .srvAbrt, .connTot, .eint, .cacheLookups, .cacheHits:
            true
        default:
            false
        }
    }
}

/// The text HAProxy stats columns lbtop reads.
public enum StatTextField: Int, CaseIterable, Sendable {
    case checkStatus, lastCheck, address, mode, algorithm, tracked, cookie, lastAgent, agentStatus

    /// The column name in HAProxy's CSV header.
    public var columnName: String {
        switch self {
        case .checkStatus: "check_status"
        case .lastCheck: "last_chk"
        case .address: "addr"
        case .mode: "mode"
        case .algorithm: "algo"
        case .tracked: "tracked"
        case .cookie: "cookie"
        case .lastAgent: "last_agt"
        case .agentStatus: "agent_status"
        }
    }
}
