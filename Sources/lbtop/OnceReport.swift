import ArgumentParser
import Foundation
import LBTopCore

/// `--once --json`: poll twice, print the snapshot as JSON on stdout; exit 1 with a message on
/// stderr when no target could be read.
enum OnceReport {
    static func run(_ monitor: Monitor) async throws {
        let snapshot = await monitor.pollTwice()
        await monitor.stop()
        StandardOutput.ignoreBrokenPipe()
        _ = StandardOutput.write(try SnapshotJSON.encode(snapshot))
        let failures = snapshot.targets.filter { $0.health != .fresh }
        guard !snapshot.targets.isEmpty, failures.count == snapshot.targets.count else { return }
        let reasons = failures.map { "  \($0.displayURL): \($0.lastError ?? "no answer")" }.joined(separator: "\n")
        FileHandle.standardError.write(Data("lbtop: no target could be read:\n\(reasons)\n".utf8))
        throw ExitCode(1)
    }
}
