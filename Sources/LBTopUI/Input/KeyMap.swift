import LBTopCore

/// Key → action table (htop's `Action_setBindings`). The input handler, the footer, the `?` help
/// overlay and the README's key table all read this one value, so they cannot drift apart.
public struct KeyMap: Sendable {
    public private(set) var bindings: [KeyBinding]
    private var index: [Key: Action]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
        var index: [Key: Action] = [:]
        for binding in bindings {
            for key in binding.keys where index[key] == nil { index[key] = binding.action }
        }
        self.index = index
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? { index[key] }

    /// Bindings shown in the footer, in table order.
    public var footerBindings: [KeyBinding] { bindings.filter(\.inFooter) }

    /// The keys of DESIGN.md's contract.
    public static let standard = KeyMap([
        KeyBinding([.character("1")], .showView(.servers), summary: "servers view"),
        KeyBinding([.character("2")], .showView(.traffic), summary: "traffic view"),
        KeyBinding([.character("3")], .showView(.alerts), summary: "alerts view"),
        KeyBinding([.character("4")], .showView(.requests), summary: "requests view (with --log)"),
        KeyBinding([.tab], .nextView, summary: "next view", footer: "view"),
        KeyBinding([.backTab], .previousView, summary: "previous view"),
        KeyBinding([.up, .character("k")], .moveUp, summary: "select previous row"),
        KeyBinding([.down, .character("j")], .moveDown, summary: "select next row"),
        KeyBinding([.pageUp], .pageUp, summary: "page up"),
        KeyBinding([.pageDown], .pageDown, summary: "page down"),
        KeyBinding([.home, .character("g")], .moveToTop, summary: "first row"),
        KeyBinding([.end, .character("G")], .moveToBottom, summary: "last row"),
        KeyBinding([.enter], .openDetail, summary: "detail of the selected row", footer: "detail"),
        KeyBinding([.escape], .back, summary: "back: close help, detail or filter"),
        KeyBinding([.character("a")], .acknowledgeSelected, summary: "acknowledge selected alert", footer: "ack"),
        KeyBinding([.character("A")], .acknowledgeAllVisible, summary: "acknowledge all visible alerts"),
        KeyBinding([.character("/")], .beginFilter, summary: "filter rows by text", footer: "filter"),
        KeyBinding([.character("s")], .cycleSort, summary: "sort by next column", footer: "sort"),
        KeyBinding([.character("p")], .togglePause, summary: "pause / resume the display", footer: "pause"),
        KeyBinding([.character("t")], .cycleTheme, summary: "next theme"),
        KeyBinding([.character("b")], .toggleBell, summary: "bell on new critical alert on/off"),
        KeyBinding([.character("d")], .serverAction(.drain), summary: "drain the selected or marked servers (asks y/N)"),
        KeyBinding([.character("D")], .serverAction(.forceDrain), summary: "drain even a backend's last serving server (asks y/N)"),
        KeyBinding([.character("r")], .serverAction(.ready), summary: "ready: back in rotation (asks y/N)"),
        KeyBinding([.character("m")], .serverAction(.maint), summary: "maintenance (asks y/N)"),
        KeyBinding([.character("w")], .serverAction(.weight), summary: "set weight: absolute or N% of initial (asks y/N)"),
        KeyBinding([.character("W")], .serverAction(.applyAdvice), summary: "backend detail: apply the advised weights (asks y/N)"),
        KeyBinding([.character(" ")], .serverAction(.mark), summary: "mark / unmark the selected server"),
        KeyBinding([.character("?"), .function(1)], .toggleHelp, summary: "this help", footer: "help"),
        KeyBinding([.character("q")], .quit, summary: "quit", footer: "quit"),
    ])

    /// The keys of `lbtop replay`: the standard ones without acknowledging (a recording is read,
    /// not changed) and without pause (space plays and pauses), plus the replay keys.
    public static let replay = KeyMap([
        KeyBinding([.character(" ")], .replay(.playPause), summary: "replay: play / pause", footer: "play"),
        KeyBinding([.character("]")], .replay(.nextEvent), summary: "replay: next alert transition or action", footer: "event"),
        KeyBinding([.character("[")], .replay(.previousEvent), summary: "replay: previous alert transition or action"),
        KeyBinding([.left], .replay(.stepBack), summary: "replay: one poll back"),
        KeyBinding([.right], .replay(.stepForward), summary: "replay: one poll forward"),
        KeyBinding([.character("<")], .replay(.minuteBack), summary: "replay: one minute back"),
        KeyBinding([.character(">")], .replay(.minuteForward), summary: "replay: one minute forward"),
        KeyBinding([.character("+")], .replay(.faster), summary: "replay: faster (x1 to x60)"),
        KeyBinding([.character("-")], .replay(.slower), summary: "replay: slower"),
    ] + standard.bindings.filter {
        ![Action.acknowledgeSelected, .acknowledgeAllVisible, .togglePause].contains($0.action)
    })
}
