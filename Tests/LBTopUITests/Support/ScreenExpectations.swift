import Foundation
import Testing
@testable import LBTopUI

/// A run of cells in one style on one row, as ratatui lists styles: only where the style changes.
struct StyleRun: Equatable, CustomStringConvertible {
    var columns: ClosedRange<Int>
    var style: Style
    var description: String { "\(columns.lowerBound)-\(columns.upperBound) \(style.role)\(style.emphasis.isEmpty ? "" : " \(style.emphasis.rawValue)")" }
}

extension InMemoryScreen {
    /// The style runs of `row`, left to right (continuation cells belong to their wide character).
    func styleRuns(row: Int) -> [StyleRun] {
        var runs: [StyleRun] = []
        for x in 0..<width {
            let style = self[x, row].style
            if let last = runs.last, last.style == style, last.columns.upperBound == x - 1 {
                runs[runs.count - 1].columns = last.columns.lowerBound...x
            } else {
                runs.append(StyleRun(columns: x...x, style: style))
            }
        }
        return runs
    }

    /// Every cell's text in `columns` of `row`, joined (for checking one column of a table).
    func text(row: Int, columns: Range<Int>) -> String {
        columns.map { self[$0, row].text }.joined()
    }

    /// True when no cell holds a C0/C1 control scalar or DEL.
    var hasNoRawControlBytes: Bool {
        cells.allSatisfy { cell in
            cell.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value) }
        }
    }
}

/// Compares the whole screen with `expected`, line by line; on a difference prints both grids
/// row by row so a column one cell off is visible.
func expectLines(_ screen: InMemoryScreen, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = screen.lines
    guard actual != expected else { return }
    var report = "screen differs (\(screen.width)x\(screen.height)):\n"
    for row in 0..<max(actual.count, expected.count) {
        let got = row < actual.count ? actual[row] : "<none>"
        let want = row < expected.count ? expected[row] : "<none>"
        report += (got == want ? "    " : "  ! ") + String(format: "%2d", row) + " got  |" + got + "|\n"
        if got != want { report += "       want |" + want + "|\n" }
    }
    Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
}

/// Renders `view` into a `width`×`height` rect of a screen one cell larger each way, pre-filled
/// with `x`, so anything written outside the rect shows.
func renderView(_ view: some DashboardView, _ context: ViewContext, width: Int, height: Int) -> InMemoryScreen {
    var screen = InMemoryScreen(width: width + 1, height: height + 1, fill: "x")
    view.render(context, in: Rect(x: 0, y: 0, width: width, height: height), on: &screen)
    return screen
}
