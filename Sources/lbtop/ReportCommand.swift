import ArgumentParser
import Foundation
import LBTopCore

/// `lbtop report FILE [--from TIME] [--to TIME] [--format markdown|json]`: the post-incident
/// report of a recording.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Draft the post-incident report of a recording: summary, timeline, per-server peaks, traffic per minute."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case markdown, json }

    @Argument(help: ArgumentHelp("A recording made with --record.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Start at TIME: 14:02:10, 14:02, +5m from the start, or 2026-11-25T14:02:10.", valueName: "time"))
    var from: String?

    @Option(help: ArgumentHelp("End at TIME (same forms as --from).", valueName: "time"))
    var to: String?

    @Option(help: "markdown (for an incident document) or json (for tools).")
    var format: Format = .markdown

    func run() async throws {
        let reader = try RecordingOpening.open(file)
        let start = reader.entries.first?.wall ?? 0
        func time(_ text: String?, _ name: String) throws -> Double? {
            guard let text else { return nil }
            guard let wall = ReplayTime.parse(text, start: start) else {
                throw ValidationError("--\(name) \(text): write 14:02:10, 14:02, +5m or 2026-11-25T14:02:10")
            }
            return wall
        }
        let report = await IncidentReport.make(from: reader, from: try time(from, "from"), to: try time(to, "to"))
        StandardOutput.ignoreBrokenPipe()
        switch format {
        case .markdown: _ = StandardOutput.write(Data(report.markdown().utf8))
        case .json: _ = StandardOutput.write(try report.json())
        }
    }
}
