/// One HAProxy stick table: its fill, and when its contents were dumped, how many entries stick
/// to each server (`server_key`, the server's name; `#id` where only `server_id` is given).
public struct StickTable: Sendable, Equatable {
    public var name: String
    /// Key type (`ip`, `string`, `integer`…).
    public var type: String
    public var size: Int
    public var used: Int
    /// Entries by the server they route to; nil when the contents were not dumped (a socket below
    /// `level operator`, or a table too large to read every poll).
    public var entriesByServer: [String: Int]?
    /// The socket refused the contents (`level user`).
    public var contentsDenied: Bool

    public init(name: String, type: String, size: Int, used: Int, entriesByServer: [String: Int]? = nil,
                contentsDenied: Bool = false) {
        self.name = name; self.type = type; self.size = size; self.used = used
        self.entriesByServer = entriesByServer; self.contentsDenied = contentsDenied
    }
}

/// HAProxy's `show table` answers: the summary (`# table: st, type: ip, size:1024, used:3`, one
/// line per table) then, for some tables, `show table NAME` (the same line, then one line per
/// entry: `0x…: key=10.0.0.1 use=0 exp=1799 server_id=1 server_key=s1`). Answers are separated
/// by a blank line; anything else (`No such table`, an unknown command) is skipped. Pure; entries
/// are counted by their bytes, a string made once per server, not per entry.
public enum ShowTableParser {
    /// The tables of `bytes`: the first answer is the summary, each later one a dump.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> [StickTable] {
        var tables: [StickTable] = []
        var position: [String: Int] = [:]
        var answer = 0
        var dumping: Int?  // the table whose entries the current answer lists
        var counts: [ArraySlice<UInt8>: Int] = [:]  // its entries by server_key, or by `=` + server_id
        func finish() {
            guard let table = dumping else { return }
            var entries = tables[table].entriesByServer ?? [:]
            for (server, count) in counts {
                let name = server.first == equals ? "#" + String(decoding: server.dropFirst(), as: UTF8.self)
                    : String(decoding: server, as: UTF8.self)
                entries[name, default: 0] += count
            }
            tables[table].entriesByServer = entries
            counts = [:]
            dumping = nil
        }
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.endIndex
            let line = bytes[start..<end]
            start = end + 1
            if line.isEmpty {
                finish()
                answer += 1
                continue
            }
            if line.first == hash, let header = header(line) {
                finish()
                if let known = position[header.name] {
                    tables[known].used = header.used
                    if answer > 0, !tables[known].contentsDenied { dumping = known }
                } else if answer == 0 {
                    position[header.name] = tables.count
                    tables.append(header)
                }
            } else if let table = dumping {
                if line.starts(with: deniedPrefix) {
                    tables[table].contentsDenied = true
                    tables[table].entriesByServer = nil
                    counts = [:]
                    dumping = nil
                } else if let server = server(of: line) {
                    counts[server, default: 0] += 1
                }
            }
        }
        finish()
        return tables
    }

    private static let newline = UInt8(ascii: "\n")
    private static let hash = UInt8(ascii: "#")
    private static let space = UInt8(ascii: " ")
    private static let equals = UInt8(ascii: "=")
    private static let headerPrefix = Array("# table: ".utf8)
    private static let deniedPrefix = Array("# contents not dumped".utf8)
    private static let serverKeyPrefix = Array("server_key=".utf8)
    private static let serverIDPrefix = Array("server_id=".utf8)
    private static let usePrefix = Array("use=".utf8)

    /// `# table: st, type: ip, size:1024, used:3` as a table without contents.
    static func header(_ line: ArraySlice<UInt8>) -> StickTable? {
        guard line.starts(with: headerPrefix) else { return nil }
        let fields = String(decoding: line.dropFirst(headerPrefix.count), as: UTF8.self)
            .split(separator: ",").map { $0.trimmingSpaces }
        guard let name = fields.first, !name.isEmpty else { return nil }
        var type = "", size: Int?, used: Int?
        for field in fields.dropFirst() {
            guard let colon = field.firstIndex(of: ":") else { continue }
            let value = field[field.index(after: colon)...].trimmingSpaces
            switch field[..<colon] {
            case "type": type = value
            case "size": size = Int(value)
            case "used": used = Int(value)
            default: break
            }
        }
        guard let size, let used else { return nil }
        return StickTable(name: name, type: type, size: size, used: used)
    }

    /// The server an entry routes to, as bytes of the line: its `server_key` value, else its
    /// `server_id` with the `=` before it (`=2`: no server name holds `=`); nil for an entry that
    /// routes nowhere (a tracking-only table). Only the fields right of the rightmost `use=` are
    /// read: a string key left of it may hold spaces and any text.
    static func server(of line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var id: ArraySlice<UInt8>?
        var end = line.endIndex
        while end > line.startIndex {
            var begin = end
            while begin > line.startIndex, line[begin - 1] != space { begin -= 1 }
            let token = line[begin..<end]
            if token.starts(with: usePrefix) { break }
            if token.starts(with: serverKeyPrefix) { return token.dropFirst(serverKeyPrefix.count) }
            if token.starts(with: serverIDPrefix) { id = token.dropFirst(serverIDPrefix.count - 1) }
            end = begin - 1
        }
        return id
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
