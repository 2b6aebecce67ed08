import Foundation

/// Advises weights for a backend whose servers differ in what a request costs them, so that
/// each carries the same load: a server's weight goes inversely with its cost per request. The
/// cost is its node's CPU % per req/s when every server has a node of its own, else HAProxy's
/// response time. Advice needs strong evidence: a full minute of data, enough requests on every
/// server, costs steady over that minute, and a real difference (one server at least 1.5×
/// another). It only advises; `W` on the backend's detail applies it, confirmed and audited.
public struct WeightAdvisor: Sendable {
    /// Seconds of history the advice rests on.
    public var window: Double = 60
    /// Requests each server must have answered within the window.
    public var minimumRequests: Double = 100
    /// The costliest server must cost at least this many times the cheapest.
    public var minimumCostRatio: Double = 1.5
    /// A server's cost may move at most this fraction between the window's two halves.
    public var maximumDrift: Double = 0.25
    /// The cheapest server's advised weight (or its current weight, when higher).
    public var baseWeight: Int = 10

    public init() {}

    public enum Verdict: Sendable {
        /// Why there is no advice.
        case none(String)
        case advice(WeightAdvice)
    }

    public func advise(backend: ProxyID, in snapshot: Snapshot) -> Verdict {
        let members = snapshot.servers.filter { $0.id.proxyID == backend && ActionPlan.serving($0) && !$0.isStale }
        guard members.count >= 2 else { return .none("it needs two serving servers or more") }
        let polls = Int((window / max(0.1, snapshot.interval)).rounded(.up))
        let nodes = members.compactMap { server in snapshot.nodes.first { $0.id == server.node } }
        let byCPU = nodes.count == members.count && Set(nodes.map(\.id)).count == members.count
            && nodes.allSatisfy { $0.history.cpuPercent.suffix(polls).filter { !$0.isNaN }.count >= polls }
        var costs: [(server: ServerSnapshot, cost: Double, rate: Double)] = []
        for (index, server) in members.enumerated() {
            let rates = Array(server.history.requestRate.suffix(polls))
            let requests = rates.filter { !$0.isNaN }.reduce(0, +) * snapshot.interval
            guard rates.count >= polls else {
                return .none("less than \(Int(window)) s of data for \(server.id.server)")
            }
            guard requests >= minimumRequests else {
                return .none("too few requests: \(server.id.server) answered \(Int(requests)) in \(Int(window)) s (needs \(Int(minimumRequests)))")
            }
            let samples: [Double]
            if byCPU {
                let cpu = Array(nodes[index].history.cpuPercent.suffix(polls))
                samples = zip(cpu, rates).compactMap { cpu, rate in rate > 0 && !cpu.isNaN ? cpu / rate : nil }
            } else {
                samples = server.history.responseTimeMs.suffix(polls).filter { !$0.isNaN && $0 > 0 }
            }
            guard samples.count >= polls * 3 / 4, let cost = Self.median(samples) else {
                return .none("\(server.id.server) has gaps in its \(byCPU ? "CPU" : "response times") over \(Int(window)) s")
            }
            let half = samples.count / 2
            if let early = Self.median(Array(samples[..<half])), let late = Self.median(Array(samples[half...])),
               abs(late - early) > maximumDrift * max(early, late) {
                return .none("\(server.id.server)'s cost moved \(Int((abs(late - early) / max(early, late) * 100).rounded()))% within the minute; not stable")
            }
            costs.append((server, cost, requests / window))
        }
        let cheapest = costs.map(\.cost).min()!, dearest = costs.map(\.cost).max()!
        guard cheapest > 0, dearest / cheapest >= minimumCostRatio else {
            return .none("per-request costs are within \(Self.decimal(minimumCostRatio))× of each other "
                + "(\(String(format: "%.2f", cheapest > 0 ? dearest / cheapest : 1))×)")
        }
        let base = max(baseWeight, members.compactMap(\.weight).max() ?? 1)
        let unit = byCPU ? "CPU %/req/s" : "ms"
        let cheapestName = costs.first { $0.cost == cheapest }!.server.id.server
        var lines: [WeightAdvice.Line] = []
        for (server, cost, rate) in costs {
            let weight = min(WeightSetting.absoluteRange.upperBound, max(1, Int((Double(base) * cheapest / cost).rounded())))
            let relation = cost == cheapest ? "the cheapest" : Self.decimal(cost / cheapest) + "× " + cheapestName
            let reason = "\(server.id.server): \(Self.format(cost)) \(unit) per request, \(relation) "
                + "(median of \(Int(window)) s, \(Self.decimal(rate)) req/s): "
                + "weight \(server.weight.map(String.init) ?? "?") → \(weight)"
            lines.append(WeightAdvice.Line(server: server.id, cost: cost, weightBefore: server.weight, weight: weight,
                                           reason: reason))
        }
        guard lines.contains(where: { $0.weight != $0.weightBefore }) else {
            return .none("the weights already match the costs")
        }
        return .advice(WeightAdvice(backend: backend, basis: byCPU ? .nodeCPU : .responseTime, lines: lines))
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func format(_ value: Double) -> String {
        value >= 10 ? String(Int(value.rounded())) : String(format: "%.2f", value)
    }

    /// One decimal: `3.1`.
    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// Advised weights for one backend, with one line of reasoning per server.
public struct WeightAdvice: Sendable {
    public enum Basis: String, Sendable { case responseTime = "response time", nodeCPU = "node CPU per req/s" }

    public struct Line: Sendable {
        public var server: ServerID
        /// Cost per request (ms, or CPU % per req/s).
        public var cost: Double
        public var weightBefore: Int?
        public var weight: Int
        public var reason: String
    }

    public var backend: ProxyID
    public var basis: Basis
    public var lines: [Line]

    /// One absolute weight per server: what `W` sends after its confirmation.
    public var request: ActionRequest {
        ActionRequest(items: lines.map { ActionRequest.Item(server: $0.server, command: .weight(.absolute($0.weight))) })
    }
}
