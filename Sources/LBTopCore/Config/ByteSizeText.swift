import Foundation

/// Sizes written for people: `500MB`, `1GiB`, `64 KiB`, `1048576`.
public enum ByteSizeText {
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let number = Double(digits), number >= 0 else { return nil }
        let units: [String: Double] = ["": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9,
                                       "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824]
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let scale = units[unit] else { return nil }
        // `1e30GB` has no Int64: not a size, rather than a trap.
        return Int64(exactly: (number * scale).rounded(.down))
    }
}
