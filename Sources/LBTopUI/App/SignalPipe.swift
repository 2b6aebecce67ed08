#if canImport(Glibc)
import Glibc
#endif

/// Write end of the self-pipe, read by the signal handler (which may only call async-signal-safe
/// functions such as `write`).
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

private func forwardSignal(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalPipeWriteFD, &byte, 1)
    errno = saved
}

/// Turns signals into bytes on a pipe (the self-pipe trick), so the input thread can wake on a
/// resize or a termination request and hand it to the app loop as an `AppEvent`. Installed
/// before curses starts, so curses leaves these signals to lbtop.
public final class SignalPipe: Sendable {
    public let readFD: Int32
    private let writeFD: Int32
    public let signals: [Int32]

    public init(signals: [Int32]) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw TerminalSetupError(message: "cannot create the signal pipe") }
        readFD = fds[0]; writeFD = fds[1]
        _ = fcntl(writeFD, F_SETFL, fcntl(writeFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(readFD, F_SETFL, fcntl(readFD, F_GETFL) | O_NONBLOCK)
        self.signals = signals
        signalPipeWriteFD = writeFD
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = forwardSignal
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            _ = sigaction(signal, &action, nil)
        }
    }

    /// Signal numbers received since the last call.
    public func drain() -> [Int32] {
        var received: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readFD, &buffer, buffer.count)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count].map { Int32($0) })
        }
        return received
    }

    /// Puts the default dispositions back (before re-raising a termination signal).
    public func restoreDefaults() {
        for signal in signals { _ = Glibc.signal(signal, SIG_DFL) }
    }

    deinit {
        close(readFD); close(writeFD)
    }
}

/// The terminal could not be set up; nothing was changed.
public struct TerminalSetupError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
