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
    /// Events per second (evictions).
    case perSecond
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
        case .perSecond: return Self.fixed(value, digits: value >= 10 ? 0 : 1) + "/s"
        case .flag: return value >= 1 ? "yes" : "no"
        }
    }

    /// `value` with `digits` (0 or 1) decimals, rounded as C's `%.*f` does (by the exact binary
    /// value, an exact tie to even), without Foundation's `String(format:)`: an alert's words are
    /// built on every poll it breaches.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let scale = digits > 0 ? 10.0 : 1.0
        let magnitude = abs(value)
        let scaled = magnitude * scale
        guard scaled < 1e15 else { return String(format: "%.\(digits)f", value) }
        // `scaled` is rounded; the product's exact value is `scaled + error` (a fused multiply-add
        // gives the rounding error exactly), which decides a product that lands on a half.
        let error = (-scaled).addingProduct(magnitude, scale)
        var units = Int64(scaled.rounded(.down))
        let fraction = scaled - Double(units)
        if fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && units % 2 == 1))) { units += 1 }
        let sign = value.sign == .minus ? "-" : ""
        return digits > 0 ? sign + String(units / 10) + "." + String(units % 10) : sign + String(units)
    }
}
