import Testing
@testable import LBTopUI

@Suite struct ValueFormatTests {
    @Test func compactRates() {
        let values: [Double] = [0, 0.34, 9.5, 9.96, 120, 999.4, 1_234, 34_000, 1_250_000, 7e9]
        #expect(values.map(ValueFormat.compact) == ["0", "0.3", "9.5", "10", "120", "999", "1.2k", "34k", "1.3M", "7.0G"])
    }

    @Test func percentsMillisecondsAgesLoads() {
        #expect([0, 0.004, 1.0 / 3, 1].map { ValueFormat.percent(fraction: $0) } == ["0%", "0.4%", "33%", "100%"])
        #expect([0, 12.4, 850, 1_234, 35_000].map(ValueFormat.milliseconds) == ["0ms", "12ms", "850ms", "1.2s", "35s"])
        #expect([0, 12, 192, 7_500, 273_600].map { ValueFormat.age(seconds: $0) } == ["0s", "12s", "3m12s", "2h05m", "3d04h"])
        #expect([0.42, 3.1, 12.54, 124].map(ValueFormat.load) == ["0.42", "3.10", "12.5", "124"])
    }
}
