import LBTopCore
import Synchronization

/// A stats socket stand-in that keeps every line it is asked to send and answers as HAProxy does
/// when it takes a command (an empty line), or with `answer`.
final class RecordingTransport: ServerActionTransport {
    private let lines = Mutex<[String]>([])
    let answer: String
    init(answer: String = "") { self.answer = answer }

    var via: String { "stats socket" }
    var sent: [String] { lines.withLock { $0 } }

    func request(_ command: ServerCommand, server: ServerID) -> Result<String, ActionRefusal> {
        SocketActionTransport(UnixSocketTransport(path: "/nonexistent")).request(command, server: server)
    }

    func send(_ command: ServerCommand, server: ServerID) async throws -> ActionAnswer {
        let line = try request(command, server: server).get()
        lines.withLock { $0.append(line) }
        return ActionAnswer(accepted: answer.isEmpty, text: answer)
    }
}
