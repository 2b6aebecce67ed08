#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation
import Testing
@testable import LBTopUI

/// The header clock's zone: local time from the C library, or a fixed offset.
@Suite(.serialized) struct ClockZoneTests {
    @Test func localTimeFollowsTZLikeDate() throws {
        let saved = getenv("TZ").map { String(cString: $0) }
        defer {
            if let saved { setenv("TZ", saved, 1) } else { unsetenv("TZ") }
            tzset()
        }
        let date = Date(timeIntervalSince1970: 1_800_000_000)   // 2027-01-15 08:00:00 UTC
        setenv("TZ", "LBT-5:30", 1); tzset()                     // POSIX: 5 h 30 east of UTC
        #expect(ClockZone.local.secondsFromGMT(for: date) == 19_800)
        #expect(HeaderBar.clockText(date, in: .local) == "13:30:00")
        setenv("TZ", "UTC0", 1); tzset()
        #expect(HeaderBar.clockText(date, in: .local) == "08:00:00")
        #expect(HeaderBar.clockText(date, in: .offset(-3_600)) == "07:00:00")
        #expect(HeaderBar.clockText(date, in: .utc) == "08:00:00")
    }
}
