import Foundation
import Testing
@testable import LBTopCore

/// `lbtop report` over `IncidentRecording`: the report made from only what it reads is the one
/// made from every snapshot built whole, as the replay builds them, to the exact fraction of a
/// second; and its summary groups the downs per server.
@Suite struct IncidentReportTests {
    /// The report as JSON with exact times (the command's ISO 8601 drops fractions of a second).
    static func exactJSON(_ report: IncidentReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// The report of `reader` made from whole snapshots (the request-log figures left out, as the
    /// report always did).
    static func wholeSnapshotReport(_ reader: RecordingReader, from: Double? = nil, to: Double? = nil) async -> IncidentReport {
        await IncidentReport.make(from: reader, from: from, to: to,
                                  player: ReplayPlayer(reader: reader, evaluatesAlerts: false,
                                                       content: SnapshotContent.whole.subtracting(.logFigures)))
    }

    @Test func theReportIsTheOneWholeSnapshotsMake() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/incident.lbrec"
        try IncidentRecording.write(to: path)
        let reader = try RecordingReader(path: path)
        let report = await IncidentReport.make(from: reader)
        #expect(try Self.exactJSON(report) == Self.exactJSON(await Self.wholeSnapshotReport(reader)))
        // What the fixture holds, so that the two cannot agree by both being empty.
        #expect(report.summary.downtimes.map(\.server) == ["app/app2", "app/app3", "app/app3", "api/api1"])
        #expect(report.summary.downtimes.last?.to == nil)
        #expect(report.summary.worstShare?.server == "app/app2")
        #expect(report.summary.peakResponseTime?.value == 900)
        #expect(report.summary.peakNodeCPU?.subject == "node1")
        #expect(Set(report.timeline.map(\.kind)) == [.alert, .state, .reload, .stale, .answering, .action])
        #expect(report.distributions.map(\.backend) == ["api", "app"])
        #expect(report.servers.count == IncidentRecording.servers.count)
        #expect(report.servers.contains { ($0.peakErrorRate ?? 0) > 0 })

        let start = IncidentRecording.start
        let part = await IncidentReport.make(from: reader, from: start + 120, to: start + 420)
        #expect(try Self.exactJSON(part) == Self.exactJSON(await Self.wholeSnapshotReport(reader, from: start + 120, to: start + 420)))
        #expect(part.summary.downtimes.map(\.server) == ["app/app2", "app/app3", "app/app3"])
        #expect(part.summary.from.timeIntervalSince1970 >= start + 120)
    }

    /// The report replayed in stretches side by side is the one made in one pass, to the bit: the
    /// cuts fall inside app2's down (120 s), on api2's MAINT (300 s), after the reload, and inside
    /// api1's down that is still open at the end (540 s).
    @Test(arguments: [(2, 0.0), (4, 0.0), (9, 0.0), (2, 490.0)])
    func theReportMadeInPartsIsTheOneMadeInOnePass(parts: Int, from offset: Double) async throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/incident.lbrec"
        try IncidentRecording.write(to: path)
        let reader = try RecordingReader(path: path)
        let from = IncidentRecording.start + offset
        let stretches = IncidentReport.cuts(reader.entries, reader.entries.partitioningIndex { $0.wall >= from }..<reader.entries.count,
                                            parts: parts, minimumSeconds: 30)
        #expect(stretches.count == parts)
        let onePass = await IncidentReport.make(from: reader, from: from, parts: 1)
        let inParts = await IncidentReport.make(from: reader, from: from, parts: parts, minimumPartSeconds: 30)
        #expect(try Self.exactJSON(inParts) == Self.exactJSON(onePass))
        #expect(onePass.summary.downtimes.contains { $0.server == "api/api1" && $0.to == nil })
    }
}
