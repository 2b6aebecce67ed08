extension ServerState {
    /// Parses HAProxy's server `status` text: `UP`, `UP 21/30`, `DOWN 9/30`, `NOLB`, `DRAIN`,
    /// `DRAIN (agent)`, `DOWN (agent)`, `MAINT`, `MAINT (via app/s1)`, `MAINT (resolution)`,
    /// `no check`. Anything else is `.unknown` (never up), keeping the text as `detail`.
    public init(haproxyStatus text: String) {
        if text == "no check" {
            self.init(kind: .noCheck)
            return
        }
        var rest = Substring(text)
        var detail: String?
        if rest.hasSuffix(")"), let open = rest.firstIndex(of: "(") {
            detail = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            rest = rest[..<open]
            while rest.last == " " { rest.removeLast() }
        }
        let words = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first, let kind = Self.kind(named: first), words.count <= 2 else {
            self.init(kind: .unknown, detail: text.isEmpty ? nil : text)
            return
        }
        var transition: Transition?
        if words.count == 2 {
            let parts = words[1].split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let step = Int(parts[0]), let of = Int(parts[1]) else {
                self.init(kind: .unknown, detail: text)
                return
            }
            transition = Transition(step: step, of: of)
        }
        self.init(kind: kind, transition: transition, detail: detail)
    }

    private static func kind(named word: Substring) -> Kind? {
        switch word {
        case "UP": .up
        case "DOWN": .down
        case "NOLB": .nolb
        case "DRAIN": .drain
        case "MAINT": .maint
        default: nil
        }
    }
}
