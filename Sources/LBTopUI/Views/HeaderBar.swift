import Foundation
import LBTopCore

/// The top of every view, two lines. First: `lbtop`, server totals by state, total req/s and
/// 5xx/s, and on the right `PAUSED` when frozen and the clock. Second: every target with its
/// freshness — fresh ones with the age of their last poll, stale ones first, marked `STALE` with
/// the age and their last error, so a dead status endpoint is the first thing read.
public struct HeaderBar {
    public static let preferredHeight = 2

    public init() {}

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        StatusLine(left: totals(context), right: clock(context), background: Style(.statusBar))
            .render(in: rect.row(0), on: &screen)
        if rect.height > 1 {
            StatusLine(left: targets(context)).render(in: rect.row(1), on: &screen)
            for extra in 2..<rect.height { screen.clear(rect.row(extra)) }
        }
    }

    private func totals(_ context: ViewContext) -> [StatusLine.Run] {
        let snapshot = context.snapshot
        let sep = StatusLine.Run(" " + context.glyphs.separator + " ", Style(.statusBar))
        var runs = [StatusLine.Run("lbtop", Style(.title, .bold)), sep]
        if !snapshot.servers.isEmpty {
            let tally = snapshot.serverTally ?? ServerTally(snapshot.servers)
            runs.append(StatusLine.Run(String(tally.servers) + " servers ", Style(.statusBar)))
            runs.append(StatusLine.Run(String(tally.serving) + " up", Style(.stateUp)))
            if tally.failed > 0 { runs.append(StatusLine.Run(" " + String(tally.failed) + " down", Style(.stateDown, .bold))) }
            if tally.out > 0 { runs.append(StatusLine.Run(" " + String(tally.out) + " out", Style(.stateMaint))) }
            if tally.freeSlots > 0 { runs.append(StatusLine.Run(" " + String(tally.freeSlots) + " free slots", Style(.muted))) }
            var rate = 0.0, errors = 0.0
            let incoming = snapshot.frontends.isEmpty ? snapshot.backends : snapshot.frontends
            for proxy in incoming where !proxy.isStale { rate += proxy.requestRate ?? 0 }
            for proxy in snapshot.backends where !proxy.isStale { errors += proxy.responseRates.r5xx ?? 0 }
            runs.append(sep)
            runs.append(StatusLine.Run(ValueFormat.compact(rate) + " req/s", Style(.statusBar)))
            runs.append(sep)
            runs.append(StatusLine.Run(ValueFormat.compact(errors) + " 5xx/s", Style(errors > 0 ? .critical : .statusBar)))
        }
        if !snapshot.nodes.isEmpty {
            if !snapshot.servers.isEmpty { runs.append(sep) }
            runs.append(StatusLine.Run(String(snapshot.nodes.count) + (snapshot.nodes.count == 1 ? " node" : " nodes"),
                                       Style(.statusBar)))
        }
        return runs
    }

    private func clock(_ context: ViewContext) -> [StatusLine.Run] {
        var runs: [StatusLine.Run] = []
        if context.isPaused { runs.append(StatusLine.Run("PAUSED", Style(.paused, .bold))); runs.append(StatusLine.Run(" ")) }
        runs.append(StatusLine.Run(Self.clockText(context.now, in: context.clockZone), Style(.title)))
        return runs
    }

    /// `HH:mm:ss` of `date` in `zone`, without a formatter.
    static func clockText(_ date: Date, in zone: ClockZone) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: date)
        let seconds = ((local % 86_400) + 86_400) % 86_400
        func two(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
        return two(seconds / 3_600) + ":" + two(seconds % 3_600 / 60) + ":" + two(seconds % 60)
    }

    private func targets(_ context: ViewContext) -> [StatusLine.Run] {
        let targets = context.snapshot.targets
        guard !targets.isEmpty else { return [StatusLine.Run("no targets", Style(.muted))] }
        var runs: [StatusLine.Run] = []
        for health in [TargetStatus.Health.stale, .pending, .fresh] {
            for target in targets where target.health == health {
                if !runs.isEmpty { runs.append(StatusLine.Run("  ")) }
                runs.append(contentsOf: describe(target, glyphs: context.glyphs))
            }
        }
        return runs
    }

    /// A log input: its lines per second, then what it skipped (malformed) and dropped (flood).
    private static func describeLog(_ target: TargetStatus) -> [StatusLine.Run] {
        guard let log = target.log else { return [] }
        var runs = [StatusLine.Run(target.displayURL, Style(.text)),
                    StatusLine.Run(" " + ValueFormat.compact(log.linesPerSecond ?? 0) + " lines/s", Style(.ok))]
        if target.skippedLines > 0 {
            runs.append(StatusLine.Run(" " + String(target.skippedLines) + " skipped", Style(.warn)))
        }
        if log.dropped > 0 { runs.append(StatusLine.Run(" " + String(log.dropped) + " dropped", Style(.critical))) }
        return runs
    }

    private func describe(_ target: TargetStatus, glyphs: GlyphSet) -> [StatusLine.Run] {
        let age = target.secondsSinceSuccess.map { ValueFormat.age(seconds: $0) }
        switch target.health {
        case .fresh where target.log != nil:
            return Self.describeLog(target)
        case .fresh:
            var runs = [StatusLine.Run(target.displayURL, Style(.text)),
                        StatusLine.Run(" " + (age ?? "") + (target.skippedLines > 0 ? " (" + String(target.skippedLines) + " bad lines)" : ""),
                                       Style(target.skippedLines > 0 ? .warn : .ok))]
            // A fleet whose servers joined no node says so, and why.
            if let note = target.note { runs.append(StatusLine.Run(": " + note, Style(.warn))) }
            return runs
        case .pending:
            return [StatusLine.Run(target.displayURL, Style(.muted)), StatusLine.Run(" waiting", Style(.muted))]
        case .stale:
            var runs = [StatusLine.Run(target.displayURL, Style(.stale)),
                        StatusLine.Run(" STALE" + (age.map { " " + $0 } ?? ""), Style(.critical, .bold))]
            if let error = target.lastError { runs.append(StatusLine.Run(": " + error, Style(.stale))) }
            return runs
        }
    }
}
