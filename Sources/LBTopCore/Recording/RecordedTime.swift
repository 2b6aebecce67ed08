import Foundation

/// Wall-clock time as a recording stores it (Unix seconds as a `Double`), so a replay's snapshot
/// times are the live ones to the bit.
public enum RecordedTime {
    public static func wallNow() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970) }
}
