/// One line of styled runs from the left and from the right (htop's function bar, the header
/// and footer lines). Left runs are drawn in order until the line is full; right runs are drawn
/// flush right only where they do not overlap the left ones. The rest of the line is blank.
public struct StatusLine: Widget {
    public struct Run: Sendable, Equatable {
        public var text: String
        public var style: Style
        public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
    }

    public var left: [Run]
    public var right: [Run]
    /// Style of the blank cells.
    public var background: Style

    public init(left: [Run], right: [Run] = [], background: Style = .plain) {
        self.left = left; self.right = right; self.background = background
    }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        screen.fill(line, with: " ", style: background)
        var x = rect.x
        for run in left where x < rect.maxX {
            x += screen.put(run.text, x: x, y: rect.y, maxWidth: rect.maxX - x, style: run.style)
        }
        var rightWidth = 0
        for run in right { rightWidth += TextWidth.width(of: run.text) }
        var rx = rect.maxX - rightWidth
        guard rx >= x + (x > rect.x ? 1 : 0) else { return }
        for run in right {
            rx += screen.put(run.text, x: rx, y: rect.y, maxWidth: rect.maxX - rx, style: run.style)
        }
    }
}
