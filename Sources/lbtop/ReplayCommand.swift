import ArgumentParser
import Foundation
import LBTopCore
import LBTopUI

/// `lbtop replay FILE [--at TIME]`: the dashboard over a recording, or with `--json` every
/// snapshot the recording rebuilds, one JSON line each.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the dashboard on a recording (--record FILE), rebuilt through the same parsers, store and alert rules.",
        discussion: "Keys: Space play/pause, Left/Right one poll, [ and ] previous/next alert transition or action, < and > one minute, + and - speed (x1 to x60)."
    )

    @Argument(help: ArgumentHelp("A recording made with --record.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Start at TIME: 14:02:10, 14:02, +5m from the start, or 2026-11-25T14:02:10.", valueName: "time"))
    var at: String?

    @Flag(help: "Print every snapshot the recording rebuilds as one JSON line (the --json document) and exit.")
    var json = false

    @Option(help: ArgumentHelp("Theme: a name (built in: \(ThemeLibrary.builtinNames.joined(separator: ", "))) or a .theme file.",
                               valueName: "theme"))
    var theme: String?

    @Flag(help: "Draw graphs, bars and boxes in ASCII.")
    var ascii = false

    @Option(help: ArgumentHelp("Config file (TOML) whose alert rules are replayed (default \(StandardPaths.current.configFile)).",
                               valueName: "file"))
    var config: String?

    func run() async throws {
        let reader = try RecordingOpening.open(file)
        let loaded = try RecordingOpening.config(config)
        let player = ReplayPlayer(reader: reader, rules: loaded.alertRules)
        var start = 0
        if let at {
            guard let first = reader.entries.first, let wall = ReplayTime.parse(at, start: first.wall) else {
                throw ValidationError("--at \(at): write 14:02:10, 14:02, +5m or 2026-11-25T14:02:10")
            }
            start = reader.firstEntry(after: wall)
        }
        if json {
            StandardOutput.ignoreBrokenPipe()
            await player.seek(to: start)
            for index in player.position..<reader.entries.count {
                await player.play(to: index + 1)
                guard case .snapshot = reader.entries[index].kind, let snapshot = player.latest else { continue }
                guard StandardOutput.write(try SnapshotJSON.encodeLine(snapshot)) else { return }
            }
            return
        }
        let feed = await ReplayFeed(player: player, start: start)
        try await Dashboard.run(feed: feed, options: DashboardOptions(theme: theme ?? loaded.theme, ascii: ascii,
                                                                        persistTheme: nil, replay: feed))
    }
}

/// Opening a recording and the config for replay and report, with their errors as usage errors.
enum RecordingOpening {
    static func open(_ path: String) throws -> RecordingReader {
        do {
            let reader = try RecordingReader(path: path)
            if let damage = reader.damage {
                FileHandle.standardError.write(Data("lbtop: \(path) is damaged, reading what comes before: \(damage)\n".utf8))
            }
            return reader
        } catch {
            FileHandle.standardError.write(Data("lbtop: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func config(_ path: String?) throws -> Config {
        do {
            return try ConfigLoader().load(path: path)
        } catch let errors as ConfigErrors {
            throw ValidationError("invalid config:\n" + errors.description)
        }
    }
}
