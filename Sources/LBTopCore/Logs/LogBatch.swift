/// The log lines one input received between two polls: what the poller hands to the store (as
/// `TargetPayload.logs`). Its `framed()` bytes are what a log collector's `fetch()` returns, so a
/// recording keeps them and a replay decodes them back through `PayloadDecoder.logLines`.
public struct LogBatch: Sendable, Equatable {
    /// The lines back to back, each ending in `\n`.
    public var bytes: [UInt8]
    public var lineCount: Int
    /// Lines dropped since the last batch because the intake was full.
    public var droppedLines: Int

    public init(bytes: [UInt8] = [], lineCount: Int = 0, droppedLines: Int = 0) {
        self.bytes = bytes; self.lineCount = lineCount; self.droppedLines = droppedLines
    }

    /// One header line, `dropped N`, then the lines as received.
    public func framed() -> [UInt8] {
        var framed = Array("dropped \(droppedLines)\n".utf8)
        framed.reserveCapacity(framed.count + bytes.count)
        framed.append(contentsOf: bytes)
        return framed
    }

    /// The batch `framed()` made; nil when the header is missing or broken.
    public init?(framed: [UInt8]) {
        let prefix = Array("dropped ".utf8)
        guard framed.starts(with: prefix),
              let end = framed[prefix.count...].firstIndex(of: ASCIINumber.newline),
              end > prefix.count, end - prefix.count <= 18,
              framed[prefix.count..<end].allSatisfy(ASCIINumber.isDigit) else { return nil }
        let dropped = framed[prefix.count..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let lines = Array(framed[(end + 1)...])
        var count = 0
        for byte in lines where byte == ASCIINumber.newline { count += 1 }
        if let last = lines.last, last != ASCIINumber.newline { count += 1 }
        self.init(bytes: lines, lineCount: count, droppedLines: dropped)
    }

    /// Each line without its `\n`, in order.
    public func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            for index in buffer.indices where buffer[index] == ASCIINumber.newline {
                body(buffer, start..<index)
                start = index + 1
            }
            if start < buffer.count { body(buffer, start..<buffer.count) }
        }
    }
}
