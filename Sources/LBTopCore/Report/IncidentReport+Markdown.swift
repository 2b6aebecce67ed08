import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IncidentReport {
    /// The report as Markdown that pastes into an incident document as it is; times are local.
    public func markdown() -> String {
        var out: [String] = []
        let day = LocalClock.date(summary.from)
        out.append("# Incident report: \(day) \(LocalClock.time(summary.from)) – \(LocalClock.time(summary.to)) \(LocalClock.zone(summary.from))")
        out.append("")
        out.append("## Summary")
        out.append("")
        out.append("- **Span:** \(LocalClock.time(summary.from)) to \(LocalClock.time(summary.to)) (\(Self.duration(summary.seconds)))")
        out.append("- **Targets:** \(summary.targets.map { "`\($0)`" }.joined(separator: ", "))")
        if let peak = summary.peakRequestRate {
            out.append("- **Peak traffic:** \(Self.number(peak.value)) req/s at \(LocalClock.time(peak.at))")
        }
        out += downLines()
        if let worst = summary.worstShare {
            out.append("- **Worst share:** `\(worst.server)` took \(Self.percent(worst.share)) of its backend at "
                       + "\(LocalClock.time(worst.at)) (fair share \(Self.percent(worst.fairShare)), \(Self.number(worst.ratio))×)")
        }
        if let peak = summary.peakResponseTime {
            out.append("- **Peak response time:** `\(peak.subject ?? "")` \(Self.number(peak.value)) ms at \(LocalClock.time(peak.at))")
        }
        if let cpu = summary.peakNodeCPU {
            out.append("- **Peak node CPU:** \(cpu.subject ?? "") \(Self.number(cpu.value))% at \(LocalClock.time(cpu.at))")
        }
        if let memory = summary.peakNodeMemory {
            out.append("- **Peak node memory:** \(memory.subject ?? "") \(Self.number(memory.value))% at \(LocalClock.time(memory.at))")
        }
        out.append("")
        out.append("## Timeline")
        out.append("")
        if timeline.isEmpty {
            out.append("Nothing changed.")
        } else {
            out.append("| time | what | subject | detail | by |")
            out.append("|---|---|---|---|---|")
            for event in timeline {
                out.append("| \(LocalClock.time(event.time)) | \(event.kind.rawValue) | \(Self.cell(event.subject)) | \(Self.cell(event.detail)) | \(Self.cell(event.by ?? "")) |")
            }
        }
        out.append("")
        out.append("## Servers")
        out.append("")
        out.append("| server | peak req/s | peak share | peak 5xx/s | peak response time | down |")
        out.append("|---|--:|--:|--:|--:|--:|")
        for server in servers {
            out.append("| \(Self.cell(server.server)) | \(server.peakRequestRate.map(Self.number) ?? "—") | "
                       + "\(server.peakShare.map(Self.percent) ?? "—") | \(server.peakErrorRate.map(Self.number) ?? "—") | "
                       + "\(server.peakResponseTimeMs.map { "\(Self.number($0)) ms" } ?? "—") | "
                       + "\(server.downSeconds > 0 ? Self.duration(server.downSeconds) : "—") |")
        }
        for distribution in distributions {
            out.append("")
            out.append("## Traffic of backend \(distribution.backend), per minute")
            out.append("")
            out.append("| minute | req/s | " + distribution.servers.map(Self.cell).joined(separator: " | ") + " |")
            out.append("|---|--:|" + distribution.servers.map { _ in "--:|" }.joined())
            for minute in distribution.minutes {
                out.append("| \(LocalClock.minute(minute.start)) | \(Self.number(minute.requestRate)) | "
                           + minute.shares.map { $0.map(Self.percent) ?? "—" }.joined(separator: " | ") + " |")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Servers named in the summary's downs, the longest down first; the others are counted.
    static let serversListed = 10
    /// Downs of one server listed by time; the others are counted.
    static let downsListed = 3

    /// The summary's servers down: one line for a single down, else a line of totals and a
    /// nested list per server, the longest down in all first, capped at `serversListed`.
    func downLines() -> [String] {
        let servers = summary.downsByServer
        guard let longest = servers.first else { return ["- **Servers down:** none"] }
        if servers.count == 1, longest.downs.count == 1 { return ["- **Servers down:** " + Self.downText(longest)] }
        func total(_ list: ArraySlice<Summary.ServerDowns>) -> (downs: Int, seconds: Double) {
            (list.reduce(0) { $0 + $1.downs.count }, list.reduce(0) { $0 + $1.seconds })
        }
        let all = total(servers[...])
        var lines = ["- **Servers down:** \(Self.count(servers.count, "server")), \(Self.count(all.downs, "down")), "
                     + "\(Self.duration(all.seconds)) in all; the longest first:"]
        for server in servers.prefix(Self.serversListed) { lines.append("  - " + Self.downText(server)) }
        let rest = servers.dropFirst(Self.serversListed)
        if !rest.isEmpty {
            let others = total(rest)
            lines.append("  - and \(Self.count(rest.count, "more server")), \(Self.count(others.downs, "down")), "
                         + "\(Self.duration(others.seconds)) in all (the Servers table has each one's down time)")
        }
        return lines
    }

    /// `app/app2` DOWN 04:07:44–04:08:02 (18 s), or `app/app3` DOWN 2 times, 30 s in all: 04:07:44–04:07:59, 04:09:02 until the end
    static func downText(_ server: Summary.ServerDowns) -> String {
        func span(_ down: Downtime) -> String {
            LocalClock.time(down.from) + (down.to.map { "–\(LocalClock.time($0))" } ?? " until the end")
        }
        if server.downs.count == 1, let down = server.downs.first {
            return "`\(server.server)` DOWN \(span(down)) (\(duration(down.seconds)))"
        }
        let more = server.downs.count > downsListed ? " and \(server.downs.count - downsListed) more" : ""
        return "`\(server.server)` DOWN \(server.downs.count) times, \(duration(server.seconds)) in all: "
            + server.downs.prefix(downsListed).map(span).joined(separator: ", ") + more
    }

    /// `1 server`, `2,375 downs`: the count with thousands separated, the noun plural past one.
    static func count(_ value: Int, _ noun: String) -> String {
        let digits = String(value)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return "\(grouped) \(noun)\(value == 1 ? "" : "s")"
    }

    static func number(_ value: Double) -> String {
        if value >= 100 || value == value.rounded() { return "\(Int(value.rounded()))" }
        return "\((value * 10).rounded() / 10)"
    }

    static func percent(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded()))%" }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole / 60 % 60) min"
    }

    /// Text safe in a table cell: `|` escaped, control characters dropped.
    static func cell(_ text: String) -> String {
        String(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            .replacingOccurrences(of: "|", with: "\\|")
    }
}

/// Local wall-clock text with `localtime_r` (no ICU time-zone data).
enum LocalClock {
    static func format(_ date: Date, _ pattern: String) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        var buffer = [CChar](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func date(_ date: Date) -> String { format(date, "%Y-%m-%d") }
    static func time(_ date: Date) -> String { format(date, "%H:%M:%S") }
    static func minute(_ date: Date) -> String { format(date, "%H:%M") }
    static func zone(_ date: Date) -> String { format(date, "%Z") }
}
