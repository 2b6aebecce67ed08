/// The end of what an `ssh` child wrote on stderr, bounded: only the last `capacity` bytes are
/// kept, however much arrives. Its last line is the error shown for the node.
public struct StderrTail: Sendable, Equatable {
    public let capacity: Int
    private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4096) { self.capacity = max(64, capacity) }

    public mutating func append(_ chunk: some Collection<UInt8>) {
        bytes.append(contentsOf: chunk.suffix(capacity))
        if bytes.count > capacity { bytes.removeFirst(bytes.count - capacity) }
    }

    /// The last non-empty line (CR LF or LF), made printable. When ssh refused a changed host key,
    /// its line naming the host comes first: the last line alone (`Host key verification failed.`)
    /// is the same for an unknown key.
    public var errorLine: String? {
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { line in
            RemoteAnswerSplitter.printable(line)
        }.filter { !$0.allSatisfy(\.isWhitespace) }
        guard let last = lines.last else { return nil }
        if let changed = lines.last(where: { $0.contains("has changed and you have requested strict checking") }),
           changed != last {
            return changed + " " + last
        }
        return last
    }
}
