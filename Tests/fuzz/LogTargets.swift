@testable import LBTopCore

/// The request-log formats, each line after its syslog header as the intake reads it.
let logTargets: [FuzzTarget] = [
    FuzzTarget(name: "haproxy-log") { bytes in
        forEachLine(bytes) { line in
            let message = SyslogHeader.message(in: bytes, line)
            guard !message.isEmpty else { return }
            _ = HAProxyLogParser.parse(bytes, message)
            _ = HAProxyEventParser.parse(bytes, message)
        }
    },
    FuzzTarget(name: "nginx-log") { bytes in
        forEachLine(bytes) { line in
            let message = SyslogHeader.message(in: bytes, line)
            if !message.isEmpty { _ = NginxLogParser.parse(bytes, message) }
        }
    },
    FuzzTarget(name: "nginx-json-log") { bytes in
        forEachLine(bytes) { line in
            let message = SyslogHeader.message(in: bytes, line)
            if !message.isEmpty { _ = NginxJSONLogParser.parse(bytes, message) }
        }
    },
    // The header alone must stay inside its line; then the whole pipeline picks a format.
    FuzzTarget(name: "syslog-header") { bytes in
        forEachLine(bytes) { line in
            let message = SyslogHeader.message(in: bytes, line)
            precondition(message.lowerBound >= line.lowerBound && message.upperBound <= line.upperBound,
                         "the message \(message) is outside its line \(line)")
            _ = LogLineParser.parse(bytes, line)
        }
    },
]
