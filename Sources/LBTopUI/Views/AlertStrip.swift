import Foundation
import LBTopCore

/// The one-line alert summary visible in every view: counts of firing alerts by severity and of
/// acknowledged ones, then the newest unacknowledged critical (else the newest firing warning).
/// While any critical alert is firing unacknowledged the whole line is reverse video and bold, so
/// a new critical cannot be missed; acknowledging it (`a`) turns that off.
public struct AlertStrip {
    public init() {}

    public struct Summary: Equatable, Sendable {
        public var critical = 0
        public var warning = 0
        public var acknowledged = 0
        public var resolved = 0
        /// Index in `snapshot.alerts` of the alert the strip names.
        public var headline: Int?
        public var hasUnacknowledgedCritical: Bool { critical > 0 }
    }

    public static func summary(of alerts: [Alert]) -> Summary {
        var summary = Summary()
        var newestCritical: Int?, newestWarning: Int?
        for (index, alert) in alerts.enumerated() {
            switch alert.state {
            case .firing:
                if alert.severity == .critical {
                    summary.critical += 1
                    if newestCritical.map({ alerts[$0].changedAt < alert.changedAt }) ?? true { newestCritical = index }
                } else {
                    summary.warning += 1
                    if newestWarning.map({ alerts[$0].changedAt < alert.changedAt }) ?? true { newestWarning = index }
                }
            case .acknowledged: summary.acknowledged += 1
            case .resolved: summary.resolved += 1
            case .pending: break
            }
        }
        summary.headline = newestCritical ?? newestWarning
        return summary
    }

    public func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let alerts = context.snapshot.alerts
        let summary = Self.summary(of: alerts)
        let glyphs = context.glyphs
        if summary.critical + summary.warning == 0 {
            var left = [StatusLine.Run("no firing alerts", Style(.ok))]
            if summary.acknowledged > 0 {
                left.append(StatusLine.Run("  " + String(summary.acknowledged) + " acked", Style(.alertAcknowledged, .dim)))
            }
            if summary.resolved > 0 {
                left.append(StatusLine.Run("  " + String(summary.resolved) + " resolved", Style(.muted)))
            }
            StatusLine(left: left).render(in: rect, on: &screen)
            return
        }
        let alarm: Emphasis = summary.hasUnacknowledgedCritical ? [.reverse, .bold] : []
        func run(_ text: String, _ role: ThemeRole) -> StatusLine.Run { StatusLine.Run(text, Style(role, alarm)) }
        var left: [StatusLine.Run] = []
        left.append(run(String(summary.critical) + " critical", summary.critical > 0 ? .alertCritical : .muted))
        left.append(run("  " + String(summary.warning) + " warning", summary.warning > 0 ? .alertWarning : .muted))
        if summary.acknowledged > 0 {
            left.append(run("  " + String(summary.acknowledged) + " acked", .alertAcknowledged))
        }
        if let index = summary.headline {
            let alert = alerts[index]
            let age = ValueFormat.age(seconds: context.now.timeIntervalSince(alert.changedAt))
            left.append(run(" " + glyphs.vertical.description + " ", .muted))
            left.append(run(alert.severity == .critical ? "CRIT " : "WARN ",
                            alert.severity == .critical ? .alertCritical : .alertWarning))
            left.append(run(alert.message + " (" + age + ")", .text))
        }
        StatusLine(left: left, background: Style(summary.hasUnacknowledgedCritical ? .alertCritical : .text, alarm))
            .render(in: rect, on: &screen)
    }
}
