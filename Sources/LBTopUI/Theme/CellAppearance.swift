/// How a cell looks once its role is resolved: colours (nil = terminal default) and attributes.
public struct CellAppearance: Hashable, Sendable {
    public var foreground: RGB?
    public var background: RGB?
    public var emphasis: Emphasis
    public init(foreground: RGB? = nil, background: RGB? = nil, emphasis: Emphasis = []) {
        self.foreground = foreground; self.background = background; self.emphasis = emphasis
    }
}
