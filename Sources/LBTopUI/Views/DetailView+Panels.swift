import Foundation
import LBTopCore

extension DetailView {
    static func facts(of server: ServerSnapshot) -> [StatusLine.Run] {
        var runs = [StatusLine.Run("server ", Style(.muted)),
                    StatusLine.Run(server.id.backend + "/" + server.id.server, Style(.title, .bold)),
                    StatusLine.Run("  " + server.state.label, Style(server.isStale ? .stale : server.state.role))]
        if server.isStale { runs.append(StatusLine.Run("  stale", Style(.stale))) }
        if let weight = server.weight { runs.append(StatusLine.Run("  weight " + String(weight), Style(.text))) }
        if server.isBackup { runs.append(StatusLine.Run("  backup", Style(.muted))) }
        if let address = server.address { runs.append(StatusLine.Run("  " + address, Style(.text))) }
        if let check = server.checkStatus { runs.append(StatusLine.Run("  check " + check, Style(.muted))) }
        if let detail = server.lastCheck, !detail.isEmpty { runs.append(StatusLine.Run(" " + detail, Style(.muted))) }
        if let since = server.secondsSinceChange {
            runs.append(StatusLine.Run("  for " + ValueFormat.age(seconds: Double(since)), Style(.muted)))
        }
        if let persistent = server.persistentShare, server.usesPersistence {
            runs.append(StatusLine.Run("  " + ValueFormat.percent(fraction: persistent) + " by persistence", Style(.text)))
        }
        if let entries = server.stickEntries {
            runs.append(StatusLine.Run("  " + String(entries) + (entries == 1 ? " stick entry" : " stick entries"), Style(.text)))
        }
        return runs
    }

    /// `context` gives the clock a backend's newest server count change is read in.
    static func facts(of proxy: ProxySnapshot, context: ViewContext) -> [StatusLine.Run] {
        var runs = [StatusLine.Run(proxy.kind == .backend ? "backend " : "frontend ", Style(.muted)),
                    StatusLine.Run(proxy.id.proxy, Style(.title, .bold)),
                    StatusLine.Run("  " + proxy.status, Style(proxy.isStale ? .stale : TrafficView.statusRole(proxy.status)))]
        if proxy.isStale { runs.append(StatusLine.Run("  stale", Style(.stale))) }
        if let mode = proxy.mode { runs.append(StatusLine.Run("  " + mode, Style(.text))) }
        if let algorithm = proxy.algorithm { runs.append(StatusLine.Run("  " + algorithm, Style(.text))) }
        if let cookie = proxy.persistenceCookie { runs.append(StatusLine.Run("  cookie " + cookie, Style(.text))) }
        if proxy.kind == .backend, proxy.serverCountChanges > 0 || proxy.freeSlots > 0 {
            runs.append(StatusLine.Run("  servers " + TrafficView.serverCountText(proxy)
                + serverCountChangeText(proxy, context: context), Style(.text)))
        }
        if proxy.freeSlots > 0 { runs.append(StatusLine.Run("  " + String(proxy.freeSlots) + " free slots", Style(.muted))) }
        if let table = proxy.stickTable {
            runs.append(StatusLine.Run("  stick table " + String(table.used) + "/" + String(table.size), Style(.text)))
            if table.contentsDenied { runs.append(StatusLine.Run(" (entries per server need level operator)", Style(.muted))) }
        }
        if let cache = proxy.cacheHitRatio {
            runs.append(StatusLine.Run("  cache hits " + ValueFormat.percent(fraction: cache), Style(.text)))
        }
        if let forecast = proxy.forecast {
            runs.append(StatusLine.Run("  saturates in " + ValueFormat.age(seconds: forecast.secondsToSaturation)
                + ", needs " + String(forecast.serversNeeded) + " servers", Style(.warn)))
        }
        runs.append(StatusLine.Run("  " + proxy.id.target.rawValue, Style(.muted)))
        return runs
    }

    /// ` at 14:02` after `4→7` when the count changed once; ` (6→7 at 14:02)` for the newest of
    /// several changes.
    static func serverCountChangeText(_ proxy: ProxySnapshot, context: ViewContext) -> String {
        guard let change = proxy.lastServerCountChange else { return "" }
        let snapshot = context.snapshot
        let at = snapshot.time.addingTimeInterval(-Double(change.pollsAgo) * snapshot.interval)
        let clock = String(HeaderBar.clockText(at, in: context.clockZone).prefix(5))
        return proxy.serverCountChanges == 1 ? " at " + clock
            : " (" + String(change.from) + "→" + String(change.to) + " at " + clock + ")"
    }

    static func facts(of node: NodeSnapshot) -> [StatusLine.Run] {
        var runs = [StatusLine.Run("node ", Style(.muted)), StatusLine.Run(node.name, Style(.title, .bold))]
        if node.isStale { runs.append(StatusLine.Run("  stale", Style(.stale))) }
        if let host = node.host { runs.append(StatusLine.Run("  " + host, Style(.text))) }
        if let cpus = node.cpuCount { runs.append(StatusLine.Run("  " + String(cpus) + " CPUs", Style(.text))) }
        if let total = node.memoryTotalBytes {
            runs.append(StatusLine.Run("  " + ValueFormat.compact(total) + "B memory", Style(.text)))
        }
        if !node.servers.isEmpty {
            runs.append(StatusLine.Run("  serves " + node.servers.map(\.description).joined(separator: ", "), Style(.muted)))
        }
        return runs
    }

    static func panels(of server: ServerSnapshot, node: NodeSnapshot?) -> [Panel] {
        let h = server.history
        var panels = [
            Panel(title: "req/s", series: h.requestRate, max: nil, gradient: .traffic, format: ValueFormat.compact),
            Panel(title: "5xx/s", series: h.errorRate, max: nil, gradient: .errors, format: ValueFormat.compact),
            Panel(title: "response time", series: h.responseTimeMs, max: nil, gradient: .latency,
                  format: ValueFormat.milliseconds),
            Panel(title: "sessions", series: h.sessions, max: nil, gradient: .traffic, format: ValueFormat.compact),
            Panel(title: "share of backend", series: h.share, max: 1, gradient: .traffic,
                  format: { ValueFormat.percent(fraction: $0) }),
        ]
        if let node { panels += Self.panels(of: node).map { Panel(title: "node " + $0.title, series: $0.series, max: $0.max,
                                                                  gradient: $0.gradient, format: $0.format) } }
        return panels
    }

    static func panels(of proxy: ProxySnapshot) -> [Panel] {
        let h = proxy.history
        return [
            Panel(title: "req/s", series: h.requestRate, max: nil, gradient: .traffic, format: ValueFormat.compact),
            Panel(title: "error ratio", series: h.errorRatio, max: nil, gradient: .errors,
                  format: { ValueFormat.percent(fraction: $0) }),
            Panel(title: "response time", series: h.responseTimeMs, max: nil, gradient: .latency,
                  format: ValueFormat.milliseconds),
        ] + (proxy.serverCountChanges > 0 ? [Panel(title: "servers", series: h.serverCount, max: nil, gradient: .traffic,
                                             format: { String(Int($0)) })] : [])
    }

    static func panels(of node: NodeSnapshot) -> [Panel] {
        let h = node.history
        let loadTop = max(Double(node.cpuCount ?? 1), h.load1.maxValue ?? 0)
        return [
            Panel(title: "CPU", series: h.cpuPercent, max: 100, gradient: .cpu, format: { ValueFormat.percent($0) }),
            Panel(title: "memory", series: h.memoryPercent, max: 100, gradient: .memory, format: { ValueFormat.percent($0) }),
            Panel(title: "load", series: h.load1, max: loadTop, gradient: .cpu, format: ValueFormat.load),
        ]
    }
}

/// A backend's servers, one line each: name, a bar of its share, `share / fair share`.
struct ShareList: Widget {
    var servers: ArraySlice<ServerSnapshot>
    var glyphs: GlyphSet

    func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        screen.clear(rect)
        screen.put("share of traffic against fair share by weight", x: rect.x, y: rect.y, maxWidth: rect.width,
                   style: Style(.title))
        let bar = DistributionBar(servers: servers, glyphs: glyphs)
        let nameWidth = min(24, max(8, rect.width / 4))
        let figureWidth = 14
        let barWidth = max(0, rect.width - nameWidth - figureWidth - 2)
        for (offset, server) in servers.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + offset
            screen.put(TextWidth.truncate(server.id.server, to: nameWidth, ellipsis: glyphs.ellipsis), x: rect.x, y: y,
                       maxWidth: nameWidth, style: Style(.text))
            let role = bar.role(of: server)
            BarWidget(fraction: server.isStale ? 0 : server.share ?? 0, style: Style(role), glyphs: glyphs)
                .render(in: Rect(x: rect.x + nameWidth + 1, y: y, width: barWidth, height: 1), on: &screen)
            let share = server.isStale ? glyphs.missing : server.share.map { ValueFormat.percent(fraction: $0) } ?? glyphs.missing
            let fair = server.fairShare.map { ValueFormat.percent(fraction: $0) } ?? glyphs.missing
            screen.put(TextWidth.pad(share + " / " + fair, to: figureWidth, alignRight: true),
                       x: rect.maxX - figureWidth, y: y, maxWidth: figureWidth, style: Style(role))
        }
    }
}
