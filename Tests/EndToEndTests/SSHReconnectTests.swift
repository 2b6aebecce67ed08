import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// Reconnecting an `ssh://` node: the real ssh client against a port where nothing listens,
    /// started through an `ssh` wrapper first on `PATH` that logs each start and end.
    @Suite struct SSHReconnectTests {
        @Test func attemptsBackOffFromOneSecondAndNeverOverlap() async throws {
            let ssh = try Executable.find("ssh", package: "openssh-client")
            let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-sshwrap-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let log = directory.appendingPathComponent("starts.log").path
            let wrapper = directory.appendingPathComponent("ssh").path
            try """
                #!/bin/sh
                case "$1" in -G) exec \(ssh) "$@";; esac
                echo "start $(date +%s.%N)" >> \(log)
                \(ssh) "$@"; status=$?
                echo "end $(date +%s.%N)" >> \(log)
                exit $status

                """.write(toFile: wrapper, atomically: true, encoding: .utf8)
            chmod(wrapper, 0o755)
            let port = try Loopback.freePort()
            let spec = try NodeTargetSpec.parse("ssh://127.0.0.1:\(port)")
            guard case .ssh(let destination) = spec.location else { throw LoopbackError("not an ssh spec") }
            let searchPath = directory.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
            let collector = SSHNodeCollector(spec: spec, destination: destination, configFile: "/dev/null", searchPath: searchPath)
            defer { Task { await collector.close() } }
            let refused = "ssh: connect to host 127.0.0.1 port \(port): Connection refused"

            // Four polls at once share one attempt.
            let errors = await withTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        do { _ = try await collector.collect(); return "answered" } catch { return "\(error)" }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(errors == Array(repeating: refused, count: 4))
            #expect(try events(log).filter { $0.kind == "start" }.count == 1)

            // Polled every 100 ms, attempts come 1 s, 2 s, 4 s after the previous one failed.
            let deadline = MonotonicTime.now() + 30
            while try events(log).filter({ $0.kind == "start" }).count < 4, MonotonicTime.now() < deadline {
                do { _ = try await collector.collect() } catch { #expect("\(error)" == refused) }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            let all = try events(log)
            #expect(all.map(\.kind) == Array(repeating: ["start", "end"], count: all.count / 2).flatMap { $0 },
                    "one attempt at a time: \(all)")
            let starts = all.filter { $0.kind == "start" }.map(\.time)
            let ends = all.filter { $0.kind == "end" }.map(\.time)
            try #require(starts.count >= 4, "\(all)")
            for (index, delay) in [1.0, 2.0, 4.0].enumerated() {
                #expect(starts[index + 1] - ends[index] >= delay - 0.15, "attempt \(index + 2): \(all)")
            }
        }

        private func events(_ path: String) throws -> [(kind: String, time: Double)] {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap { line in
                let fields = line.split(separator: " ")
                guard fields.count == 2, let time = Double(fields[1]) else { return nil }
                return (String(fields[0]), time)
            }
        }
    }
}
