/// Named byte strings kept as one: each part is `name length\n`, that many bytes, then `\n`. How a
/// poll that read several things (the `/proc` files, a Prometheus server's answers) is recorded.
enum FramedParts {
    static func write(_ parts: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count + 32 })
        for part in parts {
            out += Array("\(part.name) \(part.bytes.count)\n".utf8)
            out += part.bytes
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The parts of `bytes`; nil when they are not parts as `write` makes them.
    static func read(_ bytes: [UInt8]) -> [(name: String, bytes: [UInt8])]? {
        var parts: [(name: String, bytes: [UInt8])] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let header = String(decoding: bytes[index..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 2, let count = Int(header[1]), count >= 0,
                  count < bytes.endIndex - newline - 1 else { return nil }
            let start = newline + 1, end = start + count
            guard bytes[end] == UInt8(ascii: "\n") else { return nil }
            parts.append((String(header[0]), Array(bytes[start..<end])))
            index = end + 1
        }
        return parts
    }
}
