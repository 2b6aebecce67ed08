import Foundation

extension IncidentReport {
    /// The report of `reader`'s recording between `from` and `to` (Unix seconds; nil = its start
    /// or end). Snapshots are rebuilt from the recorded bytes by `player`, by default with the
    /// current values alone (what the report reads); alerts and actions are the recorded ones.
    /// Without a `player`, the span is cut at minute starts into `parts` stretches (one per core
    /// by default, none shorter than `minimumPartSeconds`) replayed side by side, each on its own
    /// reader from a seek, and their builders appended in order: the same report, sooner.
    public static func make(from reader: RecordingReader, from start: Double? = nil, to end: Double? = nil,
                            player: ReplayPlayer? = nil, parts: Int = ProcessInfo.processInfo.activeProcessorCount,
                            minimumPartSeconds: Double = 600) async -> IncidentReport {
        let entries = reader.entries
        let first = start.map { wall in entries.partitioningIndex { $0.wall >= wall } } ?? 0
        let last = end.map { wall in entries.partitioningIndex { $0.wall > wall } } ?? entries.count
        if let player { return await gather(first..<last, with: player, primed: false).finish() }
        let stretches = cuts(entries, first..<last, parts: parts, minimumSeconds: minimumPartSeconds)
        let path = reader.path
        let builders = await withTaskGroup(of: (Int, IncidentReportBuilder?).self) { group in
            for (part, stretch) in stretches.enumerated().dropFirst() {
                group.addTask {
                    guard let reader = try? RecordingReader(path: path) else { return (part, nil) }
                    return (part, await gather(stretch, with: currentValuesPlayer(reader), primed: true))
                }
            }
            var builders = [IncidentReportBuilder?](repeating: nil, count: stretches.count)
            builders[0] = await gather(stretches[0], with: currentValuesPlayer(reader), primed: false)
            for await (part, builder) in group { builders[part] = builder }
            return builders
        }
        // A part whose reader could not be opened again: the whole span in one pass.
        guard builders.allSatisfy({ $0 != nil }) else {
            return await gather(first..<last, with: currentValuesPlayer(reader), primed: false).finish()
        }
        var builder = builders[0]!
        for later in builders.dropFirst() { builder.append(later!) }
        return builder.finish()
    }

    private static func currentValuesPlayer(_ reader: RecordingReader) -> ReplayPlayer {
        ReplayPlayer(reader: reader, evaluatesAlerts: false, content: .current)
    }

    /// Replays entries `range` into a builder; `primed`: a later stretch, which starts from the
    /// snapshot before it when there is one.
    private static func gather(_ range: Range<Int>, with player: ReplayPlayer, primed: Bool) async -> IncidentReportBuilder {
        let reader = player.reader
        var builder = IncidentReportBuilder()
        await player.seek(to: range.lowerBound)
        if primed, let snapshot = player.latest { builder.prime(with: snapshot) }
        for index in range {
            await player.play(to: index + 1)
            let entry = reader.entries[index]
            switch entry.kind {
            case .snapshot: if let snapshot = player.latest { builder.add(snapshot) }
            case .alert(let number): builder.add(alert: reader.alerts[number])
            case .action(let number): builder.add(action: reader.actions[number], at: Date(timeIntervalSince1970: entry.wall))
            case .poll: break
            }
        }
        return builder
    }

    /// `range` cut into at most `parts` stretches of at least `minimumSeconds`, each starting at
    /// the first entry of a minute (a minute's traffic is summed within one stretch) and holding
    /// a snapshot.
    static func cuts(_ entries: [RecordedEntry], _ range: Range<Int>, parts: Int, minimumSeconds: Double) -> [Range<Int>] {
        guard let start = entries[range].first?.wall, let end = entries[range].last?.wall else { return [range] }
        let count = max(1, min(parts, Int((end - start) / max(minimumSeconds, 1))))
        var bounds = [range.lowerBound]
        for part in 1..<count {
            let minute = ((start + (end - start) * Double(part) / Double(count)) / 60).rounded(.down) * 60
            let index = entries.partitioningIndex { $0.wall >= minute }
            guard index > bounds.last!, index < range.upperBound,
                  entries[bounds.last!..<index].contains(where: { $0.kind == .snapshot }) else { continue }
            bounds.append(index)
        }
        bounds.append(range.upperBound)
        return zip(bounds, bounds.dropFirst()).map { $0..<$1 }
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
