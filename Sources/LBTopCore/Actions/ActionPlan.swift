/// A request checked against the snapshot on screen and the policy: exactly what would be sent
/// to whom, what it does to each backend, or why lbtop refuses it without asking.
public struct ActionPlan: Sendable {
    /// One server's line of the plan.
    public struct Step: Sendable {
        public var item: ActionRequest.Item
        /// The runtime API line or form body; nil when refused before it could be built.
        public var sent: String?
        public var via: String
        public var stateBefore: String?
        public var weightBefore: Int?
    }

    public var request: ActionRequest
    public var steps: [Step]
    /// Why nothing will be sent; nil when the plan may be confirmed.
    public var refusal: ActionRefusal?
    /// One line per backend touched: what the action does to its traffic.
    public var effects: [String]

    public var isRefused: Bool { refusal != nil }

    /// `drain app/app2 on edge`, `drain 3 servers on edge`, `weights of 3 servers on edge`.
    public var title: String {
        let targets = Set(request.items.map(\.server.target)).sorted().map(\.rawValue).joined(separator: ", ")
        let commands = Set(request.items.map(\.command))
        let what: String
        if commands.count == 1, let command = commands.first {
            let servers = request.items.count == 1 ? request.items[0].server.description : "\(request.items.count) servers"
            what = command.verb + " " + servers
        } else {
            what = "set the weights of \(request.items.count) servers"
        }
        return (request.forced ? "FORCED " : "") + what + " on " + targets
    }

    public static func make(_ request: ActionRequest, in snapshot: Snapshot, policy: ActionPolicy) -> ActionPlan {
        var steps: [Step] = []
        var refusal: ActionRefusal?
        for item in request.items {
            let server = snapshot.servers.first { $0.id == item.server }
            let transport = policy.transports[item.server.target]
            var step = Step(item: item, sent: nil, via: transport?.via ?? "none",
                            stateBefore: server?.state.label, weightBefore: server?.weight)
            if let transport {
                switch transport.request(item.command, server: item.server) {
                case .success(let text): step.sent = text
                case .failure(let problem): refusal = refusal ?? problem
                }
            } else {
                refusal = refusal ?? ActionRefusal(ActionPolicy.howToEnable)
            }
            if server == nil { refusal = refusal ?? ActionRefusal("refused: \(item.server) is no longer in the data") }
            steps.append(step)
        }
        if request.items.isEmpty { refusal = ActionRefusal("no server selected") }
        if refusal == nil, !request.forced, let last = lastServingRefusal(request, in: snapshot) { refusal = last }
        return ActionPlan(request: request, steps: steps, refusal: refusal, effects: effects(of: request, in: snapshot))
    }

    /// Servers that take balanced traffic now: serving state and a weight above 0.
    static func serving(_ server: ServerSnapshot) -> Bool { server.state.isServing && server.weight != 0 }

    /// A backend whose serving servers would all be taken out by the request.
    static func lastServingRefusal(_ request: ActionRequest, in snapshot: Snapshot) -> ActionRefusal? {
        let out = Set(request.items.filter(\.command.takesOutOfRotation).map(\.server))
        for backend in Set(out.map(\.proxyID)).sorted() {
            let serving = snapshot.servers.filter { $0.id.proxyID == backend && Self.serving($0) }
            guard !serving.isEmpty, serving.allSatisfy({ out.contains($0.id) }) else { continue }
            let names = serving.map(\.id.description).joined(separator: ", ")
            let which = serving.count == 1 ? "\(names) is the last serving server" : "\(names) are all the serving servers"
            return ActionRefusal("refused: \(which) of \(backend.proxy); D drains anyway (still asks to confirm)")
        }
        return nil
    }

    /// What the request does to each backend it touches, in one line each.
    static func effects(of request: ActionRequest, in snapshot: Snapshot) -> [String] {
        var lines: [String] = []
        let backends = request.items.map(\.server.proxyID).reduce(into: [ProxyID]()) { if !$0.contains($1) { $0.append($1) } }
        for backend in backends {
            let members = snapshot.servers.filter { $0.id.proxyID == backend }
            let items = request.items.filter { $0.server.proxyID == backend }
            let touched = Set(items.map(\.server))
            let out = Set(items.filter(\.command.takesOutOfRotation).map(\.server))
            let back = Set(items.filter { $0.command == .ready }.map(\.server))
            let servingAfter = members.filter { member in
                if out.contains(member.id) { return false }
                if back.contains(member.id) { return member.weight != 0 && !member.state.isFailed }
                return Self.serving(member)
            }.count
            let sessions = members.filter { touched.contains($0.id) }.compactMap(\.sessions).reduce(0, +)
            let pronoun = touched.count == 1 ? "its" : "their"
            var parts: [String] = []
            if !out.isEmpty {
                parts.append("\(servingAfter) of \(members.count) servers will take \(pronoun) traffic")
                parts.append("\(sessions) session\(sessions == 1 ? "" : "s") open")
            } else if !back.isEmpty {
                parts.append("\(servingAfter) of \(members.count) servers serving after this")
            }
            var weightsAfter: [ServerID: Int] = [:]
            for item in items { if case .weight(.absolute(let value)) = item.command { weightsAfter[item.server] = value } }
            for item in items {
                guard case .weight(let setting) = item.command else { continue }
                parts.append(weightEffect(item.server, setting: setting, members: members, after: weightsAfter))
            }
            lines.append("\(backend.proxy): " + parts.joined(separator: "; "))
        }
        return lines
    }

    /// `app1 weight 1 → 50, share by weight 33% → 96%` (shares among the serving servers, with every
    /// new weight of the request); a percentage is of the initial weight, which lbtop never sees.
    static func weightEffect(_ server: ServerID, setting: WeightSetting, members: [ServerSnapshot],
                             after: [ServerID: Int]) -> String {
        let before = members.first { $0.id == server }?.weight
        guard case .absolute(let value) = setting, let before else {
            return "\(server.server) weight \(before.map(String.init) ?? "?") → \(setting.text) of its initial weight"
        }
        let inRotation = members.filter { Self.serving($0) || $0.id == server }
        func share(_ weight: Int, of total: Int) -> String {
            total > 0 ? "\(Int((Double(weight) / Double(total) * 100).rounded()))%" : "0%"
        }
        let totalBefore = inRotation.compactMap(\.weight).reduce(0, +)
        let totalAfter = inRotation.map { after[$0.id] ?? $0.weight ?? 0 }.reduce(0, +)
        return "\(server.server) weight \(before) → \(value), share by weight "
            + "\(share(before, of: totalBefore)) → \(share(value, of: totalAfter))"
    }
}
