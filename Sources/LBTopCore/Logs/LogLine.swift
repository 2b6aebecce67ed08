/// What one log line is: a request a balancer served, one of HAProxy's own server events, or
/// something no parser recognises (counted and skipped).
public enum LogLine: Sendable, Equatable {
    case request(LogRequest)
    case event(LogServerEvent)
    case malformed
}

/// One request (HTTP) or connection (TCP) as HAProxy or nginx logged it. Times are milliseconds;
/// a phase the request never reached (`-1` in HAProxy, `-` in nginx) is nil, never 0.
public struct LogRequest: Sendable, Equatable {
    public enum Format: String, Sendable, Codable {
        case haproxyHTTP = "haproxy-httplog"
        case haproxyTCP = "haproxy-tcplog"
        case nginx
        case nginxJSON = "nginx-json"
    }

    public var format: Format
    /// Client address without its port (`127.0.0.1`, `::1`).
    public var client: String
    /// HAProxy frontend; nil for nginx.
    public var frontend: String?
    /// HAProxy backend, or nginx `$proxy_host` (upstream block); nil when nginx proxied nothing.
    public var backend: String?
    /// The server that answered; nil for `<NOSRV>` or an nginx upstream with no live server.
    public var server: String?
    /// Status sent to the client; nil for TCP or when nothing was sent.
    public var status: Int?
    /// Bytes sent to the client (HAProxy: headers included; nginx: body).
    public var bytes: Int?
    /// HAProxy `Tw` (queue) and `Tc` (connect).
    public var queueMs: Int?
    public var connectMs: Int?
    /// Server response time: HAProxy `Tr`, nginx `$upstream_response_time` of the last try.
    public var serverMs: Int?
    /// Whole request: HAProxy `Ta` (`Tt` in TCP mode), nginx `$request_time`.
    public var totalMs: Int?
    /// HAProxy termination state: four characters (`--NI`, `sHNN`), two in TCP mode (`SC`).
    public var termination: String?
    /// Connection retries (HAProxy `%rc`; nginx: tries before the last).
    public var retries: Int
    /// HAProxy sent the request to another server after a failure (`+` before `%rc`).
    public var redispatched: Bool
    public var method: String?
    /// URI as logged, escapes kept (`/say#22hi#22`, `/raw\x1B`); nil for `<BADREQ>`.
    public var path: String?
    /// nginx `$upstream_cache_status` (`HIT`, `MISS`…); nil when `-` or empty.
    public var cacheStatus: String?
    /// nginx: every upstream try in order (`a, b : c` flattened); empty for HAProxy.
    public var tries: [LogUpstreamTry]

    public init(format: Format, client: String, frontend: String? = nil, backend: String? = nil,
                server: String? = nil, status: Int? = nil, bytes: Int? = nil, queueMs: Int? = nil,
                connectMs: Int? = nil, serverMs: Int? = nil, totalMs: Int? = nil, termination: String? = nil,
                retries: Int = 0, redispatched: Bool = false, method: String? = nil, path: String? = nil,
                cacheStatus: String? = nil, tries: [LogUpstreamTry] = []) {
        self.format = format; self.client = client; self.frontend = frontend; self.backend = backend
        self.server = server; self.status = status; self.bytes = bytes; self.queueMs = queueMs
        self.connectMs = connectMs; self.serverMs = serverMs; self.totalMs = totalMs
        self.termination = termination; self.retries = retries; self.redispatched = redispatched
        self.method = method; self.path = path; self.cacheStatus = cacheStatus; self.tries = tries
    }
}

/// One try of an nginx request at one upstream server.
public struct LogUpstreamTry: Sendable, Equatable {
    /// `host:port`, a unix socket, or the block's name when no server was live.
    public var address: String
    /// That server's status; nil when it sent none (`-`, client closed first).
    public var status: Int?
    public var responseMs: Int?

    public init(address: String, status: Int? = nil, responseMs: Int? = nil) {
        self.address = address; self.status = status; self.responseMs = responseMs
    }
}

/// An event HAProxy writes into the same stream as its requests: a server going down or up, a
/// backend left without servers.
public struct LogServerEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// `Server app/s3 is DOWN, reason: …`
        case serverDown
        /// `Server app/s3 is going DOWN for maintenance.`
        case serverMaintenance
        /// `Server app/s3 is UP …`, `is UP/READY (leaving forced maintenance)`.
        case serverUp
        /// `backend dead has no server available!`
        case backendDown
        /// Anything else HAProxy says about a proxy or server (`Proxy web started.`).
        case other
    }

    public var kind: Kind
    public var backend: String?
    public var server: String?
    /// The message as logged (text from the network: sanitise before display).
    public var text: String

    public init(kind: Kind, backend: String? = nil, server: String? = nil, text: String) {
        self.kind = kind; self.backend = backend; self.server = server; self.text = text
    }
}
