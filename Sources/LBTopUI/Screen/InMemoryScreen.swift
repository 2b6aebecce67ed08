/// A grid of cells in memory: what tests render into and read back (ratatui's Buffer).
/// A wide character fills its first cell; the cell after it is a continuation (`isContinuation`).
public struct InMemoryScreen: Screen, Sendable {
    public struct Cell: Equatable, Sendable {
        public var text: String
        public var style: Style
        /// Right half of a wide character drawn in the cell before.
        public var isContinuation: Bool
    }

    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    /// A screen pre-filled with `fill`, so tests can see what a widget left alone.
    public init(width: Int, height: Int, fill: Character = " ") {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: String(fill), style: .plain, isContinuation: false),
                      count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style) -> Int {
        guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
        let limit = min(width, x + maxWidth)
        var column = x
        for glyph in TextWidth.glyphs(text) {
            if column + glyph.width > limit { break }
            if column >= 0 {
                clearWide(at: column, y: y)
                cells[y * width + column] = Cell(text: glyph.text, style: style, isContinuation: false)
                if glyph.width == 2 {
                    clearWide(at: column + 1, y: y)
                    cells[y * width + column + 1] = Cell(text: "", style: style, isContinuation: true)
                }
            }
            column += glyph.width
        }
        return max(0, column - max(x, 0))
    }

    public mutating func fill(_ rect: Rect, with character: Character, style: Style) {
        let area = rect.intersection(bounds)
        for row in area.y..<area.maxY {
            for col in area.x..<area.maxX {
                clearWide(at: col, y: row)
                cells[row * width + col] = Cell(text: String(character), style: style, isContinuation: false)
            }
        }
    }

    /// Overwriting half of a wide character blanks its other half.
    private mutating func clearWide(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation, x > 0 {
            cells[index - 1] = Cell(text: " ", style: cells[index - 1].style, isContinuation: false)
        } else if x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style, isContinuation: false)
        }
    }

    /// The screen as text lines; a wide character appears once (continuations add nothing).
    public var lines: [String] {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width { line += cells[row * width + col].text }
            return line
        }
    }

    /// The style of the cell at a column and row.
    public func style(atColumn x: Int, row y: Int) -> Style { self[x, y].style }

    /// Resizes the grid (contents are cleared), as a terminal resize does.
    public mutating func resize(width: Int, height: Int, fill: Character = " ") {
        self = InMemoryScreen(width: width, height: height, fill: fill)
    }
}
