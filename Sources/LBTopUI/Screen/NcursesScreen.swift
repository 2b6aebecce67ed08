import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// The terminal as a `Screen`, through ncursesw (htop's CRT). It is the only code that calls
/// curses; an instance belongs to one isolation domain (the app loop), so every curses call
/// happens there. Frames are drawn into curses' virtual screen and sent with `doupdate`, which
/// writes only the cells that changed: there is no full clear per frame.
public final class NcursesScreen: Screen {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Colours the terminal can show, probed once at start.
    public let colorDepth: ColorDepth
    /// Replace every non-ASCII glyph by `?` (a terminal whose locale is not UTF-8).
    public let asciiOnly: Bool
    public private(set) var theme: Theme

    private let screen: OpaquePointer
    private var isEnded = false
    private var maximumPairs: Int32
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var resolved: [Style: (attributes: attr_t, pair: Int32)] = [:]
    /// One glyph as NUL-terminated wide characters, reused for every cell.
    private var glyphBuffer = [wchar_t](repeating: 0, count: 8)
    /// Reused for plain ASCII text, the common case (numbers, names, padding): one C call per put.
    private var lineBuffer = [wchar_t](repeating: 0, count: 256)

    private struct PairKey: Hashable { var foreground: Int; var background: Int }

    public struct StartError: Error, CustomStringConvertible {
        public var terminalType: String
        public var description: String { "cannot start the terminal (TERM=\(terminalType)): no terminfo entry or not a terminal" }
    }

    /// Starts curses. `output`/`input` default to the process's stdout/stdin; tests pass files
    /// and a terminal type to run without a terminal.
    public init(theme: Theme, asciiOnly: Bool, environment: [String: String],
                terminalType: String? = nil, output: UnsafeMutablePointer<FILE>? = nil,
                input: UnsafeMutablePointer<FILE>? = nil) throws {
        _ = TextWidth.environmentIsUTF8  // sets the locale before curses starts
        let started: OpaquePointer?
        let type = terminalType ?? Self.directColorTerminalType(environment: environment)
        if let output, let input {
            started = newterm(type, output, input)
        } else {
            started = CNcursesw_newtermOnStdio(type)
        }
        guard let started else { throw StartError(terminalType: terminalType ?? environment["TERM"] ?? "") }
        screen = started
        _ = set_term(started)
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(CNcursesw_stdscr(), true)
        _ = nodelay(CNcursesw_stdscr(), true)
        _ = intrflush(CNcursesw_stdscr(), false)
        _ = leaveok(CNcursesw_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        let hasColor = has_colors()
        let terminfoColors = hasColor ? Int(max(0, CNcursesw_terminfoNumber("colors"))) : 0
        colorDepth = ColorDepth.detect(terminfoColors: terminfoColors, environment: environment)
        if colorDepth != .mono {
            _ = start_color()
            _ = use_default_colors()
        }
        maximumPairs = colorDepth == .mono ? 0 : CNcursesw_COLOR_PAIRS()
        self.asciiOnly = asciiOnly
        self.theme = theme
        var rows: Int32 = 0, cols: Int32 = 0
        CNcursesw_getmaxyx(CNcursesw_stdscr(), &rows, &cols)
        width = Int(cols); height = Int(rows)
        applyBackground()
    }

    deinit { end() }

    /// When `COLORTERM` says the terminal takes 24-bit colour but `TERM` names an entry without
    /// it (`xterm-256color`), the matching direct-colour entry (`xterm-direct`, from Debian's
    /// `ncurses-term`) if it is installed; nil keeps `TERM`.
    static func directColorTerminalType(environment: [String: String]) -> String? {
        guard ColorDepth.terminalClaimsTrueColor(environment: environment),
              let term = environment["TERM"], !term.hasSuffix("-direct") else { return nil }
        let family = term.split(separator: "-").first.map(String.init) ?? term
        let candidate = family + "-direct"
        var directories = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo"]
        if let own = environment["TERMINFO"] { directories.insert(own, at: 0) }
        if let home = environment["HOME"] { directories.insert(home + "/.terminfo", at: 0) }
        let exists = directories.contains { directory in
            access(directory + "/" + String(candidate.prefix(1)) + "/" + candidate, R_OK) == 0
        }
        return exists ? candidate : nil
    }

    // MARK: frames

    /// Starts a frame: clears curses' virtual screen (not the terminal).
    public func beginFrame() { _ = werase(CNcursesw_stdscr()) }

    /// Sends the frame: only cells that differ from what the terminal shows are written.
    public func present() {
        _ = wnoutrefresh(CNcursesw_stdscr())
        _ = doupdate()
    }

    /// Adopts a new size (after SIGWINCH): curses resizes its screens and repaints on the next
    /// `present`.
    public func resize(to size: TerminalSize) {
        guard size.width > 0, size.height > 0 else { return }
        _ = resizeterm(Int32(size.height), Int32(size.width))
        var rows: Int32 = 0, cols: Int32 = 0
        CNcursesw_getmaxyx(CNcursesw_stdscr(), &rows, &cols)
        width = Int(cols); height = Int(rows)
    }

    public var size: TerminalSize { TerminalSize(width: width, height: height) }

    /// The size the kernel reports for the terminal on `fd`, or nil when `fd` is not a terminal.
    /// Safe from any thread (no curses call).
    public static func windowSize(fd: Int32) -> TerminalSize? {
        var rows: Int32 = 0, cols: Int32 = 0
        guard CNcursesw_windowSize(fd, &rows, &cols) == 0 else { return nil }
        return TerminalSize(width: Int(cols), height: Int(rows))
    }

    /// Switches theme; the next frame repaints every cell so old colours cannot linger.
    public func apply(theme: Theme) {
        self.theme = theme
        resolved.removeAll(keepingCapacity: true)
        pairs.removeAll(keepingCapacity: true)
        nextPair = 1
        applyBackground()
        _ = clearok(CNcursesw_stdscr(), true)
    }

    public func bell() { _ = beep() }

    /// Leaves curses: the terminal gets back its modes, cursor and main screen. Idempotent.
    public func end() {
        guard !isEnded else { return }
        isEnded = true
        _ = set_term(screen)
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
    }

    /// Bytes that put the terminal back as the shell expects it (leave the alternate screen, show
    /// the cursor, reset attributes), from terminfo; written by the crash handler.
    public static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            if let value = CNcursesw_terminfoString(capability) {
                bytes.append(contentsOf: Array(String(cString: value).utf8))
            }
        }
        bytes.append(contentsOf: Array("\r\n".utf8))
        return bytes
    }

    // MARK: input

    /// Every key waiting on the input, without blocking.
    public func readKeys() -> [Key] {
        var keys: [Key] = []
        var code: UInt32 = 0
        while true {
            let rc = CNcursesw_readKey(&code)
            if rc == CNcursesw_ERR() { break }
            keys.append(Self.key(code: code, isFunctionKey: rc == CNcursesw_KEY_CODE_YES()))
        }
        return keys
    }

    /// Names a raw curses code (from `wget_wch`).
    public static func key(code: UInt32, isFunctionKey: Bool) -> Key {
        guard isFunctionKey else { return Key(characterCode: code) }
        let c = Int32(truncatingIfNeeded: code)
        switch c {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(c - KEY_F0))
        default: return .unknown(c)
        }
    }

    // MARK: Screen

    @discardableResult
    public func put(_ text: String, x: Int, y: Int, maxWidth: Int, style: Style) -> Int {
        guard y >= 0, y < height, x < width, maxWidth > 0 else { return 0 }
        let limit = min(width, x + maxWidth)
        let look = attributes(for: style)
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return putPrintableASCII(text, x: x, y: y, limit: limit, look: look)
        }
        var column = x
        var positioned = false
        for glyph in TextWidth.glyphs(text) {
            if column + glyph.width > limit { break }
            if column >= 0 {
                if !positioned { _ = wmove(CNcursesw_stdscr(), Int32(y), Int32(column)); positioned = true }
                draw(glyph, attributes: look.attributes, pair: look.pair)
            }
            column += glyph.width
        }
        return max(0, column - max(x, 0))
    }

    /// `put` for text that is all printable ASCII: one column per byte, nothing to escape.
    private func putPrintableASCII(_ text: String, x: Int, y: Int, limit: Int,
                                   look: (attributes: attr_t, pair: Int32)) -> Int {
        let skip = max(0, -x)
        let count = min(text.utf8.count - skip, limit - max(x, 0))
        guard count > 0 else { return 0 }
        if lineBuffer.count <= count { lineBuffer = [wchar_t](repeating: 0, count: count + 1) }
        lineBuffer.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            for byte in text.utf8.dropFirst(skip).prefix(count) { buffer[index] = wchar_t(byte); index += 1 }
            buffer[index] = 0
            _ = CNcursesw_put(Int32(y), Int32(max(x, 0)), buffer.baseAddress, look.attributes, look.pair)
        }
        return count
    }

    public func fill(_ rect: Rect, with character: Character, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let look = attributes(for: style)
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
           scalar.isASCII || !asciiOnly, TextWidth.width(of: scalar) == 1 {
            for row in area.y..<area.maxY {
                _ = CNcursesw_hline(Int32(row), Int32(area.x), wchar_t(bitPattern: scalar.value), look.attributes, look.pair,
                                    Int32(area.width))
            }
            return
        }
        let glyph = TextWidth.Glyph(text: String(character), width: 1)
        for row in area.y..<area.maxY {
            _ = wmove(CNcursesw_stdscr(), Int32(row), Int32(area.x))
            for _ in area.x..<area.maxX { draw(glyph, attributes: look.attributes, pair: look.pair) }
        }
    }

    private func draw(_ glyph: TextWidth.Glyph, attributes: attr_t, pair: Int32) {
        glyphBuffer.withUnsafeMutableBufferPointer { buffer in
            if asciiOnly && !glyph.text.unicodeScalars.allSatisfy(\.isASCII) {
                buffer[0] = wchar_t(UInt8(ascii: "?")); buffer[1] = 0
                for _ in 0..<glyph.width { _ = CNcursesw_addGlyph(buffer.baseAddress, attributes, pair) }
                return
            }
            var count = 0
            for scalar in glyph.text.unicodeScalars where count < 5 {
                buffer[count] = wchar_t(bitPattern: scalar.value); count += 1
            }
            buffer[count] = 0
            _ = CNcursesw_addGlyph(buffer.baseAddress, attributes, pair)
        }
    }

    // MARK: colours

    private func attributes(for style: Style) -> (attributes: attr_t, pair: Int32) {
        if let known = resolved[style] { return known }
        let look = theme.appearance(for: style, depth: colorDepth)
        var attributes = CNcursesw_A_NORMAL()
        if look.emphasis.contains(.bold) { attributes |= CNcursesw_A_BOLD() }
        if look.emphasis.contains(.dim) { attributes |= CNcursesw_A_DIM() }
        if look.emphasis.contains(.reverse) { attributes |= CNcursesw_A_REVERSE() }
        if look.emphasis.contains(.underline) { attributes |= CNcursesw_A_UNDERLINE() }
        if look.emphasis.contains(.blink) { attributes |= CNcursesw_A_BLINK() }
        let result = (attributes, pair(foreground: look.foreground, background: look.background))
        resolved[style] = result
        return result
    }

    /// A colour pair for the two colours, defined on first use (pair 0 = terminal defaults).
    private func pair(foreground: RGB?, background: RGB?) -> Int32 {
        let fg = foreground.flatMap { colorDepth.colorNumber(for: $0) } ?? -1
        let bg = background.flatMap { colorDepth.colorNumber(for: $0) } ?? -1
        if fg == -1 && bg == -1 { return 0 }
        let key = PairKey(foreground: fg, background: bg)
        if let known = pairs[key] { return known }
        guard nextPair < maximumPairs else { return 0 }
        let number = nextPair
        guard CNcursesw_definePair(number, Int32(fg), Int32(bg)) != CNcursesw_ERR() else { return 0 }
        nextPair += 1
        pairs[key] = number
        return number
    }

    private func applyBackground() {
        let look = attributes(for: .plain)
        CNcursesw_setBackground(look.attributes, look.pair)
    }
}
