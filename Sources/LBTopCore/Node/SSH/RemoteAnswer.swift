/// One answer of the remote `/proc` script: its named parts in the order they came, and the files
/// the remote could not open.
public struct RemoteAnswer: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var name: String
        public var bytes: [UInt8]
        public init(name: String, bytes: [UInt8]) { self.name = name; self.bytes = bytes }
    }

    public var parts: [Part]
    public var missing: [String]

    public init(parts: [Part] = [], missing: [String] = []) { self.parts = parts; self.missing = missing }

    /// The bytes of the part called `name`, nil when the answer has none.
    public func bytes(of name: String) -> [UInt8]? { parts.first { $0.name == name }?.bytes }
}

/// Cuts the remote script's output into answers (pure; no I/O). Framing: every line that starts
/// with 0x1E is a marker, `\x1e<name>` opens a part, `\x1emissing <file>` records a file that could
/// not be opened, `\x1eend` ends the answer; every other line belongs to the open part. `/proc`
/// text never starts a line with 0x1E.
public enum RemoteAnswerSplitter {
    public enum Outcome: Sendable, Equatable {
        /// No `\x1eend` line yet: wait for more bytes.
        case incomplete
        /// One whole answer and the number of bytes it took from the front of the input.
        case answer(RemoteAnswer, consumed: Int)
        /// Output that is not the script's framing (a login banner, an rc file's echo, `nologin`'s
        /// message): the offending line, made printable and cut to 120 characters.
        case unexpected(line: String)
    }

    static let marker = UInt8(0x1E)
    static let newline = UInt8(ascii: "\n")
    static let endName = "end"
    static let missingPrefix = "missing "

    /// The first answer at the front of `bytes`.
    public static func split(_ bytes: ArraySlice<UInt8>) -> Outcome {
        guard let first = bytes.first else { return .incomplete }
        guard first == marker else { return .unexpected(line: printable(line(at: bytes.startIndex, in: bytes))) }
        var answer = RemoteAnswer()
        var open: (name: String, start: Int)?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let end = bytes[index...].firstIndex(of: newline) else { return .incomplete }
            if bytes[index] == marker {
                if let part = open { answer.parts.append(.init(name: part.name, bytes: Array(bytes[part.start..<index]))) }
                open = nil
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
                if name == endName { return .answer(answer, consumed: end + 1 - bytes.startIndex) }
                if name.hasPrefix(missingPrefix) {
                    answer.missing.append(String(name.dropFirst(missingPrefix.count)))
                } else {
                    open = (name, end + 1)
                }
            } else if open == nil {
                return .unexpected(line: printable(bytes[index..<end]))
            }
            index = end + 1
        }
        return .incomplete
    }

    private static func line(at start: Int, in bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        bytes[start..<(bytes[start...].firstIndex(of: newline) ?? bytes.endIndex)]
    }

    /// At most 120 characters, control characters as `?` (the text reaches a terminal).
    static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        let line = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        let text = String(decoding: line.prefix(480), as: UTF8.self)
        let shown = String(text.unicodeScalars.prefix(120).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return text.unicodeScalars.count > 120 ? shown + "…" : shown
    }
}
