import NIOConcurrencyHelpers

/// Where an input's receiving thread leaves lines until the next poll takes them. Bounded: past
/// `byteCapacity` bytes or `lineCapacity` lines a line is dropped and counted, never queued, so a
/// flood costs at most that much memory.
final class LogIntake: Sendable {
    static let defaultByteCapacity = 32 << 20
    static let defaultLineCapacity = 400_000

    private struct State {
        var batch = LogBatch()
        var stopped = false
    }

    let byteCapacity: Int
    let lineCapacity: Int
    private let state = NIOLockedValueBox(State())

    init(byteCapacity: Int = LogIntake.defaultByteCapacity, lineCapacity: Int = LogIntake.defaultLineCapacity) {
        self.byteCapacity = byteCapacity
        self.lineCapacity = lineCapacity
    }

    /// Appends one line (a trailing `\n` is added when missing); false when it was dropped.
    @discardableResult
    func append(_ line: UnsafeRawBufferPointer) -> Bool {
        guard !line.isEmpty else { return true }
        let needsNewline = line[line.count - 1] != ASCIINumber.newline
        return state.withLockedValue { state in
            guard state.batch.lineCount < lineCapacity,
                  state.batch.bytes.count + line.count + 1 <= byteCapacity else {
                state.batch.droppedLines += 1
                return false
            }
            state.batch.bytes.append(contentsOf: line)
            if needsNewline { state.batch.bytes.append(ASCIINumber.newline) }
            state.batch.lineCount += 1
            return true
        }
    }

    /// Counts `count` lines lost before they reached the intake (the kernel's socket buffer was full).
    func countDropped(_ count: Int) {
        state.withLockedValue { $0.batch.droppedLines += count }
    }

    /// Everything received since the last call.
    func drain() -> LogBatch {
        state.withLockedValue { state in
            let batch = state.batch
            state.batch = LogBatch()
            state.batch.bytes.reserveCapacity(min(batch.bytes.count, byteCapacity))
            return batch
        }
    }

    var isStopped: Bool { state.withLockedValue { $0.stopped } }
    func stop() { state.withLockedValue { $0.stopped = true } }
}
