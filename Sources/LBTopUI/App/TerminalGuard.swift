#if canImport(Glibc)
import Glibc
#endif

// State read by the crash handler. Written once before the handlers are installed.
nonisolated(unsafe) private var crashRestoreBytes: UnsafeMutablePointer<UInt8>?
nonisolated(unsafe) private var crashRestoreCount = 0
nonisolated(unsafe) private var crashSavedModes: UnsafeMutablePointer<termios>?
nonisolated(unsafe) private var crashPreviousActions: UnsafeMutablePointer<sigaction>?
nonisolated(unsafe) private var crashTerminalRestored = false

/// Fatal signals: put the terminal back, then hand the signal to whoever handled it before
/// (the Swift runtime's backtracer, or the default action), so the crash report lands on a
/// usable shell.
private func restoreTerminalOnCrash(_ signal: Int32) {
    if !crashTerminalRestored {
        crashTerminalRestored = true
        if let bytes = crashRestoreBytes { _ = write(STDOUT_FILENO, bytes, crashRestoreCount) }
        if let modes = crashSavedModes { _ = tcsetattr(STDIN_FILENO, TCSANOW, modes) }
    }
    if let previous = crashPreviousActions, signal > 0, signal < 65 {
        _ = sigaction(signal, previous + Int(signal), nil)
    } else {
        _ = Glibc.signal(signal, SIG_DFL)
    }
    // Raised again for the old handler: it is delivered as this handler returns. A fault would
    // recur anyway, but a signal sent with kill(2) would not, and the process would run on.
    _ = raise(signal)
}

/// Owns the terminal's way out: whatever ends the dashboard — `q`, SIGINT, SIGTERM, SIGHUP, a
/// thrown error or a crash — the terminal gets its modes, cursor and main screen back.
/// Termination signals arrive through `SignalPipe` and end the loop normally; fatal signals run
/// `restoreTerminalOnCrash`, which uses only async-signal-safe calls.
public final class TerminalGuard {
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    public static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    private var restored = false
    private var restoreTerminal: () -> Void = {}

    /// Saves the terminal's modes as the shell left them; call before curses changes them.
    public init() {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        if tcgetattr(STDIN_FILENO, modes) == 0 { crashSavedModes = modes } else { modes.deallocate() }
    }

    /// Installs the crash handlers once curses runs: `restoreSequence` is written by the crash
    /// handler, `restore` (ending curses) runs on every orderly way out.
    public func arm(restoreSequence: [UInt8], restore: @escaping () -> Void) {
        restoreTerminal = restore
        let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, restoreSequence.count))
        bytes.initialize(from: restoreSequence, count: restoreSequence.count)
        crashRestoreBytes = bytes
        crashRestoreCount = restoreSequence.count
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        previous.initialize(repeating: sigaction(), count: 65)
        crashPreviousActions = previous
        crashTerminalRestored = false
        for signal in Self.fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = restoreTerminalOnCrash
            action.sa_flags = 0
            sigemptyset(&action.sa_mask)
            _ = sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// Ends curses and puts the previous fatal-signal handlers back. Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        restoreTerminal()
        crashTerminalRestored = true
        if let previous = crashPreviousActions {
            for signal in Self.fatalSignals { _ = sigaction(signal, previous + Int(signal), nil) }
        }
    }

    deinit { restore() }
}
