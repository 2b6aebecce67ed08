/// Writes the theme chosen with `t` back into the config file's top-level `theme = "…"` line,
/// leaving every other line as it was (comments included).
public enum ConfigThemeSetting {
    /// `text` with its top-level `theme` set to `name`: the existing line is replaced, or a new one
    /// goes before the first table header (`[…]`), or at the end.
    public static func updating(_ text: String, theme name: String) -> String {
        let escaped = name.replacingBackslashesAndQuotes()
        let setting = "theme = \"\(escaped)\""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var firstTable: Int?
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("[") { firstTable = index; break }
            if trimmed.hasPrefix("theme") {
                let rest = trimmed.dropFirst(5).drop { $0 == " " || $0 == "\t" }
                if rest.hasPrefix("=") {
                    lines[index] = setting
                    return lines.joined(separator: "\n") + "\n"
                }
            }
        }
        lines.insert(setting, at: firstTable ?? lines.count)
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func replacingBackslashesAndQuotes() -> String {
        var out = ""
        for c in self {
            if c == "\\" || c == "\"" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
