import Foundation
import Testing
@testable import LBTopCore

struct AlertUnitTests {
    /// Alert words print numbers as C's `%.0f` / `%.1f` would, without `String(format:)`.
    @Test func fixedDecimalsReadAsPrintfDoes() {
        let values: [Double] = [0, 0.04, 0.05, 0.44, 0.96, 1.96, 2, 2.25, 2.35, 2.5, 3.5, 12.5, 13.5, 99.95, 99.94,
                                1234.56, 75.7, 25, 0.1 + 0.2, 1e9 + 0.25, -0.5, -3.26]
        for value in values {
            for digits in [0, 1] {
                #expect(AlertUnit.fixed(value, digits: digits) == String(format: "%.\(digits)f", value),
                        "\(value) with \(digits) digits")
            }
        }
        #expect(AlertUnit.factor.format(15.1366) == "15.1×")
        #expect(AlertUnit.ratio.format(0.757) == "75.7%")
        #expect(AlertUnit.fixed(.nan, digits: 1) == "–")
    }
}
