/// The rules lbtop evaluates out of the box, with their defaults. Every one can be tuned or
/// disabled in the config file under `[rules.NAME]`.
public enum BuiltInAlertRules {
    /// All built-in rules, in the order the README's table lists them.
    public static let all: [AlertRule] = [
        AlertRule(name: "server-down", condition: .serverDown, warning: 1, forSeconds: 0),
        AlertRule(name: "checks-failing", condition: .checksFailing, warning: 1, forSeconds: 10),
        AlertRule(name: "backend-down", condition: .backendDown, critical: 1, forSeconds: 0),
        AlertRule(name: "imbalance", condition: .imbalance(minimumRate: AlertCondition.defaultMinimumRate),
                  warning: 2, forSeconds: 15),
        AlertRule(name: "persistence-imbalance",
                  condition: .persistenceImbalance(minimumRate: AlertCondition.defaultMinimumRate), warning: 2, forSeconds: 30),
        AlertRule(name: "error-ratio", condition: .errorRatio(minimumRate: AlertCondition.defaultMinimumRate),
                  warning: 0.05, critical: 0.25, forSeconds: 30),
        AlertRule(name: "latency", condition: .latency(.p99), warning: 1000, critical: 3000, forSeconds: 30),
        AlertRule(name: "latency-baseline", condition: .latencyBaseline(floorMs: 100, minimumSamples: 30),
                  warning: 3, forSeconds: 30),
        AlertRule(name: "terminations", condition: .terminations(minimumRequests: 20), warning: 0.05, critical: 0.25,
                  forSeconds: 10),
        AlertRule(name: "queue", condition: .queue, warning: 1, forSeconds: 30),
        AlertRule(name: "sessions", condition: .sessions, warning: 0.9, critical: 1, forSeconds: 15),
        AlertRule(name: "node-cpu", condition: .nodeCPU, warning: 90, critical: 98, forSeconds: 30),
        AlertRule(name: "node-memory", condition: .nodeMemory, warning: 90, critical: 97, forSeconds: 30),
        AlertRule(name: "flapping", condition: .flapping, warning: 4, forSeconds: 0),
        AlertRule(name: "saturation-ahead", condition: .saturationAhead(withinSeconds: CapacityForecast.horizonSeconds),
                  warning: 1, forSeconds: 60),
        AlertRule(name: "target-stale", condition: .targetStale, warning: 1, forSeconds: 0),
        AlertRule(name: "tier-down", condition: .tierDown, warning: 1, forSeconds: 0),
        AlertRule(name: "session-store-down", condition: .sessionStoreDown, critical: 1, forSeconds: 0),
        AlertRule(name: "tier-hit-ratio-drop", condition: .tierHitRatioDrop(minimumRate: 1, minimumSamples: 30),
                  warning: 0.2, critical: 0.5, forSeconds: 60),
        AlertRule(name: "tier-evictions", condition: .tierEvictions, warning: 1, forSeconds: 30),
        AlertRule(name: "tier-memory", condition: .tierMemory, warning: 0.9, critical: 0.98, forSeconds: 30),
    ]

    /// The built-in rule named `name`.
    public static func rule(named name: String) -> AlertRule? {
        all.first { $0.name == name }
    }

    /// One line on what each rule watches, for `--help` and the README.
    public static func summary(of rule: AlertRule) -> String {
        switch rule.condition {
        case .serverDown: return "a server is DOWN (MAINT and DRAIN are deliberate and do not alert)"
        case .checksFailing: return "a server still UP is failing health checks (UP 1/3)"
        case .backendDown: return "a backend has no server up"
        case .imbalance: return "a server takes this many times its fair share by weight of its backend's traffic"
        case .persistenceImbalance: return "the same, for a server that gets most of it by persistence (sticky users, not the algorithm)"
        case .errorRatio: return "a backend's 5xx responses as a fraction of all its responses"
        case .latency: return "a server's response time in ms: p99 of the request log (--log), else HAProxy's rtime average"
        case .terminations: return "a server's requests ended on the server's side (sH, SC, sD…) as a fraction of its logged requests"
        case .latencyBaseline: return "a server's response time as a multiple of the median of its window"
        case .queue: return "requests waiting in a server's or backend's queue"
        case .sessions: return "a server's or frontend's sessions as a fraction of its limit"
        case .nodeCPU: return "a node's CPU %"
        case .nodeMemory: return "a node's memory used %"
        case .flapping: return "a server's state, or a backend's server count, changing back and forth (changes in the last 5 minutes)"
        case .saturationAhead: return "a backend's first server is predicted to saturate within 10 minutes at the current growth"
        case .targetStale: return "a status endpoint is not answering"
        case .tierDown: return "a cache tier (redis://, memcached://) is not answering"
        case .sessionStoreDown: return "the session store is not answering: every server loses its sessions"
        case .tierHitRatioDrop: return "how far a tier's hit ratio fell under the median of its own window"
        case .tierEvictions: return "keys a tier evicts per second to make room"
        case .tierMemory: return "a tier's used memory ÷ its limit (maxmemory)"
        }
    }
}
