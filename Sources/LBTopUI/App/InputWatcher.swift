import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread that waits (in `poll`) for terminal input or a signal and reports it as an
/// `AppEvent`. It never reads keys itself — curses does that on the app loop — it only says
/// input is waiting, then waits until the loop has drained it.
final class InputWatcher: Sendable {
    private let inputFD: Int32
    private let signals: SignalPipe
    private let stopPipe: (read: Int32, write: Int32)
    private let drained = DispatchSemaphore(value: 0)
    private let continuation: AsyncStream<AppEvent>.Continuation
    private let sizeOfTerminal: @Sendable () -> TerminalSize?

    init(inputFD: Int32, signals: SignalPipe, continuation: AsyncStream<AppEvent>.Continuation,
         sizeOfTerminal: @escaping @Sendable () -> TerminalSize?) {
        self.inputFD = inputFD; self.signals = signals; self.continuation = continuation
        self.sizeOfTerminal = sizeOfTerminal
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        stopPipe = (fds[0], fds[1])
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "lbtop-input"
        thread.start()
    }

    /// The loop has read every waiting key; watch again.
    func resume() { drained.signal() }

    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
        drained.signal()
    }

    private func run() {
        var fds = [
            pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0),
            pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            for i in fds.indices { fds[i].revents = 0 }
            let rc = poll(&fds, nfds_t(fds.count), -1)
            if rc < 0 { if errno == EINTR { continue } else { break } }
            if fds[2].revents != 0 { break }
            if fds[1].revents & Int16(POLLIN) != 0 {
                for signal in signals.drain() {
                    if signal == SIGWINCH {
                        if let size = sizeOfTerminal() { continuation.yield(.resize(size)) }
                    } else {
                        continuation.yield(.terminate(signal: signal))
                    }
                }
            }
            let input = fds[0].revents
            if input & Int16(POLLIN) != 0 {
                continuation.yield(.inputAvailable)
                drained.wait()
            } else if input & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                // The terminal went away (SSH dropped): leave as on SIGHUP.
                continuation.yield(.terminate(signal: SIGHUP))
                break
            }
        }
    }

    deinit { close(stopPipe.read); close(stopPipe.write) }
}
