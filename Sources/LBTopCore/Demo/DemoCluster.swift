import Foundation

/// A simulated cluster: frontend `www`, backends `app` (app1–app4, round-robin) and `api`
/// (api1–api2), one node per server. Counters advance one whole second at a time following
/// `DemoScript`, deterministically (no randomness), so tests can step the clock.
public struct DemoCluster: Sendable {
    /// One balancer server and the node it runs on.
    public struct Server: Sendable {
        public let backend: String
        public let name: String
        /// `ip:port` as HAProxy's `addr` column shows it (documentation addresses, never dialled).
        public let address: String
        public let weight: Int
        var counters = ServerCounters()
        var node: NodeCounters
        var status = "UP"
        var lastChangeSecond = 0
        var checkFailing = false
        var rtimeMs = 0.0
        var ttimeMs = 0.0
        var sessions = 0
        var queue = 0
        var rate = 0

        /// `backend/server`.
        public var id: String { "\(backend)/\(name)" }
    }

    struct ServerCounters: Sendable {
        var requests = 0, responses2xx = 0, responses4xx = 0, responses5xx = 0
        var bytesIn = 0, bytesOut = 0, checkFailures = 0, checkDowns = 0, downtime = 0
        var maxSessions = 0, maxRate = 0
    }

    /// Seconds simulated so far.
    public private(set) var second = 0
    public private(set) var servers: [Server]
    /// Epoch seconds at simulated second 0 (for `node_time_seconds`).
    public let startEpoch: Double
    private var fractions: [Double]

    public static let backends = ["app", "api"]

    public init(startEpoch: Double = 1_764_000_000) {
        self.startEpoch = startEpoch
        var servers: [Server] = []
        for index in 1...4 {
            servers.append(Server(backend: "app", name: "app\(index)", address: "10.0.1.\(10 + index):8080",
                                  weight: 1, node: NodeCounters(memoryPercent: 40 + Double(index) * 2)))
        }
        for index in 1...2 {
            servers.append(Server(backend: "api", name: "api\(index)", address: "10.0.2.\(10 + index):9000",
                                  weight: 1, node: NodeCounters(memoryPercent: 30 + Double(index) * 3)))
        }
        self.servers = servers
        fractions = Array(repeating: 0, count: servers.count)
    }

    /// Phase of the incident script, 0 ..< `DemoScript.cycleSeconds`.
    public var phase: Int { second % DemoScript.cycleSeconds }

    /// Runs the simulation forward to `target` seconds (never backwards).
    public mutating func advance(to target: Int) {
        while second < target { step() }
    }

    /// One simulated second.
    private mutating func step() {
        second += 1
        let phase = self.phase
        let surge = DemoScript.surge(at: phase)
        let hot = DemoScript.hotServer(at: phase)
        let appRate = 120 * surge
        let apiRate = 40.0
        for index in servers.indices {
            let server = servers[index]
            let isHot = server.name == DemoScript.hotServer
            let share = Self.share(of: server, hot: hot)
            let wobble = 1 + 0.06 * sin(Double(second) * 0.7 + Double(index) * 1.3)
            let exact = (server.backend == "api" ? apiRate : appRate) * share * wobble + fractions[index]
            let requests = Int(exact)
            fractions[index] = exact - Double(requests)
            apply(requests: requests, to: index, hot: isHot ? hot : nil)
        }
    }

    /// Fraction of its backend's requests a server gets: `api` splits evenly; in `app` the hot
    /// server takes what the script says and the other three share the rest.
    static func share(of server: Server, hot: DemoScript.HotServerPhase) -> Double {
        if server.backend == "api" { return 0.5 }
        if server.name == DemoScript.hotServer { return hot.share }
        return (1 - hot.share) / 3
    }

    private mutating func apply(requests: Int, to index: Int, hot: DemoScript.HotServerPhase?) {
        var server = servers[index]
        let errorFraction = hot?.errorFraction ?? 0
        let errors = Int((Double(requests) * errorFraction).rounded())
        server.counters.requests += requests
        server.counters.responses5xx += errors
        server.counters.responses4xx += requests / 50
        server.counters.responses2xx += requests - errors - requests / 50
        server.counters.bytesIn += requests * 420
        server.counters.bytesOut += requests * 5_800
        server.rate = requests
        server.counters.maxRate = max(server.counters.maxRate, requests)
        let baseLatency = 11 + 4 * sin(Double(second) * 0.3 + Double(index))
        // Like HAProxy's 1,024-request averages, the times freeze while no request arrives.
        if requests > 0 {
            server.rtimeMs = (baseLatency + (hot?.extraLatencyMs ?? 0)).rounded()
            server.ttimeMs = server.rtimeMs + 3
        }
        server.sessions = Int((Double(requests) * server.ttimeMs / 1000).rounded())
        server.queue = server.sessions > 60 ? server.sessions - 60 : 0
        server.counters.maxSessions = max(server.counters.maxSessions, server.sessions)
        let newStatus = hot?.status ?? "UP"
        if newStatus.hasPrefix("DOWN") != server.status.hasPrefix("DOWN") {
            server.lastChangeSecond = second
            if newStatus.hasPrefix("DOWN") { server.counters.checkDowns += 1 }
        }
        if newStatus.hasPrefix("DOWN") { server.counters.downtime += 1 }
        server.status = newStatus
        server.checkFailing = hot?.checkFails ?? false
        if server.checkFailing && !newStatus.hasPrefix("DOWN") { server.counters.checkFailures += 1 }
        let capacity = server.backend == "api" ? 80.0 : 150.0
        let cpu = min(98, 12 + Double(requests) / capacity * 85)
        let memory = hot?.memoryPercent ?? server.node.memoryPercent
        server.node.advance(cpuPercent: cpu, memoryPercent: memory, requests: requests)
        servers[index] = server
    }
}

/// The node_exporter counters of one simulated two-CPU node.
struct NodeCounters: Sendable {
    static let cpuCount = 2
    static let memoryTotalBytes = 8.0 * 1024 * 1024 * 1024
    var memoryPercent: Double
    var cpuPercent = 0.0
    /// Seconds per mode, per CPU (both CPUs move alike).
    var user = 100.0, system = 40.0, softirq = 3.0, idle = 5_000.0, iowait = 1.0
    var load1 = 0.3, load5 = 0.3, load15 = 0.3
    var receiveBytes = 0.0, transmitBytes = 0.0

    init(memoryPercent: Double) { self.memoryPercent = memoryPercent }

    mutating func advance(cpuPercent: Double, memoryPercent: Double, requests: Int) {
        self.cpuPercent = cpuPercent
        self.memoryPercent = memoryPercent
        let busy = cpuPercent / 100
        user += busy * 0.7
        system += busy * 0.25
        softirq += busy * 0.05
        idle += 1 - busy
        let running = busy * Double(Self.cpuCount) * 1.1
        load1 += (running - load1) * (1 - exp(-1.0 / 60))
        load5 += (running - load5) * (1 - exp(-1.0 / 300))
        load15 += (running - load15) * (1 - exp(-1.0 / 900))
        receiveBytes += Double(requests) * 480
        transmitBytes += Double(requests) * 6_100
    }
}
