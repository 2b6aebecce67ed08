/// Reads Redis protocol (RESP) replies one at a time from the bytes received so far: enough for
/// what lbtop sends (`AUTH`, `INFO`), which answer with a status line (`+OK`), an error
/// (`-NOAUTH …`), an integer or a bulk string (`$4970\r\n` + body + `\r\n`).
enum RESPReader {
    enum Reply: Equatable {
        /// `+…`, `:…` (and `*…`, which lbtop never asks for): one line.
        case line(ArraySlice<UInt8>)
        /// `-…`: the error text after the dash.
        case error(String)
        case bulk(ArraySlice<UInt8>)
        /// `$-1`: no value.
        case null
    }

    enum Step: Equatable {
        /// A whole reply; the next one starts at `next`.
        case reply(Reply, next: Int)
        /// More bytes are needed; `announced` is a bulk string's length once its header arrived.
        case incomplete(announced: Int?)
        /// The bytes at `start` are not a RESP reply.
        case notRESP
    }

    /// The reply starting at `start` of `bytes`.
    static func next(_ bytes: ArraySlice<UInt8>, at start: Int) -> Step {
        guard start < bytes.endIndex else { return .incomplete(announced: nil) }
        let type = bytes[start]
        guard let lineEnd = lineEnd(bytes, from: start) else {
            return "+-:$*".utf8.contains(type) ? .incomplete(announced: nil) : .notRESP
        }
        // A bare `\r\n` where a reply should start has no type byte: not RESP.
        guard lineEnd > start else { return .notRESP }
        let content = bytes[(start + 1)..<lineEnd]
        let afterLine = lineEnd + 2
        switch type {
        case UInt8(ascii: "+"), UInt8(ascii: ":"), UInt8(ascii: "*"):
            return .reply(.line(content), next: afterLine)
        case UInt8(ascii: "-"):
            return .reply(.error(String(decoding: content, as: UTF8.self)), next: afterLine)
        case UInt8(ascii: "$"):
            guard let length = Int(String(decoding: content, as: UTF8.self)), length >= -1 else { return .notRESP }
            if length == -1 { return .reply(.null, next: afterLine) }
            // Compared before adding: an announced length near Int.max must not overflow.
            guard length <= bytes.endIndex - afterLine - 2 else { return .incomplete(announced: length) }
            let bodyEnd = afterLine + length
            return .reply(.bulk(bytes[afterLine..<bodyEnd]), next: bodyEnd + 2)
        default:
            return .notRESP
        }
    }

    /// Index of the `\r` of the first `\r\n` at or after `start`.
    private static func lineEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\r"), bytes[index + 1] == UInt8(ascii: "\n") { return index }
            index += 1
        }
        return nil
    }
}
