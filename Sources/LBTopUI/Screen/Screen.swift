/// A grid of cells that views render into: `NcursesScreen` for the terminal, `InMemoryScreen` for
/// tests. Text is sanitised and clipped by display width on the way in (see `TextWidth`), so no
/// view can write a control byte or split a wide character.
public protocol Screen {
    var width: Int { get }
    var height: Int { get }

    /// Writes `text` starting at column `x`, row `y`, using at most `maxWidth` columns (and never
    /// past the right edge). Control characters are shown escaped. Returns the columns written.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style) -> Int

    /// Fills `rect` with `character` (a one-column character) in `style`.
    mutating func fill(_ rect: Rect, with character: Character, style: Style)
}

extension Screen {
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        put(text, x: x, y: y, maxWidth: width - x, style: style)
    }

    /// Blanks `rect` (spaces in the plain style).
    public mutating func clear(_ rect: Rect) { fill(rect, with: " ", style: .plain) }
}
