import Foundation
import LBTopCore

/// The built `lbtop` executable, found next to the test bundle in the build folder.
enum LBTopBinary {
    static func path() throws -> String {
        var candidates: [URL] = []
        if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent()) }
        for directory in candidates {
            let candidate = directory.appendingPathComponent("lbtop").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw LoopbackError("the lbtop binary is not built next to the tests (looked in \(candidates.map(\.path))): run `swift build` first")
    }

    struct Run {
        var status: Int32
        var stdout: Data
        var stderr: String

        /// stdout decoded as the `--once --json` document.
        func document() throws -> SnapshotJSON.Document {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            do {
                return try decoder.decode(SnapshotJSON.Document.self, from: stdout)
            } catch {
                throw LoopbackError("stdout is not the JSON document (\(error)): \(String(decoding: stdout, as: UTF8.self).prefix(400)) stderr: \(stderr)")
            }
        }
    }

    /// Runs lbtop with `arguments` and waits for it to exit (killed after `timeout` seconds).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws -> Run {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        return try run(program: try path(), arguments, exactEnvironment: env, timeout: timeout)
    }

    /// Runs `program` with exactly `exactEnvironment` (nothing inherited) and waits for it to exit.
    static func run(program: String, _ arguments: [String], exactEnvironment: [String: String],
                    timeout: Double = 60) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = exactEnvironment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently so a large output cannot block the child.
        let outData = LockedData(), errData = LockedData()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        let killer = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let status = process.exitStatus(waitingAtMost: timeout + 15) ?? -1
        killer.cancel()
        group.wait()
        return Run(status: status, stdout: outData.get(), stderr: String(decoding: errData.get(), as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
