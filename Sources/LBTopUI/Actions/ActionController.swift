import Foundation
import LBTopCore

/// The dashboard's side of acting on servers: which rows are marked, the weight prompt and the
/// confirmation line, and which accepted actions the polls have not shown yet. It decides what
/// to ask and what to hand to the feed; the feed sends, reads back and audits.
public struct ActionController: Sendable {
    /// What the bottom of the screen asks for.
    public enum Prompt: Sendable {
        /// Typing a weight for these servers.
        case weight(servers: [ServerID], text: String)
        /// `y` sends the plan; anything else cancels it.
        case confirm(ActionPlan)
    }

    /// Where the key was pressed and what is on screen.
    public struct Context: Sendable {
        public var snapshot: Snapshot
        public var view: ViewID
        public var detail: RowID?
        public var selection: RowID?
        /// Rows of the current view after the filter, in order.
        public var rows: [RowID]
    }

    /// What the app must show and do after a key or a result.
    public struct Outcome: Sendable {
        public var message: String?
        public var effects: [Effect]
        init(_ message: String?, _ effects: [Effect] = [.redraw]) { self.message = message; self.effects = effects }
    }

    public let policy: ActionPolicy
    public private(set) var prompt: Prompt?
    public private(set) var marked: Set<ServerID> = []
    private(set) var pending: [ServerID: PendingAction] = [:]

    public init(policy: ActionPolicy = .off) { self.policy = policy }

    public var isPrompting: Bool { prompt != nil }

    /// The marks to draw on the servers view.
    public var marks: [ServerID: ServerMark] {
        var marks = Dictionary(uniqueKeysWithValues: marked.map { ($0, ServerMark.marked) })
        for (id, action) in pending { marks[id] = action.gaveUp ? .unchanged : .pending }
        return marks
    }

    // MARK: - Keys

    /// An action key in normal mode.
    public mutating func begin(_ key: ServerActionKey, in context: Context) -> Outcome {
        switch key {
        case .mark:
            guard context.detail == nil, case .server(let id)? = context.selection else {
                return Outcome("space marks servers in the servers view (1)")
            }
            if marked.remove(id) == nil { marked.insert(id) }
            return Outcome(marked.isEmpty ? "no server marked"
                : "\(marked.count) marked: d, r, m or w acts on all of them; space unmarks")
        case .applyAdvice:
            guard case .proxy(let backend)? = context.detail,
                  context.snapshot.backends.contains(where: { $0.id == backend }) else {
                return Outcome("W applies advised weights from a backend's detail (2, select it, Enter)")
            }
            switch WeightAdvisor().advise(backend: backend, in: context.snapshot) {
            case .none(let reason):
                return Outcome("no weight advice for \(backend.proxy): \(reason)")
            case .advice(let advice):
                return plan(advice.request, in: context.snapshot)
            }
        case .drain, .forceDrain, .ready, .maint, .weight:
            let servers = targets(in: context)
            guard !servers.isEmpty else { return Outcome("select a server first (servers view 1, or its detail)") }
            switch key {
            case .weight:
                prompt = .weight(servers: servers, text: "")
                return Outcome(nil)
            case .drain: return plan(ActionRequest(.drain, servers: servers), in: context.snapshot)
            case .forceDrain: return plan(ActionRequest(.drain, servers: servers, forced: true), in: context.snapshot)
            case .ready: return plan(ActionRequest(.ready, servers: servers), in: context.snapshot)
            default: return plan(ActionRequest(.maint, servers: servers), in: context.snapshot)
            }
        }
    }

    /// A key while the weight prompt or the confirmation is open.
    public mutating func handlePrompt(_ key: Key, snapshot: Snapshot) -> Outcome {
        switch prompt {
        case .weight(let servers, var text)?:
            switch key {
            case .escape:
                prompt = nil
                return Outcome("weight not changed")
            case .backspace, .delete:
                if !text.isEmpty { text.removeLast() }
                prompt = .weight(servers: servers, text: text)
                return Outcome(nil)
            case .character(let c) where c.isNumber || c == "%" || c == " ":
                text.append(c)
                prompt = .weight(servers: servers, text: text)
                return Outcome(nil)
            case .enter:
                prompt = nil
                guard let setting = WeightSetting(text) else {
                    return Outcome("not a weight: \"\(text)\" (0 to 256, or N% of the initial weight); nothing sent")
                }
                return plan(ActionRequest(.weight(setting), servers: servers), in: snapshot)
            default:
                return Outcome(nil, [])
            }
        case .confirm(let plan)?:
            prompt = nil
            let confirmed = key == .character("y")
            return Outcome(confirmed ? "sending: " + plan.title + " …" : "cancelled: nothing sent",
                           [.performAction(plan.request, confirmed: confirmed), .redraw])
        case nil:
            return Outcome(nil, [])
        }
    }

    // MARK: - Results and polls

    /// The feed's records for an action: the bottom line's message; accepted servers become pending.
    public mutating func finished(_ records: [ActionRecord], in snapshot: Snapshot) -> String? {
        guard let first = records.first, first.outcome != .cancelled else { return nil }
        var accepted = 0
        for record in records where record.outcome == .done {
            guard let server = snapshot.servers.first(where: { $0.id.description == record.server
                && $0.id.target.rawValue == record.target }),
                  let request = Self.command(of: record) else { continue }
            marked.remove(server.id)
            pending[server.id] = PendingAction(command: request, weightAfter: record.weightAfter, lastPoll: snapshot.time)
            accepted += 1
        }
        if records.count == 1 {
            var text = first.summary
            if first.outcome == .done, let after = first.stateAfter {
                text += " · HAProxy now reports \(after)" + (first.weightAfter.map { " weight \($0)" } ?? "")
                    + " · pending until a poll shows it"
            }
            return text
        }
        let failed = records.filter { $0.outcome != .done }
        var text = "\(first.action): \(accepted) of \(records.count) done"
        if let problem = failed.first { text += "; " + problem.summary }
        return text
    }

    /// Checks pending actions against a new snapshot: returns a message for servers that did not
    /// change within three polls.
    public mutating func observe(_ snapshot: Snapshot) -> String? {
        var stuck: [String] = []
        for (id, var action) in pending {
            guard let server = snapshot.servers.first(where: { $0.id == id }) else { pending[id] = nil; continue }
            if action.command.isReflected(in: server, weight: action.weightAfter) { pending[id] = nil; continue }
            // One poll counted per interval, whatever other targets publish meanwhile.
            guard !server.isStale, snapshot.time.timeIntervalSince(action.lastPoll) >= snapshot.interval * 0.5 else { continue }
            action.polls += 1
            action.lastPoll = snapshot.time
            if action.polls >= PendingAction.patience, !action.gaveUp {
                action.gaveUp = true
                stuck.append("\(id) (still \(server.state.label))")
            }
            pending[id] = action
        }
        guard !stuck.isEmpty else { return nil }
        return stuck.sorted().joined(separator: ", ") + " did not change within \(PendingAction.patience) polls"
    }

    // MARK: - Helpers

    /// Marked servers still on screen, else the selected one (the servers view or a server's detail).
    private func targets(in context: Context) -> [ServerID] {
        if case .server(let id)? = context.detail { return [id] }
        guard context.view == .servers, context.detail == nil else { return [] }
        let shown = context.rows.compactMap { row -> ServerID? in if case .server(let id) = row { id } else { nil } }
        let chosen = shown.filter(marked.contains)
        if !chosen.isEmpty { return chosen }
        if case .server(let id)? = context.selection { return [id] }
        return shown.first.map { [$0] } ?? []
    }

    /// Checks the request: refused ones are recorded and said at once; the others are asked.
    private mutating func plan(_ request: ActionRequest, in snapshot: Snapshot) -> Outcome {
        let plan = ActionPlan.make(request, in: snapshot, policy: policy)
        if let refusal = plan.refusal {
            return Outcome(refusal.reason, [.performAction(request, confirmed: false), .redraw])
        }
        prompt = .confirm(plan)
        return Outcome(nil)
    }

    /// The command a record stands for (its `action` word).
    static func command(of record: ActionRecord) -> ServerCommand? {
        switch record.action {
        case "drain": return .drain
        case "ready": return .ready
        case "maint": return .maint
        default:
            guard record.action.hasPrefix("weight "), let setting = WeightSetting(String(record.action.dropFirst(7))) else { return nil }
            return .weight(setting)
        }
    }
}
