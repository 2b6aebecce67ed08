/// A problem found while reading a theme file; the rest of the file still loads.
public struct ThemeWarning: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    public var message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
    public var description: String { "line \(line): \(message)" }
}

/// The settings of one btop-format theme file.
public struct BtopThemeFile: Sendable, Equatable {
    /// Key → colour; a key present with a blank value maps to `nil` (terminal default).
    public var values: [String: RGB?]
    public var warnings: [ThemeWarning]
    public init(values: [String: RGB?] = [:], warnings: [ThemeWarning] = []) {
        self.values = values; self.warnings = warnings
    }
}

/// Reads btop's theme format, one `theme[key]="value"` a line (btop's `Theme::loadFile`):
/// `#` starts a comment line, quotes are optional, unknown keys are kept and ignored by `Theme`.
/// Colours: `#RRGGBB`, `#BW` (a grey), `R G B` decimals (clamped to 0–255), or blank. A line or
/// colour it cannot read becomes a warning; the file is never rejected whole.
public enum BtopThemeParser {
    public static func parse(_ text: String) -> BtopThemeFile {
        var file = BtopThemeFile()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]"),
                  line[line.index(after: close)...].hasPrefix("=") else {
                file.warnings.append(ThemeWarning(line: lineNumber, message: "not a theme[key]=\"value\" line, skipped"))
                continue
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close]).trimmingWhitespace()
            var value = line[line.index(close, offsetBy: 2)...].trimmingWhitespace()
            if value.hasPrefix("\"") {
                value.removeFirst()
                if let end = value.firstIndex(of: "\"") { value = String(value[..<end]) }
            }
            if key.isEmpty {
                file.warnings.append(ThemeWarning(line: lineNumber, message: "empty key, skipped"))
                continue
            }
            switch parseColor(value.trimmingWhitespace()) {
            case .success(let color): file.values[key] = .some(color)
            case .failure(let problem):
                file.warnings.append(ThemeWarning(line: lineNumber, message: "\(key): \(problem.message); using the default"))
            }
        }
        return file
    }

    public struct ColorProblem: Error, Equatable { public var message: String }

    /// One colour value; blank is `nil` (terminal default).
    public static func parseColor(_ text: String) -> Result<RGB?, ColorProblem> {
        if text.isEmpty { return .success(nil) }
        if text.hasPrefix("#") || text.allSatisfy(\.isHexDigit) && (text.count == 6 || text.count == 2) {
            let hex = text.hasPrefix("#") ? String(text.dropFirst()) : text
            guard hex.allSatisfy(\.isHexDigit), let number = Int(hex, radix: 16) else {
                return .failure(ColorProblem(message: "\"\(text)\" is not a hex colour"))
            }
            switch hex.count {
            case 6: return .success(RGB(UInt8(number >> 16), UInt8((number >> 8) & 0xFF), UInt8(number & 0xFF)))
            case 2: return .success(RGB(UInt8(number), UInt8(number), UInt8(number)))
            default: return .failure(ColorProblem(message: "\"\(text)\" needs 6 or 2 hex digits"))
            }
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else {
            return .failure(ColorProblem(message: "\"\(text)\" is neither #RRGGBB, #BW nor \"R G B\""))
        }
        var channels: [UInt8] = []
        for part in parts {
            guard let v = Int(part) else { return .failure(ColorProblem(message: "\"\(text)\" has a non-number channel")) }
            channels.append(UInt8(min(255, max(0, v))))
        }
        return .success(RGB(channels[0], channels[1], channels[2]))
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
