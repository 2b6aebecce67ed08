import Foundation

/// A real terminal for end-to-end tests: a private tmux server (its own socket in a temp dir, so
/// tests run in parallel) with one window running a plain bash. Type with `send`, read the screen
/// with `capture` (`-e` keeps colours and attributes), resize with `resize`. Stopped by
/// `stop()` (also on deinit), which kills that server only.
///
/// ```swift
/// let tmux = try TmuxSession.start(width: 120, height: 40)
/// defer { tmux.stop() }
/// try tmux.run("lbtop \(url)")
/// try tmux.waitForScreen("servers listed") { $0.contains("app/app1") }
/// try tmux.send("q")
/// ```
final class TmuxSession: @unchecked Sendable {
    let socket: String
    private let directory: URL
    private let tmux: String
    private let lock = NSLock()
    private var stopped = false
    /// The prompt the shell shows, so tests can see it came back.
    static let prompt = "READY$ "

    private init(tmux: String, directory: URL) {
        self.tmux = tmux; self.directory = directory
        socket = directory.appendingPathComponent("tmux.sock").path
    }

    /// Starts a detached session of `width`×`height` running bash without rc files.
    static func start(width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let tmux = try Executable.find("tmux", package: "tmux")
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("lbtop-tmux-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let session = TmuxSession(tmux: tmux, directory: directory)
        let bash = try Executable.find("bash", package: "bash")
        try session.tmuxCommand(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height),
                                 "env", "PS1=\(prompt)", "HOME=\(directory.path)", bash, "--norc", "--noprofile"])
        try session.tmuxCommand(["set-option", "-g", "status", "off"])
        try session.tmuxCommand(["set-option", "-g", "history-limit", "0"])
        try session.waitForScreen("the shell prompt") { $0.contains("READY$") }
        return session
    }

    /// Runs tmux with this session's socket; returns stdout. Spawned directly and reaped with
    /// `waitpid`; output goes through a file, since the server `new-session` forks would hold a
    /// pipe open forever.
    @discardableResult
    func tmuxCommand(_ arguments: [String]) throws -> String {
        let outputPath = directory.appendingPathComponent("out-\(UUID().uuidString.prefix(8))").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = [tmux, "-S", socket] + arguments
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        // The test runner's threads block signals and a spawned program inherits the mask; the
        // tmux server (forked by `new-session`) would then never see the SIGTERM that
        // `kill-server` sends itself. Start tmux with no signal blocked and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, tmux, &actions, &attributes, &cArgs, environ)
        guard rc == 0 else { throw LoopbackError("cannot start tmux: error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
        let exited = status & 0x7f == 0 && (status >> 8) & 0xff == 0
        guard exited else {
            throw LoopbackError("tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Types a command line and Enter.
    func run(_ commandLine: String) throws {
        try tmuxCommand(["send-keys", "-t", "0", "-l", commandLine])
        try tmuxCommand(["send-keys", "-t", "0", "Enter"])
    }

    /// Sends keys by tmux name (`q`, `Tab`, `Down`, `C-c`, `Escape`, `?`).
    func send(_ keys: String...) throws {
        try tmuxCommand(["send-keys", "-t", "0"] + keys)
    }

    /// The visible screen as text (`escapes`: with SGR sequences for colours and attributes).
    func capture(escapes: Bool = false) throws -> String {
        try tmuxCommand(["capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : []))
    }

    func lines() throws -> [String] {
        try capture().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// Resizes the window (the program inside gets SIGWINCH).
    func resize(width: Int, height: Int) throws {
        try tmuxCommand(["resize-window", "-t", "0", "-x", String(width), "-y", String(height)])
    }

    /// A tmux format value of the pane, e.g. `alternate_on`, `pane_pid`, `pane_width`.
    func paneValue(_ name: String) throws -> String {
        try tmuxCommand(["display-message", "-p", "-t", "0", "#{\(name)}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True while the program in the pane has the alternate screen (curses) open.
    func alternateScreenOn() throws -> Bool { try paneValue("alternate_on") == "1" }

    /// PIDs of the shell's children (the program the test started).
    func childPIDs() throws -> [Int32] {
        let shell = try paneValue("pane_pid")
        let text = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// Waits until the screen satisfies `condition`; on timeout fails with the screen in the message.
    func waitForScreen(_ what: String, timeout: Double = 20, escapes: Bool = false, _ condition: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            do { last = try capture(escapes: escapes) } catch { last = "(\(error))" }
            if condition(last) { return }
            usleep(100_000)
        }
        throw LoopbackError("timed out after \(timeout)s waiting for \(what); screen was:\n\(last)")
    }

    /// Waits until the shell is back: no alternate screen and `marker` printed by the command line.
    func waitForShell(printing marker: String, timeout: Double = 20) throws {
        try waitForScreen("the shell to print \(marker)", timeout: timeout) { screen in
            screen.contains(marker) && (try? self.alternateScreenOn()) == false
        }
    }

    /// Starts copying everything the pane's program writes into a file (bytes to the terminal).
    func pipeOutput(to path: String) throws {
        try tmuxCommand(["pipe-pane", "-t", "0", "-o", "cat >> '\(path)'"])
    }

    func stopPipe() throws { try tmuxCommand(["pipe-pane", "-t", "0"]) }

    /// Ends this tmux server (and so the shell and lbtop in it): `kill-server`, then SIGKILL by
    /// PID if it is still there. Idempotent.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        let server = (try? tmuxCommand(["display-message", "-p", "#{pid}"]))
            .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        _ = try? tmuxCommand(["kill-server"])
        if let server {
            for _ in 0..<20 where kill(server, 0) == 0 { usleep(50_000) }
            if kill(server, 0) == 0 { kill(server, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }
}
