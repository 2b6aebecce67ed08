/// One entry of the key map: which keys trigger an action and how to describe it (k9s's
/// `KeyAction`). The footer, the help overlay and the README key table all come from these.
public struct KeyBinding: Hashable, Sendable {
    /// Keys that trigger the action; the first is the one shown in the footer.
    public var keys: [Key]
    public var action: Action
    /// What the binding does, in a few words (`acknowledge selected alert`).
    public var summary: String
    /// Short word for the footer (`quit`, `help`); shown only when `inFooter`.
    public var footerLabel: String
    public var inFooter: Bool

    public init(_ keys: [Key], _ action: Action, summary: String, footer: String? = nil) {
        self.keys = keys; self.action = action; self.summary = summary
        self.footerLabel = footer ?? ""
        self.inFooter = footer != nil
    }

    /// The first key's label, for the footer.
    public func footerKeyLabel(ascii: Bool = false) -> String {
        guard let key = keys.first else { return "" }
        return ascii ? key.asciiLabel : key.label
    }

    /// The keys as one label, e.g. `↑/k` (or `Up/k` in ASCII).
    public func keyLabel(ascii: Bool = false) -> String {
        keys.map { ascii ? $0.asciiLabel : $0.label }.joined(separator: "/")
    }
}
