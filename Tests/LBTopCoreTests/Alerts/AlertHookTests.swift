import Foundation
import LBTopCore
import Testing

private typealias S = ScriptedSnapshots

@Suite struct AlertHookTests {
    @Test func theCommandGetsEachTransitionAsJSONOnStdin() async throws {
        let dir = try TemporaryDirectory()
        let hook = AlertHook(command: "cat >> '\(dir.path)/received.jsonl'", maxConcurrent: 1)
        let engine = AlertEngine(rules: [S.rule("server-down")], log: InMemoryAlertLog(), hook: hook)
        _ = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        _ = await engine.evaluate(S.snapshot(at: 1, servers: [S.server("app1")]))
        await hook.finish()

        let text = try String(contentsOfFile: dir.path + "/received.jsonl", encoding: .utf8)
        let records = text.split(separator: "\n").compactMap { AlertLogRecord.parse(line: Array($0.utf8)) }
        #expect(records.map(\.state) == [.firing, .resolved])
        #expect(records.map(\.subject) == ["app/app1", "app/app1"])
    }

    @Test func aHangingCommandIsKilledAndNeverBlocksEvaluation() async throws {
        let dir = try TemporaryDirectory()
        let marker = dir.path + "/started"
        let hook = AlertHook(command: "touch '\(marker)'; exec sleep 600", timeout: 2)
        let engine = AlertEngine(rules: [S.rule("server-down")], log: InMemoryAlertLog(), hook: hook)
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        #expect(alerts.states == ["firing warning"])
        await hook.finish()   // returns only because the 600 s sleep was killed
        #expect(FileManager.default.fileExists(atPath: marker))
    }

    @Test func aCommandThatIgnoresStdinOrFailsHarmsNothing() async throws {
        let hook = AlertHook(command: "exit 3")
        hook.notify([AlertLogRecord(AlertLogTests.sample, at: S.at(0))])
        await hook.finish()
    }
}
