import Foundation

/// Writes to stdout with `write(2)`: a reader that went away (`lbtop --json | head -1`) is an
/// `EPIPE` to end on quietly, not a crash (SIGPIPE is ignored by `ignoreBrokenPipe()`).
enum StandardOutput {
    static func ignoreBrokenPipe() { signal(SIGPIPE, SIG_IGN) }

    /// Writes every byte; false when the reader has closed the pipe.
    static func write(_ data: Data) -> Bool {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
