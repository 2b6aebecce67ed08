import LBTopCore
import Testing

/// A backend's forecast from its servers' sessions against `maxconn` and their nodes' CPU.
@Suite struct CapacityForecastTests {
    static let target = TargetID("lb")

    static func server(_ name: String, sessions: [Double], limit: Int?, node: NodeID? = nil) -> ServerSnapshot {
        ServerSnapshot(id: ServerID(target: target, backend: "app", server: name), state: ServerState(kind: .up),
                       sessions: sessions.last.map { Int($0) }, sessionLimit: limit, node: node,
                       history: ServerHistory(sessions: Series(sessions)))
    }

    static func snapshot(_ servers: [ServerSnapshot], nodes: [NodeSnapshot] = [], rates: [Double] = []) -> Snapshot {
        let backend = ProxySnapshot(id: ProxyID(target: target, proxy: "app"), kind: .backend, status: "UP",
                                    servers: servers.map(\.id), history: ProxyHistory(requestRate: Series(rates)))
        return Snapshot(interval: 1, backends: [backend], servers: servers, nodes: nodes)
    }

    @Test func theFirstServerToReachItsMaxconnAndTheServersThatWouldKeepAllUnder70Percent() throws {
        // app1's sessions climb 0.5 a poll toward its maxconn of 100 (at 60 after 120 polls: 80
        // polls to go); app2 holds at 30 of 100.
        let ramp: [Double] = (0..<120).map { (i: Int) -> Double in 0.5 * Double(i) + 0.5 + Double(i % 3) - 1 }
        let flat: [Double] = (0..<120).map { (i: Int) -> Double in 30 + Double(i % 5) - 2 }
        let snapshot = Self.snapshot([Self.server("app1", sessions: ramp, limit: 100),
                                      Self.server("app2", sessions: flat, limit: 100)],
                                     rates: (0..<120).map { (i: Int) -> Double in 100 + Double(i) })
        let forecast = try #require(CapacityForecast.forecasts(in: snapshot)[0])
        #expect(forecast.server.server == "app1" && forecast.resource == CapacityForecast.Resource.sessions)
        #expect(abs(forecast.secondsToSaturation - 80) < 8, "\(forecast.secondsToSaturation)")
        // In 600 s app1's line is far past 100 %: 0.6 + 0.005 × 600 = 3.6, plus app2's 0.3: 3.9 of
        // load over servers each kept at 0.7: 6 servers.
        #expect(forecast.servers == 2 && forecast.serversNeeded == 6)
        #expect(abs((forecast.requestRateGrowthPerMinute ?? 0) - 60) < 1)
    }

    @Test func flatOrSteppedLoadHasNoForecast() {
        let flat: [Double] = (0..<120).map { (i: Int) -> Double in 50 + Double(i % 7) - 3 }
        let step: [Double] = (0..<120).map { (i: Int) -> Double in i < 60 ? 20 : 60 }
        for sessions in [flat, step] {
            let snapshot = Self.snapshot([Self.server("app1", sessions: sessions, limit: 100)])
            #expect(CapacityForecast.forecasts(in: snapshot)[0] == nil)
        }
    }

    @Test func aNodesRisingCPUCountsForTheServersOnIt() throws {
        let cpu: [Double] = (0..<120).map { (i: Int) -> Double in 40 + 0.25 * Double(i) + Double(i % 3) }
        let node = NodeSnapshot(id: NodeID("web1"), name: "web1", history: NodeHistory(cpuPercent: Series(cpu)))
        let snapshot = Self.snapshot([Self.server("app1", sessions: [], limit: nil, node: NodeID("web1"))], nodes: [node])
        let forecast = try #require(CapacityForecast.forecasts(in: snapshot)[0])
        #expect(forecast.resource == CapacityForecast.Resource.cpu)
        // At the newest poll the line stands near 70.75 %: (100 − 70.75) / 0.25 ≈ 117 polls.
        #expect(abs(forecast.secondsToSaturation - 117) < 12, "\(forecast.secondsToSaturation)")
    }
}
