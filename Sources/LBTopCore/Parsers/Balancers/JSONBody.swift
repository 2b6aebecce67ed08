import Foundation

/// A JSON status body read with Foundation's parser, with the lenient number reading every
/// balancer API needs (Envoy writes uint64 stats as strings; missing means 0 there, unknown here).
enum JSONBody {
    /// The parsed top-level value, or a `CollectError` that says the JSON is malformed.
    static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw CollectError(.badPayload, "malformed JSON")
        }
    }

    /// An integer from a JSON number or a numeric string; nil otherwise.
    static func integer(_ value: Any?) -> Int64? {
        switch value {
        case let number as NSNumber:
            let double = number.doubleValue
            return double.isFinite && abs(double) < 9e18 ? Int64(double.rounded()) : nil
        case let text as String:
            return Int64(text) ?? Double(text).flatMap { $0.isFinite && abs($0) < 9e18 ? Int64($0.rounded()) : nil }
        default:
            return nil
        }
    }

    static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as NSNumber: number.doubleValue
        case let text as String: Double(text)
        default: nil
        }
    }
}
