/// One frontend, backend, server or listener row of a balancer, in the terms of HAProxy's stats CSV
/// (the richest format): every balancer parser maps what it has to these columns and leaves the
/// rest unknown. Numeric columns are kept as integers; an empty field ("does not apply / not
/// known") is nil, never 0. A server's `status` is written in `ServerState`'s words (`UP`, `DOWN`,
/// `DRAIN`, `MAINT`, `UP (degraded)`), whichever balancer it came from.
public struct StatRow: Sendable, Equatable {
    /// HAProxy's `type` column. Rows are classified by it, never by `svname`.
    public enum Kind: Int, Sendable, Codable {
        case frontend = 0
        case backend = 1
        case server = 2
        case listener = 3
    }

    /// `pxname`: the frontend, backend or listen section.
    public var proxy: String
    /// `svname`: `FRONTEND`, `BACKEND`, a server or a listener name.
    public var name: String
    public var kind: Kind
    /// Raw `status` text (`UP 1/3`, `MAINT (via app/s1)`, `OPEN`…).
    public var status: String
    public var checkStatus: String?
    /// Detail of the last check. Bytes from the network: may hold ESC, TAB, U+FFFD.
    public var lastCheck: String?
    public var address: String?
    public var mode: String?
    public var algorithm: String?
    public var tracked: String?
    public var cookie: String?
    public var lastAgent: String?
    public var agentStatus: String?
    /// Rates the source computed (Prometheus `rate()`); nil when rates come from counter deltas.
    public var sourceRates: SourceRates?

    /// Numeric columns by `StatField.rawValue`; `StatRow.missing` marks an empty field.
    var numbers: ContiguousArray<Int64>

    /// Sentinel for an empty numeric field.
    static let missing = Int64.min

    public init(proxy: String, name: String, kind: Kind, status: String = "") {
        self.init(proxy: proxy, name: name, kind: kind, status: status,
                  numbers: ContiguousArray(repeating: StatRow.missing, count: StatField.allCases.count))
    }

    init(proxy: String, name: String, kind: Kind, status: String = "", numbers: ContiguousArray<Int64>) {
        self.proxy = proxy
        self.name = name
        self.kind = kind
        self.status = status
        self.numbers = numbers
    }

    /// The value of a numeric column; nil when the field is empty or the column absent.
    public subscript(field: StatField) -> Int64? {
        get {
            let value = numbers[field.rawValue]
            return value == StatRow.missing ? nil : value
        }
        set { numbers[field.rawValue] = newValue ?? StatRow.missing }
    }

    /// The value of a text column; nil when empty or absent.
    public subscript(text field: StatTextField) -> String? {
        get {
            switch field {
            case .checkStatus: checkStatus
            case .lastCheck: lastCheck
            case .address: address
            case .mode: mode
            case .algorithm: algorithm
            case .tracked: tracked
            case .cookie: cookie
            case .lastAgent: lastAgent
            case .agentStatus: agentStatus
            }
        }
        set {
            switch field {
            case .checkStatus: checkStatus = newValue
            case .lastCheck: lastCheck = newValue
            case .address: address = newValue
            case .mode: mode = newValue
            case .algorithm: algorithm = newValue
            case .tracked: tracked = newValue
            case .cookie: cookie = newValue
            case .lastAgent: lastAgent = newValue
            case .agentStatus: agentStatus = newValue
            }
        }
    }

    /// Health state parsed from `status` (meaningful for server rows).
    public var serverState: ServerState { ServerState(haproxyStatus: status) }

    /// `http` unless the row says `tcp`: TCP proxies count connections, not requests.
    public var isTCP: Bool { mode == "tcp" }

    /// The counter requests/s derive from: `req_tot` in HTTP mode (servers since 2.2), otherwise
    /// `stot` (connections in TCP mode; one stream per request in HTTP mode).
    public var requestCounter: Int64? { statNumbers.requestCounter }

    /// Row identity within one response: (`pxname`, `svname`, `type`).
    public var key: Key { Key(proxy: proxy, name: name, kind: kind) }

    public struct Key: Sendable, Hashable {
        public var proxy: String
        public var name: String
        public var kind: Kind
        public init(proxy: String, name: String, kind: Kind) {
            self.proxy = proxy; self.name = name; self.kind = kind
        }
    }
}
