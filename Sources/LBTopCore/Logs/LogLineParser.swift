/// One log line, whatever wrote it: strips a syslog header, then picks the format from the
/// message's shape (a `{` is nginx JSON; `ADDR - USER [date] "` is nginx; `ADDR:PORT [date] ` or a
/// server event is HAProxy). Pure: the fuzzing entry point for every log format.
public enum LogLineParser {
    /// Longest line read; HAProxy's `len` goes up to 65535.
    public static let maximumLineLength = 65_536

    public static func parse(_ line: [UInt8]) -> LogLine {
        line.withUnsafeBufferPointer { parse($0, 0..<$0.count) }
    }

    /// The line in `bytes[range]`, without its `\n` (a trailing `\r` or `\n` is ignored).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogLine {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == ASCIINumber.newline || bytes[end - 1] == ASCIINumber.carriageReturn {
            end -= 1
        }
        guard end > range.lowerBound, end - range.lowerBound <= maximumLineLength else { return .malformed }
        let message = SyslogHeader.message(in: bytes, range.lowerBound..<end)
        guard !message.isEmpty else { return .malformed }
        if bytes[message.lowerBound] == 0x7B { return NginxJSONLogParser.parse(bytes, message) }
        if looksLikeNginx(bytes, message) { return NginxLogParser.parse(bytes, message) }
        return HAProxyLogParser.parse(bytes, message)
    }

    /// `ADDR - ` then a user and `[`: nginx's combined layout; HAProxy's second field is `[`.
    private static func looksLikeNginx(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var fields = LogBytes(bytes, range)
        guard fields.token() != nil, let second = fields.token() else { return false }
        return fields.equals(second, "-")
    }
}
