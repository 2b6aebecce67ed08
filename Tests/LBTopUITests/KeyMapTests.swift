import Testing
@testable import LBTopUI

@Suite struct KeyMapTests {
    @Test func everyKeyOfTheDesignContractIsBound() {
        let map = KeyMap.standard
        let expected: [(Key, Action)] = [
            (.character("1"), .showView(.servers)), (.character("2"), .showView(.traffic)),
            (.character("3"), .showView(.alerts)), (.tab, .nextView), (.character("j"), .moveDown),
            (.character("k"), .moveUp), (.down, .moveDown), (.up, .moveUp), (.pageUp, .pageUp),
            (.pageDown, .pageDown), (.enter, .openDetail), (.escape, .back),
            (.character("a"), .acknowledgeSelected), (.character("A"), .acknowledgeAllVisible),
            (.character("/"), .beginFilter), (.character("s"), .cycleSort), (.character("p"), .togglePause),
            (.character("t"), .cycleTheme), (.character("b"), .toggleBell), (.character("?"), .toggleHelp),
            (.character("q"), .quit),
        ]
        for (key, action) in expected { #expect(map.action(for: key) == action, "\(key)") }
    }

    @Test func noKeyIsBoundTwice() {
        let keys = KeyMap.standard.bindings.flatMap(\.keys)
        #expect(keys.count == Set(keys).count)
    }

    @Test func footerListsTheFooterBindingsInTableOrder() {
        #expect(KeyMap.standard.footerBindings.map(\.footerLabel) == ["view", "detail", "ack", "filter", "sort", "pause", "help", "quit"])
    }

    @Test func asciiLabelsSpellArrows() {
        let binding = KeyMap.standard.bindings.first { $0.action == .moveUp }!
        #expect(binding.keyLabel() == "↑/k")
        #expect(binding.keyLabel(ascii: true) == "Up/k")
    }

    @Test func rawCursesCodesBecomeNamedKeys() {
        // Codes from ncurses' curses.h (octal): KEY_DOWN 0402, KEY_UP 0403, KEY_NPAGE 0522,
        // KEY_PPAGE 0523, KEY_BTAB 0541, KEY_RESIZE 0632, KEY_F(1) 0411.
        #expect(NcursesScreen.key(code: 0o403, isFunctionKey: true) == .up)
        #expect(NcursesScreen.key(code: 0o402, isFunctionKey: true) == .down)
        #expect(NcursesScreen.key(code: 0o523, isFunctionKey: true) == .pageUp)
        #expect(NcursesScreen.key(code: 0o522, isFunctionKey: true) == .pageDown)
        #expect(NcursesScreen.key(code: 0o541, isFunctionKey: true) == .backTab)
        #expect(NcursesScreen.key(code: 0o632, isFunctionKey: true) == .resize)
        #expect(NcursesScreen.key(code: 0o411, isFunctionKey: true) == .function(1))
        #expect(NcursesScreen.key(code: 13, isFunctionKey: false) == .enter)
        #expect(NcursesScreen.key(code: 27, isFunctionKey: false) == .escape)
        #expect(NcursesScreen.key(code: 9, isFunctionKey: false) == .tab)
        #expect(NcursesScreen.key(code: 127, isFunctionKey: false) == .backspace)
        #expect(NcursesScreen.key(code: 0xD55C, isFunctionKey: false) == .character("한"))
        #expect(NcursesScreen.key(code: 0o777, isFunctionKey: true) == .unknown(0o777))
    }
}
