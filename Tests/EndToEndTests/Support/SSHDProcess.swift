import Foundation

/// A real OpenSSH `sshd` on 127.0.0.1 at a free port for end-to-end tests, with everything made
/// for the test in a private temp dir: its own host key, a client key in `authorized_keys`, a
/// `known_hosts` holding the host key and an ssh client config naming the host `testhost`
/// (`-F sshConfigPath`, or `ssh_config = …` in an lbtop config: ssh reads `~` from the passwd
/// entry, not `$HOME`, so a test never relies on `~/.ssh`). Stopped by PID in `stop()`.
final class SSHDProcess: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let sshd: String
    private let lock = NSLock()
    private var process: Process?

    var sshConfigPath: String { directory.appendingPathComponent("ssh_config").path }
    var knownHostsPath: String { directory.appendingPathComponent("known_hosts").path }
    /// An lbtop config file that passes `sshConfigPath` to ssh.
    var lbtopConfigPath: String { directory.appendingPathComponent("lbtop.toml").path }
    private var serverConfigPath: String { directory.appendingPathComponent("sshd_config").path }
    private var logPath: String { directory.appendingPathComponent("sshd.log").path }

    /// - Parameter serverConfig: more `sshd_config` lines (e.g. a `ForceCommand`).
    static func start(serverConfig: String = "") throws -> SSHDProcess {
        let sshd = try Executable.find("sshd", package: "openssh-server")
        _ = try Executable.find("ssh-keygen", package: "openssh-client")
        _ = try Executable.find("ssh", package: "openssh-client")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-sshd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let instance = SSHDProcess(sshd: sshd, directory: directory, port: try Loopback.freePort())
        do {
            try instance.writeFiles(serverConfig: serverConfig)
            try instance.startServer()
        } catch {
            instance.stop()
            throw error
        }
        return instance
    }

    private init(sshd: String, directory: URL, port: Int) {
        self.sshd = sshd; self.directory = directory; self.port = port
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func writeFiles(serverConfig: String) throws {
        try Self.keygen(path("host_key"))
        try Self.keygen(path("client_key"))
        try FileManager.default.copyItem(atPath: path("client_key.pub"), toPath: path("authorized_keys"))
        let user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        // StrictModes no: the keys sit under /tmp, which is world-writable. UsePAM no: no PAM stack
        // for a throwaway server. The per-connection child needs the privilege separation folder.
        try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(path("host_key"))
            AuthorizedKeysFile \(path("authorized_keys"))
            PidFile none
            UsePAM no
            StrictModes no
            UseDNS no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            AllowUsers \(user)
            MaxStartups 100:30:200
            MaxSessions 100
            \(serverConfig)

            """.write(toFile: serverConfigPath, atomically: true, encoding: .utf8)
        try """
            Host testhost
              HostName 127.0.0.1
              Port \(port)
              User \(user)
              IdentityFile \(path("client_key"))
              IdentitiesOnly yes
              UserKnownHostsFile \(knownHostsPath)
              GlobalKnownHostsFile /dev/null

            """.write(toFile: sshConfigPath, atomically: true, encoding: .utf8)
        try trustHostKey(path("host_key.pub"))
        try "ssh_config = \"\(sshConfigPath)\"\n".write(toFile: lbtopConfigPath, atomically: true, encoding: .utf8)
        if geteuid() == 0, !FileManager.default.fileExists(atPath: "/run/sshd") {
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o755])
        }
    }

    /// Writes `known_hosts` with the key in `publicKeyPath` for this server.
    private func trustHostKey(_ publicKeyPath: String) throws {
        let key = try String(contentsOfFile: publicKeyPath, encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(key)\n".write(toFile: knownHostsPath, atomically: true, encoding: .utf8)
    }

    /// Makes the client expect another host key, as after a server was reinstalled.
    func trustAnotherHostKey() throws {
        try Self.keygen(path("other_host_key"))
        try trustHostKey(path("other_host_key.pub"))
    }

    private static func keygen(_ path: String) throws {
        let status = try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "lbtop-test", "-f", path])
        guard status == 0 else { throw LoopbackError("ssh-keygen failed for \(path) (status \(status))") }
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process.exitStatus(waitingAtMost: 30) ?? -1
    }

    /// Starts the listener (`-D -e`: in the foreground, logging to stderr, here the log file) and
    /// waits until it accepts connections.
    func startServer() throws {
        if !FileManager.default.fileExists(atPath: logPath) { _ = FileManager.default.createFile(atPath: logPath, contents: nil) }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sshd)   // sshd refuses a relative path
        process.arguments = ["-D", "-e", "-f", serverConfigPath]
        process.standardOutput = log
        process.standardError = log
        try process.run()
        lock.withLock { self.process = process }
        try waitUntil(20, "sshd on 127.0.0.1:\(port)") {
            guard process.isRunning else { throw LoopbackError("sshd exited: \(self.log.suffix(800))") }
            return Loopback.isListening(port: port)
        }
    }

    /// Stops the listener and every session it started (a stopped listener alone leaves its
    /// sessions running), as a machine going down does.
    func stopServer() {
        guard let process = lock.withLock({ self.process }) else { return }
        let sessions = Self.descendants(of: process.processIdentifier)
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        for pid in sessions { kill(pid, SIGTERM) }
        process.exitStatus(waitingAtMost: 10)
        lock.withLock { self.process = nil }
    }

    /// Processes started by the listener (connection children, their sessions), by PID.
    var sessionPIDs: [Int32] {
        guard let pid = lock.withLock({ process?.processIdentifier }) else { return [] }
        return Self.descendants(of: pid)
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        stopServer()
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// Every process below `root` in the parent tree, read from /proc.
    static func descendants(of root: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[pid] = parent }
        }
        var found: [Int32] = []
        var frontier: Set<Int32> = [root]
        while !frontier.isEmpty {
            let children = parents.filter { frontier.contains($0.value) }.map(\.key)
            found += children
            frontier = Set(children)
        }
        return found
    }
}
