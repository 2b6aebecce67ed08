import Foundation
import LBTopCore
import Testing

@Suite struct UnixSocketTransportTests {
    /// connect(2) answers "connection refused" for a path that is not a socket; the error names
    /// what is there instead.
    @Test func aPathThatIsADirectoryOrAFileIsNamedAsSuch() async throws {
        let dir = try TemporaryDirectory()
        let limits = TransportLimits(timeout: 30)   // the answer is at once; a busy machine must not turn it into a timeout
        await #expect(throws: CollectError(.unreachable, "not a socket: \(dir.path) is a directory")) {
            _ = try await UnixSocketTransport(path: dir.path, limits: limits).fetch(command: "show stat")
        }
        let file = dir.path + "/admin.sock"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        await #expect(throws: CollectError(.unreachable, "not a socket: \(file) is a regular file")) {
            _ = try await UnixSocketTransport(path: file, limits: limits).fetch(command: "show stat")
        }
    }
}
