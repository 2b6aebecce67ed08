import Subprocess

/// One `ssh://` node's connection over time: opened on the first poll, re-opened after it ends
/// with a growing delay (`ReconnectBackoff`), never more than one attempt in flight. A poll while
/// an attempt runs waits for it; a poll during the delay fails at once with the last error.
actor SSHSession {
    private enum State {
        case idle(notBefore: Double)
        case connecting(Task<Void, Never>)
        case connected(SSHConnection)
    }

    private let searchPath: String?
    private let arguments: [String]
    private let resolveArguments: [String]
    private let connectTimeout: Double
    private var state = State.idle(notBefore: -.infinity)
    private var backoff = ReconnectBackoff()
    private var lastError = CollectError(.unreachable, "not connected yet")
    private var closed = false
    /// What the remote said about itself when the connection opened.
    private(set) var identity = RemoteHostIdentity()
    /// The `HostName` ssh resolves the alias to (`ssh -G`), asked once.
    private var resolvedHostName: String??

    /// - Parameters:
    ///   - searchPath: the `PATH` ssh is looked up in (nil: lbtop's own).
    ///   - connectTimeout: longest wait for the hello answer of a new connection.
    init(destination: SSHDestination, configFile: String?, searchPath: String? = nil, connectTimeout: Double = 20) {
        self.searchPath = searchPath
        self.arguments = destination.arguments(configFile: configFile, command: RemoteProcScript.command)
        self.resolveArguments = destination.resolveArguments(configFile: configFile)
        self.connectTimeout = connectTimeout
    }

    /// One poll answer, with the addresses the node is known by (its own and the resolved `HostName`).
    func poll() async throws -> (answer: RemoteAnswer, identity: RemoteHostIdentity) {
        let connection = try await connection()
        do {
            let answer = try await connection.poll()
            return (answer, identity)
        } catch {
            lost(connection, error)
            throw error
        }
    }

    /// Ends the connection and any attempt; later polls fail.
    func close() {
        closed = true
        switch state {
        case .connected(let connection): connection.close()
        case .connecting(let attempt): attempt.cancel()
        case .idle: break
        }
        state = .idle(notBefore: .infinity)
        lastError = CollectError(.other, "closed")
    }

    private func connection() async throws -> SSHConnection {
        switch state {
        case .connected(let connection):
            return connection
        case .idle(let notBefore):
            guard MonotonicTime.now() >= notBefore else { throw lastError }
            let attempt = Task { await self.connect() }
            state = .connecting(attempt)
            return try await wait(for: attempt)
        case .connecting(let attempt):
            return try await wait(for: attempt)
        }
    }

    /// Waits for the attempt in flight. A poll cancelled meanwhile (its timeout) leaves the new
    /// connection alone for the next poll.
    private func wait(for attempt: Task<Void, Never>) async throws -> SSHConnection {
        await attempt.value
        try Task.checkCancellation()
        guard case .connected(let connection) = state else { throw lastError }
        return connection
    }

    /// One attempt: ssh started, hello read within `connectTimeout`, then connected or idle until
    /// the next delay has passed.
    private func connect() async {
        if resolvedHostName == nil { resolvedHostName = await Self.hostName(resolveArguments, searchPath: searchPath) }
        let connection = SSHConnection(arguments: arguments, searchPath: searchPath)
        do {
            let hello = try await TimeLimit.run(seconds: connectTimeout) { try await connection.hello() }
            guard var identity = hello.hostIdentity else {
                throw CollectError(.badPayload, "the remote did not start lbtop's /proc script (got \(hello.parts.first?.name ?? "an empty answer"))")
            }
            if let name = resolvedHostName ?? nil, !identity.addresses.contains(name) { identity.addresses.append(name) }
            guard !closed else { connection.close(); return }
            self.identity = identity
            backoff.reset()
            state = .connected(connection)
        } catch {
            connection.close()
            failed(error)
        }
    }

    private func lost(_ connection: SSHConnection, _ error: any Error) {
        connection.close()
        guard case .connected(let current) = state, current === connection else { return }
        failed(error)
    }

    private func failed(_ error: any Error) {
        switch error {
        case let error as CollectError where error.kind == .timeout:
            lastError = CollectError(.timeout, "no answer over ssh: \(error.message)")
        case let error as CollectError:
            lastError = error
        case is CancellationError:
            lastError = CollectError(.timeout, closed ? "closed" : "no answer over ssh within the timeout")
        default:
            lastError = CollectError(.other, "\(error)")
        }
        state = .idle(notBefore: closed ? .infinity : MonotonicTime.now() + backoff.delay())
    }

    /// `hostname` from `ssh -G` (the configuration ssh would use); nil when ssh cannot say.
    private static func hostName(_ arguments: [String], searchPath: String?) async -> String? {
        guard let result = try? await Subprocess.run(.name("ssh"), arguments: Arguments(arguments),
                                                     environment: .lookingUpExecutables(in: searchPath),
                                                     output: .string(limit: 1 << 16), error: .discarded),
              result.terminationStatus.isSuccess else { return nil }
        let text = result.standardOutput
        for line in text.split(separator: "\n") where line.hasPrefix("hostname ") {
            return String(line.dropFirst("hostname ".count))
        }
        return nil
    }
}
