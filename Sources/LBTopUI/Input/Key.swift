/// A key press, named before any view sees it (btop's `Key_escapes`). `NcursesScreen` turns raw
/// curses codes into these; tests build them directly.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, any script).
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1…F12.
    case function(Int)
    /// The terminal changed size (curses `KEY_RESIZE`).
    case resize
    /// A code lbtop does not name; ignored by the key map.
    case unknown(Int32)

    /// Short spelling for the footer, the help overlay and the README (`q`, `Tab`, `↑/k`…).
    public var label: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .function(let n): return "F\(n)"
        case .resize: return "resize"
        case .unknown(let code): return "#\(code)"
        }
    }

    /// The label with ASCII spellings for arrows, for terminals without UTF-8.
    public var asciiLabel: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return label
        }
    }

    /// Maps a character code as read in text mode: control codes for Enter, Tab, Esc and
    /// Backspace become their named keys; other controls are `.unknown`.
    public init(characterCode code: UInt32) {
        switch code {
        case 10, 13: self = .enter
        case 9: self = .tab
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 0..<32: self = .unknown(Int32(code))
        default:
            if let scalar = Unicode.Scalar(code) { self = .character(Character(scalar)) } else { self = .unknown(Int32(code)) }
        }
    }
}
