/// The demo's scripted incident, as a pure function of time within a cycle:
///
/// | seconds | what happens |
/// |---|---|
/// | 0–15 | steady round-robin: every `app` server gets a quarter of the traffic |
/// | 15–35 | a surge: traffic grows 2.5× and piles onto `app2` (75 % of `app`) |
/// | 35–78 | `app2` saturates: CPU pinned, memory climbing, latency and 5xx rising |
/// | 78–85 | its health checks start failing (`UP 2/3`, `UP 1/3`) |
/// | 85–100 | `app2` is `DOWN`; the other three take its traffic |
/// | 100–103 | checks pass again (`DOWN 1/2`) |
/// | 103–150 | `app2` is back `UP`, round-robin again, the surge fades out by 135 s |
public enum DemoScript {
    /// Length of one loop of the incident, in seconds.
    public static let cycleSeconds = 150
    /// The server the incident happens to.
    public static let hotServer = "app2"

    /// What the hot server looks like at second `phase` of the cycle.
    public struct HotServerPhase: Sendable, Equatable {
        /// HAProxy status text (`UP`, `UP 2/3`, `DOWN`, `DOWN 1/2`).
        public var status: String
        /// Fraction of the `app` backend's requests it receives.
        public var share: Double
        /// Fraction of its answers that are 5xx.
        public var errorFraction: Double
        /// Extra response time from overload, ms.
        public var extraLatencyMs: Double
        /// Memory used, percent.
        public var memoryPercent: Double
        /// Whether its health checks fail at this second.
        public var checkFails: Bool
    }

    /// Multiplier of the normal request rate at second `phase`: 1 → 2.5 → 1.
    public static func surge(at phase: Int) -> Double {
        switch phase {
        case ..<15: return 1
        case 15..<30: return 1 + 1.5 * Double(phase - 15) / 15
        case 30..<115: return 2.5
        case 115..<135: return 2.5 - 1.5 * Double(phase - 115) / 20
        default: return 1
        }
    }

    public static func hotServer(at phase: Int) -> HotServerPhase {
        let fair = 0.25
        let share: Double
        switch phase {
        case ..<15: share = fair
        case 15..<35: share = fair + 0.5 * Double(phase - 15) / 20
        case 35..<85: share = 0.75
        case 85..<103: share = 0
        default: share = fair
        }
        let status: String
        switch phase {
        case 78..<81: status = "UP 2/3"
        case 81..<85: status = "UP 1/3"
        case 85..<100: status = "DOWN"
        case 100..<103: status = "DOWN 1/2"
        default: status = "UP"
        }
        let strain = ramp(phase, from: 35, to: 85)
        let errors = ramp(phase, from: 55, to: 85) * 0.3
        let memory: Double
        switch phase {
        case ..<35: return HotServerPhase(status: status, share: share, errorFraction: 0, extraLatencyMs: 0,
                                          memoryPercent: 46 + Double(phase) * 0.1, checkFails: false)
        case 35..<85: memory = 49.5 + 44 * strain
        case 85..<103: memory = 21
        default: memory = 21 + min(25, Double(phase - 103) * 0.6)
        }
        return HotServerPhase(status: status, share: share, errorFraction: phase < 85 ? errors : 0,
                              extraLatencyMs: phase < 85 ? 900 * strain * strain : 0,
                              memoryPercent: memory, checkFails: (78..<100).contains(phase))
    }

    /// 0 before `start`, 1 after `end`, linear between.
    static func ramp(_ phase: Int, from start: Int, to end: Int) -> Double {
        min(1, max(0, Double(phase - start) / Double(end - start)))
    }
}
