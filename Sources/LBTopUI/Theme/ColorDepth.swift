/// How many colours the terminal can show; `Theme` colours are quantised to it in one place
/// (btop's `truecolor_to_256`, its `TTY` theme). Probed once when the terminal starts.
public enum ColorDepth: String, Sendable, CaseIterable {
    /// 24-bit colour (`COLORTERM=truecolor` and a direct-colour terminfo).
    case direct
    /// The xterm 256-colour palette.
    case indexed256
    /// The 16 ANSI colours (8 normal + 8 bright).
    case ansi16
    /// The 8 basic ANSI colours.
    case ansi8
    /// No colour: attributes only (`NO_COLOR`, or a terminal without colour).
    case mono

    /// Picks the depth from what terminfo reports (`colors`, from curses' `COLORS`; 0 without
    /// colour support) and the environment: `NO_COLOR` (any non-empty value) wins, then terminfo.
    /// `COLORTERM` alone cannot raise the depth: curses can only send what terminfo describes.
    public static func detect(terminfoColors colors: Int, environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        switch colors {
        case 0x1000000...: return .direct
        case 256...: return .indexed256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .mono
        }
    }

    /// Whether `COLORTERM` says the terminal itself takes 24-bit colour.
    public static func terminalClaimsTrueColor(environment: [String: String]) -> Bool {
        let value = environment["COLORTERM"]?.lowercased() ?? ""
        return value == "truecolor" || value == "24bit"
    }

    /// The terminal colour number for `rgb` at this depth; nil in `.mono`.
    public func colorNumber(for rgb: RGB) -> Int? {
        switch self {
        case .direct: return rgb.packed
        case .indexed256: return Self.nearest256(rgb)
        case .ansi16: return Self.nearestANSI(rgb, count: 16)
        case .ansi8: return Self.nearestANSI(rgb, count: 8)
        case .mono: return nil
        }
    }

    /// The xterm palette's 6×6×6 cube (16–231) or grey ramp (232–255), whichever is nearer.
    /// The first 16 entries are left alone: users redefine them.
    public static func nearest256(_ c: RGB) -> Int {
        let steps: [Int] = [0, 95, 135, 175, 215, 255]
        func cubeIndex(_ v: UInt8) -> Int {
            var best = 0
            for (i, s) in steps.enumerated() where abs(s - Int(v)) < abs(steps[best] - Int(v)) { best = i }
            return best
        }
        let ri = cubeIndex(c.r), gi = cubeIndex(c.g), bi = cubeIndex(c.b)
        let cube = RGB(UInt8(steps[ri]), UInt8(steps[gi]), UInt8(steps[bi]))
        let average = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = min(23, max(0, (average - 8 + 5) / 10))
        let greyLevel = UInt8(8 + greyIndex * 10)
        let grey = RGB(greyLevel, greyLevel, greyLevel)
        return grey.distance(to: c) < cube.distance(to: c) ? 232 + greyIndex : 16 + 36 * ri + 6 * gi + bi
    }

    /// The nearest of the first `count` ANSI colours (xterm's default values).
    public static func nearestANSI(_ c: RGB, count: Int) -> Int {
        var best = 0
        for i in 0..<min(count, ansiPalette.count) where ansiPalette[i].distance(to: c) < ansiPalette[best].distance(to: c) {
            best = i
        }
        return best
    }

    static let ansiPalette: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]
}
