import Foundation

extension IncidentReport {
    /// The report of `reader`'s recording between `from` and `to` (Unix seconds; nil = its start
    /// or end). Snapshots are rebuilt from the recorded bytes by `player`, by default with the
    /// current values alone (what the report reads); alerts and actions are the recorded ones.
    public static func make(from reader: RecordingReader, from start: Double? = nil, to end: Double? = nil,
                            player: ReplayPlayer? = nil) async -> IncidentReport {
        let player = player ?? ReplayPlayer(reader: reader, evaluatesAlerts: false, content: .current)
        let entries = reader.entries
        let first = start.map { wall in entries.partitioningIndex { $0.wall >= wall } } ?? 0
        let last = end.map { wall in entries.partitioningIndex { $0.wall > wall } } ?? entries.count
        var builder = IncidentReportBuilder()
        await player.seek(to: first)
        var index = first
        while index < last {
            await player.play(to: index + 1)
            let entry = entries[index]
            switch entry.kind {
            case .snapshot: if let snapshot = player.latest { builder.add(snapshot) }
            case .alert(let number): builder.add(alert: reader.alerts[number])
            case .action(let number): builder.add(action: reader.actions[number], at: Date(timeIntervalSince1970: entry.wall))
            case .poll: break
            }
            index += 1
        }
        return builder.finish()
    }

    /// The report as JSON for tools: sorted keys, ISO 8601 times.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }
}
