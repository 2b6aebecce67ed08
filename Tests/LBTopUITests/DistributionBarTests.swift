import Testing
import LBTopCore
@testable import LBTopUI

@Suite struct DistributionBarTests {
    func servers(_ rates: [Double], weights: [Int]? = nil) -> ArraySlice<ServerSnapshot> {
        var builder = SnapshotBuilder()
        for (i, rate) in rates.enumerated() { builder.server("app", "s\(i + 1)", weight: weights?[i] ?? 100, rate: rate) }
        return builder.build().servers[...]
    }

    @Test func evenTrafficIsEqualSegmentsAllOK() {
        var screen = InMemoryScreen(width: 14, height: 1, fill: "x")
        DistributionBar(servers: servers([100, 100, 100])).render(in: Rect(x: 0, y: 0, width: 12, height: 1), on: &screen)
        expectLines(screen, ["████▓▓▓▓████xx"])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...11, style: Style(.ok)),
                                             StyleRun(columns: 12...13, style: .plain)])
    }

    @Test func trafficPiledOntoOneServerIsOneLongCriticalSegment() {
        var screen = InMemoryScreen(width: 12, height: 1, fill: "x")
        DistributionBar(servers: servers([900, 50, 50])).render(in: Rect(x: 0, y: 0, width: 10, height: 1), on: &screen)
        expectLines(screen, ["█████████▓xx"])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...8, style: Style(.critical)),
                                             StyleRun(columns: 9...9, style: Style(.ok)),
                                             StyleRun(columns: 10...11, style: .plain)])
    }

    @Test func aWeightedServerGettingItsWeightedShareIsOK() {
        var screen = InMemoryScreen(width: 8, height: 1)
        let slice = servers([300, 100], weights: [300, 100])
        DistributionBar(servers: slice).render(in: Rect(x: 0, y: 0, width: 8, height: 1), on: &screen)
        expectLines(screen, ["██████▓▓"])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...7, style: Style(.ok))])
        #expect(DistributionBar.mostOverloaded(slice) == nil)
    }

    @Test func noTrafficIsAnEmptyMutedBar() {
        var screen = InMemoryScreen(width: 6, height: 1)
        DistributionBar(servers: servers([0, 0]), glyphs: .ascii).render(in: Rect(x: 0, y: 0, width: 6, height: 1), on: &screen)
        expectLines(screen, ["......"])
        #expect(screen.styleRuns(row: 0) == [StyleRun(columns: 0...5, style: Style(.muted))])
    }

    @Test func theMostOverloadedServerIsNamed() {
        let slice = servers([100, 700, 200])
        #expect(DistributionBar.mostOverloaded(slice)?.id.server == "s2")
    }
}
