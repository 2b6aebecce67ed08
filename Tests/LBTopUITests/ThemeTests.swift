import Foundation
import Testing
@testable import LBTopUI

@Suite struct ThemeTests {
    /// A btop-format file written for this test: quoted, unquoted, grey, decimal and blank values,
    /// comments, an unknown key, a broken line and a bad colour; most keys missing.
    static let partialTheme = """
        # a partial theme
        theme[main_bg]=""
        theme[main_fg]="#e0e0e0"
        theme[cpu_start]=#00ff00
        theme[cpu_mid]="255 200 0"
        theme[cpu_end]=""
        theme[title]="#ee"
        theme[not_a_btop_key]="#123456"
        this line is not a setting
        theme[hi_fg]="#12345"
        """

    @Test func partialFileLoadsWithWarningsForBadLinesOnly() {
        let file = BtopThemeParser.parse(Self.partialTheme)
        #expect(file.values["main_bg"] == .some(nil))
        #expect(file.values["cpu_start"] == .some(RGB(0, 255, 0)))
        #expect(file.values["cpu_mid"] == .some(RGB(255, 200, 0)))
        #expect(file.values["title"] == .some(RGB(0xee, 0xee, 0xee)))
        #expect(file.values["hi_fg"] == nil)
        #expect(file.warnings.map(\.description) == [
            "line 9: not a theme[key]=\"value\" line, skipped",
            "line 10: hi_fg: \"#12345\" needs 6 or 2 hex digits; using the default",
        ])
    }

    @Test func stateColumnColoursFollowTheDocumentedFallbacks() {
        let theme = Theme(name: "partial", btopText: Self.partialTheme)
        // UP: no state_up key, so cpu_start from the file.
        #expect(theme.appearance(for: Style(.stateUp)) == CellAppearance(foreground: RGB(0, 255, 0)))
        // DRAIN and NOLB: cpu_mid from the file, "R G B" decimals.
        #expect(theme.appearance(for: Style(.stateDrain)) == CellAppearance(foreground: RGB(255, 200, 0)))
        #expect(theme.appearance(for: Style(.stateNolb)).foreground == RGB(255, 200, 0))
        // DOWN: cpu_end is blank (terminal default) and main_bg is blank: no colour left, so the
        // role keeps its monochrome attributes and stays distinguishable.
        #expect(theme.appearance(for: Style(.stateDown)) == CellAppearance(emphasis: [.bold, .reverse]))
        // MAINT: neither state_maint nor temp_start in the file: the built-in default's temp_start.
        #expect(theme.appearance(for: Style(.stateMaint)).foreground == RGB(0x48, 0x97, 0xd4))
        // hi_fg had a bad value: built-in default.
        #expect(theme.appearance(for: Style(.keyHint)).foreground == RGB(0x5f, 0xaf, 0xff))
        #expect(theme.warnings.count == 2)
    }

    @Test func lbtopKeysOverrideTheirBtopFallbacks() {
        let theme = Theme(name: "t", btopText: "theme[cpu_end]=\"#ff0000\"\ntheme[state_down]=\"#aa0000\"")
        #expect(theme.appearance(for: Style(.stateDown)).foreground == RGB(0xaa, 0, 0))
        #expect(theme.appearance(for: Style(.critical)).foreground == RGB(0xff, 0, 0))
        #expect(theme.appearance(for: Style(.stateDown)).emphasis == [.bold])
    }

    @Test func monochromeThemeUsesOnlyAttributes() throws {
        let theme = try ThemeLibrary(directories: []).load("monochrome")
        #expect(theme.isMonochrome)
        #expect(theme.warnings.isEmpty)
        let roles = ThemeRoleMap.plainRoles + GradientKind.allCases.map { ThemeRole.graph($0, percent: 90) }
        for role in roles {
            let look = theme.appearance(for: Style(role))
            #expect(look.foreground == nil && look.background == nil, "\(role)")
        }
        let states: [ThemeRole] = [.stateUp, .stateDown, .stateDrain, .stateMaint, .stateUnknown]
        #expect(Set(states.map { theme.appearance(for: Style($0)).emphasis }).count == states.count)
        #expect(theme.appearance(for: Style(.selected)).emphasis == [.reverse])
    }

    @Test func anyThemeAtMonoDepthDropsColourButKeepsMeaning() {
        let look = Theme.builtinDefault.appearance(for: Style(.stateDown, [.underline]), depth: .mono)
        #expect(look == CellAppearance(emphasis: [.bold, .reverse, .underline]))
    }

    @Test func everyShippedThemeLoadsCleanlyAndStaysInsideTheKnownKeys() throws {
        let names = ThemeLibrary.builtinNames
        #expect(names.first == "default")
        for required in ["default", "light", "monochrome", "high-contrast"] { #expect(names.contains(required)) }
        #expect(names.count >= 6)
        let lbtopKeys: Set<String> = ["state_up", "state_down", "state_drain", "state_maint", "state_nolb",
                                      "state_unknown", "alert_warning", "alert_critical", "alert_acknowledged"]
        for name in names {
            let file = BtopThemeParser.parse(try #require(ThemeLibrary.builtin[name]))
            #expect(file.warnings.isEmpty, "\(name): \(file.warnings)")
            let unknown = Set(file.values.keys).subtracting(Theme.btopKeys).subtracting(lbtopKeys)
            #expect(unknown.isEmpty, "\(name): \(unknown)")
        }
    }

    /// `Sources/LBTopUI/Themes/`, where the shipped theme files live.
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/LBTopUI/Themes")

    @Test func theBuiltInThemesAreExactlyTheShippedFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".theme") }
        #expect(Set(files.map { String($0.dropLast(6)) }) == Set(ThemeLibrary.builtin.keys))
        for file in files {
            let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent(file), encoding: .utf8)
            #expect(ThemeLibrary.builtin[String(file.dropLast(6))] == text, "\(file) differs from its built-in copy")
        }
    }

    @Test func aBinaryWithoutThemeFilesHasEveryThemeAndAFileStillOverridesOne() throws {
        let bare = ThemeLibrary(directories: ["/nonexistent/lbtop/themes"])
        #expect(bare.availableNames() == ThemeLibrary.builtinNames)
        let light = try bare.load("light")
        #expect(light.name == "light" && light.appearance(for: .plain).foreground == RGB(0x30, 0x30, 0x30))
        #expect(try bare.load("default").appearance(for: .plain).foreground == RGB(0xcc, 0xcc, 0xcc))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme[main_fg]=\"#010203\"".write(to: dir.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        try "theme[main_fg]=\"#040506\"".write(to: dir.appendingPathComponent("mine.theme"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(directories: [dir.path])
        #expect(try library.load("light").appearance(for: .plain).foreground == RGB(1, 2, 3))
        #expect(Set(library.availableNames()) == Set(ThemeLibrary.builtinNames + ["mine"]))
        #expect(throws: ThemeLibrary.LoadError.self) { try bare.load("mine") }
    }

    @Test func gradientHas101StepsMeetingAtTheMiddle() {
        let g = Gradient(start: RGB(0, 0, 0), mid: RGB(100, 100, 100), end: RGB(200, 0, 0))
        #expect(g.colors.count == 101)
        #expect(g[0] == RGB(0, 0, 0) && g[50] == RGB(100, 100, 100) && g[100] == RGB(200, 0, 0))
        #expect(g[25] == RGB(50, 50, 50) && g[75] == RGB(150, 50, 50))
        #expect(g[-5] == g[0] && g[500] == g[100])
        #expect(Gradient(start: RGB(1, 2, 3))[77] == RGB(1, 2, 3))
        #expect(Gradient(start: RGB(0, 0, 0), end: RGB(100, 0, 0))[50] == RGB(50, 0, 0))
        #expect(Gradient(start: nil, end: RGB(1, 1, 1))[100] == nil)
    }

    @Test func colourDepthComesFromTerminfoAndNoColor() {
        #expect(ColorDepth.detect(terminfoColors: 256, environment: [:]) == .indexed256)
        #expect(ColorDepth.detect(terminfoColors: 0x1000000, environment: ["COLORTERM": "truecolor"]) == .direct)
        #expect(ColorDepth.detect(terminfoColors: 8, environment: [:]) == .ansi8)
        #expect(ColorDepth.detect(terminfoColors: 16, environment: [:]) == .ansi16)
        #expect(ColorDepth.detect(terminfoColors: 0, environment: [:]) == .mono)
        #expect(ColorDepth.detect(terminfoColors: 256, environment: ["NO_COLOR": "1"]) == .mono)
        #expect(ColorDepth.detect(terminfoColors: 256, environment: ["NO_COLOR": ""]) == .indexed256)
    }

    @Test func coloursQuantiseToEachDepth() {
        let red = RGB(255, 0, 0)
        #expect(ColorDepth.direct.colorNumber(for: RGB(0x12, 0x34, 0x56)) == 0x123456)
        #expect(ColorDepth.indexed256.colorNumber(for: red) == 196)
        #expect(ColorDepth.indexed256.colorNumber(for: RGB(0x80, 0x80, 0x80)) == 244)
        #expect(ColorDepth.indexed256.colorNumber(for: RGB(0x5f, 0xaf, 0xff)) == 75)
        #expect(ColorDepth.ansi16.colorNumber(for: red) == 9)
        #expect(ColorDepth.ansi8.colorNumber(for: red) == 1)
        #expect(ColorDepth.mono.colorNumber(for: red) == nil)
    }

    @Test func searchPathPrefersTheUserFolderAndAcceptsPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lbtop-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme[main_fg]=\"#010203\"".write(to: dir.appendingPathComponent("light.theme"), atomically: true, encoding: .utf8)
        let library = ThemeLibrary(directories: [dir.path])
        #expect(try library.load("light").appearance(for: .plain).foreground == RGB(1, 2, 3))
        let byPath = try library.load(Self.themesDirectory.path + "/light.theme")
        #expect(byPath.name == "light" && byPath.appearance(for: .plain).foreground == RGB(0x30, 0x30, 0x30))
        #expect(throws: ThemeLibrary.LoadError.self) { try library.load("no-such-theme") }
        let standard = ThemeLibrary.standard(environment: ["XDG_CONFIG_HOME": "/x"], executablePath: "/opt/lbtop/bin/lbtop")
        #expect(Array(standard.directories.prefix(3)) == ["/x/lbtop/themes", "/opt/lbtop/bin/themes", "/opt/lbtop/share/lbtop/themes"])
    }

    @Test func glyphSetFollowsTheLocaleAndTheFlag() {
        #expect(GlyphSet.choose(forceASCII: false, localeIsUTF8: true) == .unicode)
        #expect(GlyphSet.choose(forceASCII: true, localeIsUTF8: true) == .ascii)
        #expect(GlyphSet.choose(forceASCII: false, localeIsUTF8: false) == .ascii)
    }
}
