import Foundation

/// Finds the line of a key in TOML text. The TOML parser reports lines only for syntax errors, so
/// semantic errors (wrong type, unknown key, bad value) are placed by scanning the text for table
/// headers and `key =` lines.
///
/// A key path is the list of names from the root; an element of an array of tables is `[N]`:
/// `["target", "[1]", "url"]` is the `url` of the second `[[target]]`.
struct TOMLKeyLocator: Sendable {
    private var lines: [[String]: Int] = [:]

    init(text: String) {
        var table: [String] = []
        var arrayCounts: [[String]: Int] = [:]
        var inMultilineString = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = raw.trimmingWhitespace()
            let quotes = line.components(separatedBy: "\"\"\"").count + line.components(separatedBy: "'''").count - 2
            if inMultilineString {
                if quotes % 2 == 1 { inMultilineString = false }
                continue
            }
            if quotes % 2 == 1 { inMultilineString = true }
            if line.hasPrefix("[[") {
                let name = Self.keyParts(Self.header(line, open: 2))
                let count = arrayCounts[name, default: 0]
                arrayCounts[name] = count + 1
                table = name + ["[\(count)]"]
                record(name, line: number)
                record(table, line: number)
            } else if line.hasPrefix("[") {
                table = Self.resolve(Self.keyParts(Self.header(line, open: 1)), arrayCounts: arrayCounts)
                record(table, line: number)
            } else if let equals = Self.assignment(line) {
                record(table + Self.keyParts(String(line[..<equals])), line: number)
            }
        }
    }

    /// The line of `path`, or of its nearest enclosing table or key that has one.
    func line(of path: [String]) -> Int? {
        var path = path
        while !path.isEmpty {
            if let line = lines[path] { return line }
            path.removeLast()
        }
        return nil
    }

    private mutating func record(_ path: [String], line: Int) {
        if lines[path] == nil { lines[path] = line }
    }

    /// `[a.b]` inside the last `[[a]]` refers to that element: `a.[N].b`.
    private static func resolve(_ parts: [String], arrayCounts: [[String]: Int]) -> [String] {
        var names: [String] = []
        var resolved: [String] = []
        for (index, part) in parts.enumerated() {
            names.append(part)
            resolved.append(part)
            if index < parts.count - 1, let count = arrayCounts[names], count > 0 { resolved.append("[\(count - 1)]") }
        }
        return resolved
    }

    private static func header(_ line: String, open: Int) -> String {
        let body = line.dropFirst(open)
        let end = body.firstIndex(of: "]") ?? body.endIndex
        return String(body[..<end])
    }

    /// The index of `=` when the line is `key = value` (outside quotes).
    private static func assignment(_ line: String) -> String.Index? {
        guard let first = line.first, first != "#" else { return nil }
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "=" {
                return index
            } else if !(character.isLetter || character.isNumber || "_-. \t".contains(character)) {
                return nil
            }
        }
        return nil
    }

    /// Splits a dotted key (`a."b.c".d`) into its names, unquoted.
    static func keyParts(_ key: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for character in key {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "." {
                parts.append(current.trimmingWhitespace())
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingWhitespace())
        return parts
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice = slice.dropLast() }
        return String(slice)
    }
}
