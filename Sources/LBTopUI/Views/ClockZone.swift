#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The zone the header clock reads: the system's local time, or a fixed offset from UTC (tests).
///
/// Local time comes from the C library (`localtime_r`, which follows `TZ` and /etc/localtime),
/// not from Foundation's `TimeZone`: on Linux that loads ICU's time-zone rules and data, about a
/// megabyte resident for the sake of one `HH:mm:ss` a second.
public struct ClockZone: Sendable, Equatable {
    private let fixedOffset: Int?

    /// The system's local time.
    public static let local = ClockZone(fixedOffset: nil)
    public static let utc = ClockZone(fixedOffset: 0)

    /// A zone `seconds` east of UTC.
    public static func offset(_ seconds: Int) -> ClockZone { ClockZone(fixedOffset: seconds) }

    private init(fixedOffset: Int?) { self.fixedOffset = fixedOffset }

    /// Seconds east of UTC at `date`.
    public func secondsFromGMT(for date: Date) -> Int {
        if let fixedOffset { return fixedOffset }
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else { return 0 }
        return Int(parts.tm_gmtoff)
    }
}
