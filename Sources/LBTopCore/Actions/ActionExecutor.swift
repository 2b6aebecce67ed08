import Foundation

/// Carries out confirmed actions: checks the plan again against the snapshot, sends each command
/// through its target's transport, reads the server back through the target's collector (the
/// state after), and audits every record — sent, rejected, refused or cancelled — before returning.
public actor ActionExecutor {
    public nonisolated let policy: ActionPolicy
    private let collectors: [TargetID: any Collector]
    private let audit: ActionAudit
    private let now: @Sendable () -> Date
    private let recentLimit: Int
    /// Newest first.
    private var recentRecords: [ActionRecord]

    /// - Parameters:
    ///   - collectors: by target, to read a server's state right after acting on it.
    ///   - audit: where records go; its log's earlier actions fill the recent list.
    public init(policy: ActionPolicy, collectors: [any Collector], audit: ActionAudit, recentLimit: Int = 50,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.policy = policy
        self.collectors = Dictionary(collectors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.audit = audit
        self.now = now
        self.recentLimit = recentLimit
        recentRecords = Array(((try? audit.log.read().actions) ?? []).suffix(recentLimit).reversed())
    }

    /// Actions recorded lately, newest first (what the alerts view lists).
    public func recent() -> [ActionRecord] { recentRecords }

    /// Performs `request` if `confirmed` and the plan allows it; records it in every case.
    /// - Returns: one record per server, already in the log.
    public func perform(_ request: ActionRequest, confirmed: Bool, in snapshot: Snapshot,
                        by user: String) async -> [ActionRecord] {
        let plan = ActionPlan.make(request, in: snapshot, policy: policy)
        let time = now()
        var records = plan.steps.map { step in
            ActionRecord(time: time, user: user, target: step.item.server.target.rawValue,
                         server: step.item.server.description, action: step.item.command.verb,
                         command: step.sent ?? "", via: step.via, outcome: .refused, answer: "",
                         stateBefore: step.stateBefore, weightBefore: step.weightBefore)
        }
        if let refusal = plan.refusal {
            for index in records.indices { records[index].answer = refusal.reason }
        } else if !confirmed {
            for index in records.indices {
                records[index].outcome = .cancelled
                records[index].answer = "not confirmed: nothing sent"
            }
        } else {
            for (index, step) in plan.steps.enumerated() {
                guard let transport = policy.transports[step.item.server.target] else { continue }
                do {
                    let answer = try await transport.send(step.item.command, server: step.item.server)
                    records[index].outcome = answer.accepted ? .done : .rejected
                    records[index].answer = answer.text
                } catch {
                    records[index].outcome = .failed
                    records[index].answer = (error as? CollectError)?.message ?? "\(error)"
                }
            }
            await readBack(into: &records, plan: plan)
        }
        if let failure = audit.record(records) {
            for index in records.indices { records[index].answer += " [alert log not written: \(failure)]" }
        }
        recentRecords.insert(contentsOf: records.reversed(), at: 0)
        if recentRecords.count > recentLimit { recentRecords.removeLast(recentRecords.count - recentLimit) }
        return records
    }

    /// Fills each sent record's state and weight after, from one fresh poll of its target.
    private func readBack(into records: inout [ActionRecord], plan: ActionPlan) async {
        for target in Set(plan.steps.map(\.item.server.target)) {
            guard let collector = collectors[target],
                  case .balancer(let sample)? = try? await collector.collect() else { continue }
            for (index, step) in plan.steps.enumerated() where step.item.server.target == target {
                let id = step.item.server
                guard records[index].outcome != .failed,
                      let row = sample.rows.first(where: { $0.kind == .server && $0.proxy == id.backend && $0.name == id.server })
                else { continue }
                records[index].stateAfter = row.status
                records[index].weightAfter = row[.weight].map { Int($0) }
            }
        }
    }
}

extension ActionExecutor {
    /// Records for a feed that cannot act at all (no executor): refused, logged nowhere.
    public static func unavailable(_ request: ActionRequest, by user: String) async -> [ActionRecord] {
        request.items.map { item in
            ActionRecord(time: Date(), user: user, target: item.server.target.rawValue, server: item.server.description,
                         action: item.command.verb, command: "", via: "none", outcome: .refused,
                         answer: ActionPolicy.howToEnable)
        }
    }
}

extension DashboardFeed {
    public var actionPolicy: ActionPolicy { .off }
    public func perform(_ request: ActionRequest, confirmed: Bool, by user: String) async -> [ActionRecord] {
        await ActionExecutor.unavailable(request, by: user)
    }
}
