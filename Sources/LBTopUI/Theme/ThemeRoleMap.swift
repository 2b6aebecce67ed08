/// Which theme keys colour each role, and the attributes each role carries. This table is the
/// documentation of how btop keys map onto lbtop (docs/THEMES.md): every lbtop-only key
/// (`state_up`, `alert_critical`…) falls back to a btop key, so any btop theme works unchanged.
enum ThemeRoleMap {
    struct Entry {
        /// Keys tried in order for the foreground (the file's first, then the built-in default's).
        var foreground: [String]
        var background: [String]
        /// Attributes in colour.
        var emphasis: Emphasis
        /// Attributes when the role has no colour (monochrome theme, `NO_COLOR`, blank keys).
        var monochrome: Emphasis
    }

    static func entry(for role: ThemeRole) -> Entry {
        switch role {
        case .text: return Entry(foreground: ["main_fg"], background: ["main_bg"], emphasis: [], monochrome: [])
        case .muted: return Entry(foreground: ["inactive_fg"], background: ["main_bg"], emphasis: [], monochrome: [.dim])
        case .title: return Entry(foreground: ["title"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold])
        case .header: return Entry(foreground: ["title"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold, .underline])
        case .border: return Entry(foreground: ["div_line"], background: ["main_bg"], emphasis: [], monochrome: [])
        case .selected: return Entry(foreground: ["selected_fg"], background: ["selected_bg"], emphasis: [.bold], monochrome: [.reverse])
        case .keyHint: return Entry(foreground: ["hi_fg"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold, .underline])
        case .statusBar: return Entry(foreground: ["graph_text", "inactive_fg"], background: ["main_bg"], emphasis: [], monochrome: [.dim])
        case .paused: return Entry(foreground: ["proc_banner_fg", "main_fg"], background: ["proc_pause_bg"], emphasis: [.bold], monochrome: [.bold, .reverse])
        case .ok: return Entry(foreground: ["cpu_start"], background: ["main_bg"], emphasis: [], monochrome: [])
        case .warn: return Entry(foreground: ["cpu_mid"], background: ["main_bg"], emphasis: [], monochrome: [.bold])
        case .critical: return Entry(foreground: ["cpu_end"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold, .underline])
        case .stale: return Entry(foreground: ["inactive_fg"], background: ["main_bg"], emphasis: [], monochrome: [.dim])
        case .stateUp: return Entry(foreground: ["state_up", "cpu_start"], background: ["main_bg"], emphasis: [], monochrome: [])
        case .stateDown: return Entry(foreground: ["state_down", "cpu_end"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold, .reverse])
        case .stateDrain: return Entry(foreground: ["state_drain", "cpu_mid"], background: ["main_bg"], emphasis: [], monochrome: [.underline])
        case .stateMaint: return Entry(foreground: ["state_maint", "temp_start"], background: ["main_bg"], emphasis: [], monochrome: [.dim, .underline])
        case .stateNolb: return Entry(foreground: ["state_nolb", "cpu_mid"], background: ["main_bg"], emphasis: [], monochrome: [.underline])
        case .stateUnknown: return Entry(foreground: ["state_unknown", "inactive_fg"], background: ["main_bg"], emphasis: [], monochrome: [.dim])
        case .alertWarning: return Entry(foreground: ["alert_warning", "cpu_mid"], background: ["main_bg"], emphasis: [.bold], monochrome: [.bold])
        case .alertCritical: return Entry(foreground: ["alert_critical", "cpu_end"], background: ["main_bg"], emphasis: [.bold, .reverse], monochrome: [.bold, .reverse])
        case .alertAcknowledged: return Entry(foreground: ["alert_acknowledged", "inactive_fg"], background: ["main_bg"], emphasis: [], monochrome: [.dim])
        case .graph: return Entry(foreground: [], background: ["main_bg"], emphasis: [], monochrome: [])
        }
    }

    /// The keys of each gradient, in fallback order (lbtop key, then btop keys).
    static func gradientKeys(for kind: GradientKind) -> [String] {
        switch kind {
        case .cpu: return ["cpu"]
        case .memory: return ["used"]
        case .traffic: return ["download"]
        case .latency: return ["latency", "process", "cpu"]
        case .errors: return ["errors", "cpu"]
        }
    }

    /// Roles that are not graphs, for building lookup tables.
    static let plainRoles: [ThemeRole] = [
        .text, .muted, .title, .header, .border, .selected, .keyHint, .statusBar, .paused, .ok, .warn,
        .critical, .stale, .stateUp, .stateDown, .stateDrain, .stateMaint, .stateNolb, .stateUnknown,
        .alertWarning, .alertCritical, .alertAcknowledged,
    ]
}
