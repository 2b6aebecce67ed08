import Foundation

extension Process {
    /// Waits for the child to end without relying only on Foundation's exit monitoring, which was
    /// seen to leave a killed child unreaped (and `waitUntilExit` blocked forever) under heavy
    /// parallel test load: polls, and reaps the child by pid itself when Foundation has not.
    /// Returns the status as `terminationStatus` reports it (exit code, or the signal number), or
    /// nil when the child is still running after `seconds`.
    @discardableResult
    func exitStatus(waitingAtMost seconds: Double = 15) -> Int32? {
        let pid = processIdentifier
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if !isRunning { return terminationStatus }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : signal
            }
            usleep(5_000)
        } while Date() < deadline
        return nil
    }
}
