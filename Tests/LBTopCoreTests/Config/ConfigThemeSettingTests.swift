import Testing
@testable import LBTopCore

@Suite struct ConfigThemeSettingTests {
    @Test func replacesTheTopLevelThemeLineOnly() {
        let text = "# mine\ninterval = \"2s\"\ntheme = \"default\"  # dark\n\n[[target]]\nurl = \"x\"\n"
        #expect(ConfigThemeSetting.updating(text, theme: "light")
            == "# mine\ninterval = \"2s\"\ntheme = \"light\"\n\n[[target]]\nurl = \"x\"\n")
    }

    @Test func insertsBeforeTheFirstTableOrAtTheEnd() {
        #expect(ConfigThemeSetting.updating("interval = \"1s\"\n[alerts]\ntheme_x = 1\n", theme: "ocean")
            == "interval = \"1s\"\ntheme = \"ocean\"\n[alerts]\ntheme_x = 1\n")
        #expect(ConfigThemeSetting.updating("", theme: "amber") == "theme = \"amber\"\n")
        #expect(ConfigThemeSetting.updating("bell = true", theme: "a\"b") == "bell = true\ntheme = \"a\\\"b\"\n")
    }

    @Test func aKeyInsideATableIsNotTheTopLevelTheme() {
        let text = "[[target]]\ntheme = \"not this one\"\n"
        #expect(ConfigThemeSetting.updating(text, theme: "light") == "theme = \"light\"\n[[target]]\ntheme = \"not this one\"\n")
    }
}
