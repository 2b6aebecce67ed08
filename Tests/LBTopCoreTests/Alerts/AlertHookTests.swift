import Foundation
import LBTopCore
import Logging
import Synchronization
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

    @Test func aHangingCommandIsKilledWithItsChildrenAndNeverBlocksEvaluation() async throws {
        let dir = try TemporaryDirectory()
        let childPID = dir.path + "/child.pid"
        let hook = AlertHook(command: "sleep 600 & echo $! > '\(childPID)'; wait", timeout: 2)
        let engine = AlertEngine(rules: [S.rule("server-down")], log: InMemoryAlertLog(), hook: hook)
        let alerts = await engine.evaluate(S.snapshot(at: 0, servers: [S.server("app1", state: .down)]))
        #expect(alerts.states == ["firing warning"])
        await hook.finish()   // returns only because the shell was killed at its timeout

        let text = try String(contentsOfFile: childPID, encoding: .utf8)
        let pid = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        // The shell's child went with its process group (at most a zombie until init reaps it).
        var gone = false
        for _ in 0..<100 where !gone {
            let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            gone = status == nil || status!.contains(") Z ")
            if !gone { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(gone, "sleep \(pid) survived the hook's timeout")
    }

    @Test func aCommandThatIgnoresStdinOrFailsHarmsNothing() async throws {
        // Never reads its stdin and exits 3: each transition still gets its own run, and each
        // failure is logged with its status.
        let dir = try TemporaryDirectory()
        let warnings = CollectedLog()
        let hook = AlertHook(command: "echo ran >> '\(dir.path)/runs'; exit 3", maxConcurrent: 1,
                             logger: Logger(label: "test") { _ in warnings })
        let record = AlertLogRecord(AlertLogTests.sample, at: S.at(0))
        hook.notify([record, record, record])
        await hook.finish()

        let runs = try String(contentsOfFile: dir.path + "/runs", encoding: .utf8)
        #expect(runs == "ran\nran\nran\n")
        #expect(warnings.messages.filter { $0.hasSuffix("exited with status 3") }.count == 3, "\(warnings.messages)")
    }
}

/// A log handler that keeps every message, for tests that check what was logged.
final class CollectedLog: LogHandler, Sendable {
    private let lines = Mutex<[String]>([])
    var messages: [String] { lines.withLock { $0 } }

    func log(event: LogEvent) { lines.withLock { $0.append("\(event.message)") } }

    var metadata: Logger.Metadata { get { [:] } set {} }
    var logLevel: Logger.Level { get { .trace } set {} }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { nil } set {} }
}
