/// Resolves `ThemeRole`s to colours and attributes (htop's `CRT_colorSchemes`, btop's `Theme`).
/// Built from a btop-format file: keys the file lacks take the built-in default; keys it leaves
/// blank mean the terminal's default colour, and a role left with no colour at all is drawn with
/// its monochrome attributes so it stays distinguishable. Views never see colours.
public struct Theme: Sendable {
    public let name: String
    /// Problems found in the file (the theme loaded anyway).
    public let warnings: [ThemeWarning]
    private let roles: [ThemeRole: Resolved]
    private let gradients: [GradientKind: Gradient]
    private let background: RGB?

    private struct Resolved: Sendable {
        var foreground: RGB?
        var background: RGB?
        var emphasis: Emphasis
        var monochrome: Emphasis
    }

    /// A theme from a parsed btop file.
    public init(name: String, file: BtopThemeFile) {
        self.name = name
        warnings = file.warnings
        let defaults = Theme.defaultValues
        func color(_ chain: [String]) -> RGB? {
            for key in chain { if let value = file.values[key] { return value } }
            for key in chain { if let value = defaults[key] { return value } }
            return nil
        }
        var roles: [ThemeRole: Resolved] = [:]
        for role in ThemeRoleMap.plainRoles {
            let entry = ThemeRoleMap.entry(for: role)
            roles[role] = Resolved(foreground: color(entry.foreground), background: color(entry.background),
                                   emphasis: entry.emphasis, monochrome: entry.monochrome)
        }
        self.roles = roles
        background = color(["main_bg"])
        var gradients: [GradientKind: Gradient] = [:]
        for kind in GradientKind.allCases {
            let prefixes = ThemeRoleMap.gradientKeys(for: kind)
            let chosen = prefixes.first { file.values["\($0)_start"] != nil }
            if let p = chosen {
                func part(_ suffix: String) -> RGB? {
                    if let value = file.values["\(p)_\(suffix)"] { return value }
                    return defaults["\(p)_\(suffix)"] ?? nil
                }
                gradients[kind] = Gradient(start: part("start"), mid: part("mid"), end: part("end"))
            } else {
                let p = prefixes.first { defaults["\($0)_start"] != nil } ?? "cpu"
                gradients[kind] = Gradient(start: defaults["\(p)_start"] ?? nil, mid: defaults["\(p)_mid"] ?? nil,
                                           end: defaults["\(p)_end"] ?? nil)
            }
        }
        self.gradients = gradients
    }

    /// Parses btop-format text into a theme.
    public init(name: String, btopText: String) {
        self.init(name: name, file: BtopThemeParser.parse(btopText))
    }

    /// How a cell in `style` looks at `depth`. In `.mono` every role uses its monochrome
    /// attributes and no colour.
    public func appearance(for style: Style, depth: ColorDepth = .direct) -> CellAppearance {
        var resolved: Resolved
        if case .graph(let kind, let percent) = style.role {
            resolved = Resolved(foreground: gradients[kind]?[Int(percent)], background: background, emphasis: [], monochrome: [])
        } else {
            resolved = roles[style.role] ?? Resolved(foreground: nil, background: nil, emphasis: [], monochrome: [])
        }
        if depth == .mono || (resolved.foreground == nil && resolved.background == nil && isRoleColoredByDefault(style.role)) {
            return CellAppearance(emphasis: resolved.monochrome.union(style.emphasis))
        }
        return CellAppearance(foreground: resolved.foreground, background: resolved.background,
                              emphasis: resolved.emphasis.union(style.emphasis))
    }

    /// The gradient behind `.graph(kind, …)` cells.
    public func gradient(_ kind: GradientKind) -> Gradient { gradients[kind] ?? Gradient(start: nil) }

    /// The background of the whole screen (`main_bg`); nil = the terminal's own.
    public var screenBackground: RGB? { background }

    /// True when no role has any colour (the monochrome theme).
    public var isMonochrome: Bool { roles.values.allSatisfy { $0.foreground == nil && $0.background == nil } }

    /// Roles whose meaning lives in their colour; when a theme blanks them they fall back to
    /// their monochrome attributes. Plain text, borders and graphs stay plain.
    private func isRoleColoredByDefault(_ role: ThemeRole) -> Bool {
        switch role {
        case .text, .border, .graph: return false
        default: return true
        }
    }

    /// The built-in default: used when no theme file is found, and for keys a file lacks.
    public static let builtinDefault = Theme(name: "default", file: BtopThemeFile(values: defaultValues))

    /// lbtop's built-in values for btop's 48 keys (dark, terminal background).
    static let defaultValues: [String: RGB?] = {
        let table: [(String, String)] = [
            ("main_bg", ""), ("main_fg", "#cccccc"), ("title", "#eeeeee"), ("hi_fg", "#5fafff"),
            ("selected_bg", "#304a6a"), ("selected_fg", "#ffffff"), ("inactive_fg", "#6c6c6c"),
            ("graph_text", "#8a8a8a"), ("meter_bg", "#3a3a3a"), ("proc_misc", "#0de756"),
            ("cpu_box", "#556d59"), ("mem_box", "#6c6c4b"), ("net_box", "#5c588d"), ("proc_box", "#805252"),
            ("div_line", "#4e4e4e"),
            ("temp_start", "#4897d4"), ("temp_mid", "#5474e8"), ("temp_end", "#ff40b6"),
            ("cpu_start", "#5fd787"), ("cpu_mid", "#e5c07b"), ("cpu_end", "#ff5f5f"),
            ("free_start", "#384f21"), ("free_mid", "#b5e685"), ("free_end", "#dcff85"),
            ("cached_start", "#163350"), ("cached_mid", "#74e6fc"), ("cached_end", "#26c5ff"),
            ("available_start", "#4e3f0e"), ("available_mid", "#ffd77a"), ("available_end", "#ffb814"),
            ("used_start", "#4fa66a"), ("used_mid", "#d9a62e"), ("used_end", "#ff4769"),
            ("download_start", "#3f6fbf"), ("download_mid", "#6f8fdf"), ("download_end", "#b0c9ff"),
            ("upload_start", "#620665"), ("upload_mid", "#7d4180"), ("upload_end", "#dcafde"),
            ("process_start", "#5fd787"), ("process_mid", "#e5c07b"), ("process_end", "#ff5f5f"),
            ("proc_pause_bg", "#b54040"), ("proc_follow_bg", "#16a0a0"), ("proc_banner_bg", "#304a6a"),
            ("proc_banner_fg", "#ffffff"), ("followed_bg", "#304a6a"), ("followed_fg", "#ffffff"),
        ]
        var values: [String: RGB?] = [:]
        for (key, text) in table {
            if case .success(let color) = BtopThemeParser.parseColor(text) { values[key] = .some(color) }
        }
        return values
    }()

    /// The 48 keys btop defines (STYLE.md appendix); a theme file should stay inside them plus
    /// lbtop's own keys (`ThemeRoleMap`).
    public static let btopKeys: [String] = defaultValues.keys.sorted()
}
