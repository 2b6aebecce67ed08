#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The recording file name with `%Y %m %d %H %M %S` (local time) and `%%` expanded, so that
/// `record = "~/incidents/lb-%Y%m%d-%H%M%S.lbrec"` names a new file each run.
public enum RecordingPath {
    public static func expand(_ pattern: String, at unixSeconds: Int) -> String {
        var seconds = time_t(unixSeconds)
        var parts = tm()
        localtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        var out = ""
        var iterator = pattern.makeIterator()
        while let character = iterator.next() {
            guard character == "%", let code = iterator.next() else { out.append(character); continue }
            switch code {
            case "Y": out += "\(parts.tm_year + 1900)"
            case "m": out += two(parts.tm_mon + 1)
            case "d": out += two(parts.tm_mday)
            case "H": out += two(parts.tm_hour)
            case "M": out += two(parts.tm_min)
            case "S": out += two(parts.tm_sec)
            case "%": out += "%"
            default: out += "%\(code)"
            }
        }
        return out
    }
}
