/// The HAProxy answers a poll receives, read into a sample: the stats socket's
/// `show info;show stat;show table` split in three, and a stats body that must be CSV (anything
/// else is an error naming what arrived).
enum HAProxyStatsDecoder {
    /// Splits `show info;show stat` output at the blank line that ends the info answer.
    static func splitInfoAndStats(_ bytes: [UInt8]) -> (info: ArraySlice<UInt8>, stats: ArraySlice<UInt8>) {
        guard FormatSniffer.detect(bytes) == .haproxyInfo else { return ([], bytes[...]) }
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n"), bytes[index + 1] == UInt8(ascii: "\n") {
                return (bytes[..<index], bytes[(index + 2)...])
            }
            index += 1
        }
        return (bytes[...], [])
    }

    /// Splits the socket's `show stat` answer from the `show table` answers after it, at the blank
    /// line that ends the CSV (a socket answer recorded without tables has nothing after it).
    static func splitStatsAndTables(_ bytes: ArraySlice<UInt8>) -> (stats: ArraySlice<UInt8>, tables: ArraySlice<UInt8>) {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n"), bytes[index + 1] == UInt8(ascii: "\n") {
                return (bytes[...index], bytes[(index + 2)...])
            }
            index += 1
        }
        return (bytes, [])
    }

    /// The whole socket answer (`show info;show stat;show table`, then any `show table NAME`).
    static func decodeSocket(_ bytes: [UInt8]) throws(CollectError) -> BalancerSample {
        let (info, rest) = splitInfoAndStats(bytes)
        let (stats, tables) = splitStatsAndTables(rest)
        var sample = try decode(statsBody: stats, process: ShowInfoParser.parse(info))
        sample.stickTables = ShowTableParser.parse(tables)
        return sample
    }

    /// Parses a stats body, naming what arrived when it is not HAProxy CSV.
    static func decode(statsBody: ArraySlice<UInt8>, process: BalancerProcess?) throws(CollectError) -> BalancerSample {
        let format = FormatSniffer.detect(statsBody)
        switch format {
        case .haproxyCSV:
            break
        case .html:
            throw CollectError(.badPayload, "got an HTML page, not CSV: add ;csv to the stats URL (e.g. http://host:8404/stats;csv)")
        case .unknown where statsBody.allSatisfy({ $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }):
            throw CollectError(.badPayload, "empty response")
        default:
            throw CollectError(.badPayload, "expected HAProxy stats CSV, got \(format.rawValue)")
        }
        let result: Result<HAProxyStats, HAProxyCSVError> = statsBody.withUnsafeBufferPointer { buffer in
            Result { () throws(HAProxyCSVError) in try HAProxyCSVParser.parse(buffer) }
        }
        switch result {
        case .success(let stats):
            return BalancerSample(format: format.rawValue, rows: stats.rows, skippedLines: stats.skippedLines, process: process)
        case .failure(let error):
            throw CollectError(.badPayload, error.description)
        }
    }
}
