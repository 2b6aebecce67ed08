import Foundation

/// What an alert's value measures, so a view can print `value vs threshold` without knowing rules.
public enum AlertUnit: String, Sendable, Codable {
    /// A fraction 0…1 shown as a percentage (5xx ratio, sessions of limit).
    case ratio
    /// Already a percentage 0…100 (CPU, memory).
    case percent
    case milliseconds
    /// A multiple (share ÷ fair share, latency ÷ baseline).
    case factor
    /// A plain count (queued requests).
    case count
    /// 1 when a condition holds (server DOWN, target stale): no number worth showing.
    case flag

    /// Formats `value` the way this unit reads.
    public func format(_ value: Double) -> String {
        switch self {
        case .ratio: return Self.fixed(value * 100, digits: 1) + "%"
        case .percent: return Self.fixed(value, digits: 0) + "%"
        case .milliseconds: return Self.fixed(value, digits: 0) + " ms"
        case .factor: return Self.fixed(value, digits: 1) + "×"
        case .count: return Self.fixed(value, digits: value.rounded() == value ? 0 : 1)
        case .flag: return value >= 1 ? "yes" : "no"
        }
    }

    private static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.\(digits)f", value)
    }
}
