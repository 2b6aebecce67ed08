/// Health state of a balancer server, parsed from HAProxy's `status` column
/// (`UP`, `UP 1/3`, `DOWN 2/2`, `NOLB`, `DRAIN`, `DRAIN (agent)`, `MAINT`, `MAINT (via app/s1)`,
/// `MAINT (resolution)`, `DOWN (agent)`, `no check`). Unknown strings are `.unknown`, never up.
public struct ServerState: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case up = "UP"
        case down = "DOWN"
        case nolb = "NOLB"
        case drain = "DRAIN"
        case maint = "MAINT"
        case noCheck = "no check"
        case unknown = "UNKNOWN"
    }

    public var kind: Kind
    /// `UP 1/3` → (1, 3): a server in transition between up and down.
    public var transition: Transition?
    /// Text in parentheses: `agent`, `via app/s1`, `resolution`.
    public var detail: String?

    public struct Transition: Sendable, Hashable, Codable {
        public var step: Int
        public var of: Int
        public init(step: Int, of: Int) { self.step = step; self.of = of }
    }

    public init(kind: Kind, transition: Transition? = nil, detail: String? = nil) {
        self.kind = kind
        self.transition = transition
        self.detail = detail
    }

    /// Takes traffic from the balancing algorithm.
    public var isServing: Bool { kind == .up || kind == .noCheck }
    /// Failed, not merely administratively out.
    public var isFailed: Bool { kind == .down }
    public var isAdministrativelyOut: Bool { (kind == .maint || kind == .drain) && !isFreeSlot }
    /// A `server-template` slot that holds no server (`MAINT (resolution)`: no address resolved):
    /// room to grow, not a server taken out.
    public var isFreeSlot: Bool { kind == .maint && detail == "resolution" }

    /// The text HAProxy would show, e.g. `UP 1/3`, `MAINT (via app/s1)`.
    public var label: String {
        var text = kind.rawValue
        if let transition { text += " \(transition.step)/\(transition.of)" }
        if let detail { text += " (\(detail))" }
        return text
    }
}
