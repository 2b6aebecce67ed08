#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a local file (a `/proc` file, mostly) whole, up to a byte cap. `/proc` files report size
/// 0, so this reads until end of file instead of trusting `stat`.
public enum LocalFileReader {
    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The file's bytes; throws when it cannot be opened or read, or holds more than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int) throws(ReadError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: errorText(errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: path, reason: errorText(errno))
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= maxBytes else {
                throw ReadError(path: path, reason: "larger than the \(maxBytes)-byte limit")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
