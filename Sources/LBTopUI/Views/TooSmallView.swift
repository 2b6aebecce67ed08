/// Drawn instead of the views when the terminal is below the smallest usable size (btop's
/// `Term::get_min_size` screen): one line with the current and the needed size, nothing else.
public struct TooSmallView: Sendable {
    public var size: TerminalSize
    public var minimum: TerminalSize

    public init(size: TerminalSize, minimum: TerminalSize) { self.size = size; self.minimum = minimum }

    /// The message, longest form first; the first that fits the width is drawn.
    public var messages: [String] {
        [
            "Terminal too small: \(size.width)x\(size.height), lbtop needs \(minimum.width)x\(minimum.height) (q quits)",
            "Too small: \(size.width)x\(size.height) < \(minimum.width)x\(minimum.height)",
            "\(size.width)x\(size.height)<\(minimum.width)x\(minimum.height)",
            "small",
        ]
    }

    public func render<S: Screen>(on screen: inout S) {
        screen.clear(screen.bounds)
        guard screen.width > 0, screen.height > 0 else { return }
        let text = messages.first { TextWidth.width(of: $0) <= screen.width } ?? ""
        let x = max(0, (screen.width - TextWidth.width(of: text)) / 2)
        screen.put(text, x: x, y: screen.height / 2, maxWidth: screen.width - x, style: Style(.critical, [.bold]))
    }
}
