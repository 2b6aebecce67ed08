import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Sends one command line to a UNIX stream socket (HAProxy's stats socket) and reads the answer to
/// EOF, with a timeout and a byte cap. HAProxy answers a non-interactive command and closes.
public struct UnixSocketTransport: Sendable {
    public let path: String
    public let limits: TransportLimits

    public init(path: String, limits: TransportLimits = .init()) {
        self.path = path
        self.limits = limits
    }

    /// Writes `command` + `\n` and returns everything read until the peer closes.
    public func fetch(command: String) async throws -> [UInt8] {
        let path = self.path, limits = self.limits
        do {
            return try await TimeLimit.run(seconds: limits.timeout) {
                try await StreamExchange.run(request: Array((command + "\n").utf8), limits: limits,
                                             isComplete: { _ in false }) { bootstrap in
                    do {
                        return try await bootstrap.connect(unixDomainSocketPath: path).get()
                    } catch {
                        throw Self.notASocket(path) ?? error
                    }
                }
            }
        } catch {
            throw TransportErrorText.collectError(error, endpoint: path, limits: limits)
        }
    }

    /// Why a connect to `path` failed when something other than a socket sits there (connect(2) says
    /// only "connection refused" for a directory or a plain file); nil for a socket or nothing.
    private static func notASocket(_ path: String) -> CollectError? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFSOCK: return nil
        case S_IFDIR: kind = "a directory"
        case S_IFREG: kind = "a regular file"
        default: kind = "a device or pipe"
        }
        return CollectError(.unreachable, "not a socket: \(path) is \(kind)")
    }
}
