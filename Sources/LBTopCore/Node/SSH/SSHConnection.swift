import NIOConcurrencyHelpers
import Subprocess
import Synchronization

/// One running `ssh` child with the remote `/proc` script: each `poll()` writes one request
/// line and returns the answer that follows (the first call returns the hello, written without a
/// request). When ssh ends, every later call throws the last line of its stderr.
///
/// The child lives in one long-lived task (swift-subprocess keeps it only while its `run` body
/// runs); `close()` cancels that task, which kills the child. Closing stdin (lbtop exiting, even
/// by SIGKILL) also ends the remote awk and with it ssh.
final class SSHConnection: Sendable {
    private let answers: AnswerMailbox
    private let requests: AsyncStream<Void>.Continuation
    private let task: Task<Void, Never>

    /// Starts `ssh` with `arguments`.
    /// - Parameters:
    ///   - searchPath: the `PATH` ssh is looked up in (nil: lbtop's own).
    ///   - maxAnswerBytes: an answer larger than this ends the connection.
    init(arguments: [String], searchPath: String? = nil, maxAnswerBytes: Int = 1 << 20) {
        let (requests, requestSink) = AsyncStream.makeStream(of: Void.self)
        let answers = AnswerMailbox()
        self.answers = answers
        self.requests = requestSink
        self.task = Task {
            await Self.run(arguments, searchPath: searchPath, requests: requests, answers: answers, cap: maxAnswerBytes)
        }
    }

    deinit { close() }

    /// The hello answer: the first one, sent without a request.
    func hello() async throws -> RemoteAnswer { try await next() }

    /// Asks for one poll answer and waits for it. Cancelling the wait ends the connection: a late
    /// answer would otherwise be taken for the next poll's.
    func poll() async throws -> RemoteAnswer {
        requests.yield()
        return try await next()
    }

    /// Ends the child (idempotent).
    func close() {
        requests.finish()
        task.cancel()
    }

    private func next() async throws -> RemoteAnswer {
        do {
            return try await answers.next()
        } catch is CancellationError {
            close()
            throw CancellationError()
        }
    }

    private static func run(_ arguments: [String], searchPath: String?, requests: AsyncStream<Void>,
                            answers: AnswerMailbox, cap: Int) async {
        let stderr = NIOLockedValueBox(StderrTail())
        do {
            let result = try await Subprocess.run(
                .name("ssh"), arguments: Arguments(arguments), environment: .lookingUpExecutables(in: searchPath),
                input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                let writer = execution.standardInputWriter
                let writing = Task {
                    for await _ in requests { _ = try await writer.write(Array("\n".utf8)) }
                }
                // Drained to the end (ssh's last words come as it exits), never cancelled early.
                async let drained: Void = {
                    for try await buffer in execution.standardError {
                        buffer.withUnsafeBytes { bytes in stderr.withLockedValue { $0.append(bytes) } }
                    }
                }()
                defer { writing.cancel() }
                try await readAnswers(execution.standardOutput, into: answers, cap: cap)
                writing.cancel()
                _ = await writing.result
                try? await drained
            }
            let line = stderr.withLockedValue { $0.errorLine }
            answers.finish(CollectError(.unreachable, line ?? result.terminationStatus.sshEnding))
        } catch let error as CollectError {
            answers.finish(error)
        } catch {
            let line = stderr.withLockedValue { $0.errorLine }
            answers.finish(Task.isCancelled ? CancellationError() : CollectError(.unreachable, line ?? "cannot start ssh (is the OpenSSH client on PATH?): \(error)"))
        }
    }

    /// Splits stdout into answers until it ends; throws on output that is not the script's framing.
    private static func readAnswers(_ output: SubprocessOutputSequence,
                                    into answers: AnswerMailbox,
                                    cap: Int) async throws {
        var buffer: [UInt8] = []
        for try await chunk in output {
            chunk.withUnsafeBytes { buffer.append(contentsOf: $0) }
            var start = 0
            splitting: while true {
                switch RemoteAnswerSplitter.split(buffer[start...]) {
                case .incomplete:
                    break splitting
                case .answer(let answer, let consumed):
                    answers.deliver(answer)
                    start += consumed
                case .unexpected(let line):
                    throw CollectError(.badPayload, "unexpected output from the remote (not lbtop's /proc script): \"\(line)\"")
                }
            }
            buffer.removeFirst(start)
            if buffer.count > cap { throw CollectError.tooLarge(cap: cap) }
        }
    }
}

/// Answers handed from the task reading ssh's stdout to the poll waiting for them. Cancelling a
/// wait ends the mailbox: the connection is closed after it.
private final class AnswerMailbox: Sendable {
    private struct State {
        var queued: [RemoteAnswer] = []
        var waiter: CheckedContinuation<RemoteAnswer, any Error>?
        var end: (any Error)?
    }

    private let state = Mutex(State())

    func deliver(_ answer: RemoteAnswer) {
        let waiter = state.withLock { state -> CheckedContinuation<RemoteAnswer, any Error>? in
            guard state.end == nil else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.queued.append(answer)
            return nil
        }
        waiter?.resume(returning: answer)
    }

    /// No more answers: the current and every later wait throws `error` (the first one given).
    func finish(_ error: any Error) {
        let waiter = state.withLock { state -> CheckedContinuation<RemoteAnswer, any Error>? in
            if state.end == nil { state.end = error }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(throwing: error)
    }

    func next() async throws -> RemoteAnswer {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<RemoteAnswer, any Error>? in
                    if !state.queued.isEmpty { return .success(state.queued.removeFirst()) }
                    if let end = state.end { return .failure(end) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            finish(CancellationError())
        }
    }
}

extension Environment {
    /// lbtop's environment, with `PATH` replaced when `searchPath` is given.
    static func lookingUpExecutables(in searchPath: String?) -> Environment {
        guard let searchPath, let key = Environment.Key(rawValue: "PATH") else { return .inherit }
        return .inherit.updating([key: searchPath])
    }
}

extension TerminationStatus {
    /// How ssh ended, for a node's error when it wrote nothing on stderr.
    var sshEnding: String {
        switch self {
        case .exited(let code): "ssh exited with status \(code)"
        case .signaled(let signal): "ssh was ended by signal \(signal)"
        }
    }
}
