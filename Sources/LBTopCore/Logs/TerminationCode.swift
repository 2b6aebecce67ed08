/// HAProxy's first two termination-state letters (who ended the request, in which phase), in
/// words (configuration.txt 8.5).
public enum TerminationCode {
    /// `s` server timeout, `S` server abort or refusal, `D` server went down.
    public static func isServerSide(_ code: String) -> Bool {
        guard let first = code.first else { return false }
        return first == "s" || first == "S" || first == "D"
    }

    public static func meaning(_ code: String) -> String {
        let chars = Array(code)
        guard chars.count == 2 else { return code }
        let who: String = switch chars[0] {
        case "C": "client aborted"
        case "S": "server aborted or refused"
        case "P": "proxy stopped it"
        case "L": "answered locally"
        case "R": "resource exhausted"
        case "I": "internal error"
        case "D": "server went down"
        case "U": "backup server killed"
        case "K": "killed by an admin"
        case "c": "client timeout"
        case "s": "server timeout"
        default: "?"
        }
        let when: String = switch chars[1] {
        case "R": "waiting for the request"
        case "Q": "in the queue"
        case "C": "while connecting"
        case "H": "waiting for response headers"
        case "D": "during data"
        case "L": "at the last data"
        case "T": "tarpitted"
        default: ""
        }
        return when.isEmpty ? who : who + ", " + when
    }
}
