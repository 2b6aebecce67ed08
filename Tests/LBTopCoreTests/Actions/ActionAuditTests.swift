import Foundation
import Synchronization
import LBTopCore
import Testing

/// Actions in the alert log: one JSON line each, `"kind":"action"`, durable before `perform`
/// returns, read back beside the alert transitions, and handed to observers.
@Suite struct ActionAuditTests {
    static let target = ScriptedSnapshots.target
    static let app1 = ServerID(target: target, backend: "app", server: "app1")

    @Test func everyOutcomeIsAuditedInTheFileBeforePerformReturns() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-actions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("alerts.jsonl").path
        let log = FileAlertLog(path: path)
        let seen = Observed()
        let transport = RecordingTransport(answer: "Permission denied")
        let executor = ActionExecutor(policy: ActionPolicy([Self.target: transport]), collectors: [],
                                      audit: ActionAudit(log: log, observers: [{ seen.add($0) }]))
        let snapshot = ScriptedSnapshots.snapshot(at: 0, servers: [ScriptedSnapshots.server("app1"),
                                                                   ScriptedSnapshots.server("app2")])
        let rejected = await executor.perform(ActionRequest(.drain, servers: [Self.app1]), confirmed: true,
                                              in: snapshot, by: "bob")
        let cancelled = await executor.perform(ActionRequest(.maint, servers: [Self.app1]), confirmed: false,
                                               in: snapshot, by: "bob")
        #expect(rejected.map(\.outcome) == [.rejected])
        #expect(rejected.first?.answer == "Permission denied")
        #expect(cancelled.map(\.outcome) == [.cancelled])
        #expect(transport.sent == ["set server app/app1 state drain"], "a cancelled action sends nothing")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains("\"kind\":\"action\"") && $0.contains("\"user\":\"bob\"") })
        #expect(lines[0].contains("\"command\":\"set server app/app1 state drain\""))
        #expect(lines[0].contains("\"state_before\":\"UP\""))
        let contents = try log.read()
        #expect(contents.actions.map(\.outcome) == [.rejected, .cancelled])
        #expect(contents.skippedLines == 0)
        #expect(contents.records.isEmpty)
        #expect(seen.records.map(\.outcome) == [.rejected, .cancelled])
        #expect(await executor.recent().map(\.outcome) == [.cancelled, .rejected])

        // A restarted lbtop lists the actions it finds in the log.
        let restarted = ActionExecutor(policy: .off, collectors: [], audit: ActionAudit(log: FileAlertLog(path: path)))
        #expect(await restarted.recent().map(\.outcome) == [.cancelled, .rejected])
    }

    @Test func anActionOnATargetWithActionsOffIsRefusedAndAudited() async {
        let log = InMemoryAlertLog()
        let executor = ActionExecutor(policy: .off, collectors: [], audit: ActionAudit(log: log))
        let snapshot = ScriptedSnapshots.snapshot(at: 0, servers: [ScriptedSnapshots.server("app1")])
        let records = await executor.perform(ActionRequest(.drain, servers: [Self.app1]), confirmed: true,
                                             in: snapshot, by: "bob")
        #expect(records.map(\.outcome) == [.refused])
        #expect(log.actions.first?.answer == ActionPolicy.howToEnable)
    }
}

private final class Observed: Sendable {
    private let storage = Mutex<[ActionRecord]>([])
    func add(_ records: [ActionRecord]) { storage.withLock { $0.append(contentsOf: records) } }
    var records: [ActionRecord] { storage.withLock { $0 } }
}
