extension KeyMap {
    /// The key table as Markdown, for the README (a test checks the README holds exactly this).
    public func markdownTable() -> String {
        var lines = ["| key | action |", "|---|---|"]
        for binding in bindings {
            let keys = binding.keys.map { "`\($0.label == "`" ? "``" : $0.label)`" }.joined(separator: " ")
            lines.append("| \(keys) | \(binding.summary) |")
        }
        return lines.joined(separator: "\n")
    }
}
