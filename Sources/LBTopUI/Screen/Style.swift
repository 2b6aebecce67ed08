/// What a cell means; the theme decides how it looks (htop's ColorElements, btop's theme keys).
/// Views speak only roles, never colours.
public enum ThemeRole: Hashable, Sendable {
    case text
    case muted
    case title
    case header
    case border
    case selected
    case keyHint
    case statusBar
    case paused
    case ok
    case warn
    case critical
    case stale
    case stateUp
    case stateDown
    case stateDrain
    case stateMaint
    case stateNolb
    case stateUnknown
    case alertWarning
    case alertCritical
    case alertAcknowledged
    /// A cell of a graph or meter, coloured by how far along its gradient (0…100) the value is.
    case graph(GradientKind, percent: UInt8)
}

/// The gradients a theme provides (btop's `cpu_*`, `used_*`, `download_*`, `process_*`…).
public enum GradientKind: String, Hashable, Sendable, CaseIterable {
    case cpu
    case memory
    case traffic
    case latency
    case errors
}

/// Text attributes independent of colour; the monochrome theme lives on these alone.
public struct Emphasis: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Emphasis(rawValue: 1 << 0)
    public static let dim = Emphasis(rawValue: 1 << 1)
    public static let reverse = Emphasis(rawValue: 1 << 2)
    public static let underline = Emphasis(rawValue: 1 << 3)
    public static let blink = Emphasis(rawValue: 1 << 4)
}

/// A role plus extra emphasis: everything a cell carries besides its text.
public struct Style: Hashable, Sendable {
    public var role: ThemeRole
    public var emphasis: Emphasis
    public init(_ role: ThemeRole = .text, _ emphasis: Emphasis = []) {
        self.role = role; self.emphasis = emphasis
    }
    public static let plain = Style()
}
