/// Why a tier's answer could not be read, worded for the dashboard (`Redis wants a password…`,
/// `INFO cut short: 1200 of 4970 bytes`, `not a Redis answer: "HTTP/1.1 400 Bad Request"`).
public struct TierAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// The first line of `bytes`, printable ASCII only and at most 40 characters, quoted: what a
    /// port speaking another protocol said, safe to show.
    static func quotedStart(_ bytes: ArraySlice<UInt8>) -> String {
        var text = ""
        for byte in bytes {
            if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") || text.count >= 40 { break }
            text.append(byte >= 0x20 && byte < 0x7F ? Character(Unicode.Scalar(byte)) : "?")
        }
        return "\"" + text + "\""
    }
}
