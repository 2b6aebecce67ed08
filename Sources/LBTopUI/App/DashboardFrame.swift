import LBTopCore

/// The standard frame: header bar, alert strip, the current view (or the detail pane of the
/// selected row) and the bottom line — key hints, or the filter being typed, or a message.
public struct DashboardFrame: FrameRendering {
    public init() {}

    public var minimumSize: TerminalSize { TerminalSize(width: 40, height: 10) }

    public func rowOrder(for frame: FrameState) -> RowOrder {
        switch frame.view {
        case .servers: return ServersView().rowOrder(in: frame.context)
        case .traffic: return TrafficView().rowOrder(in: frame.context)
        case .alerts: return AlertsView().rowOrder(in: frame.context)
        case .requests: return RequestsView().rowOrder(in: frame.context)
        }
    }

    public func visibleRowCount(for frame: FrameState, size: TerminalSize) -> Int {
        // body minus the table's column header
        max(1, DashboardLayout(Rect(x: 0, y: 0, width: size.width, height: size.height)).body.height - 1)
    }

    public func sortKeys(for view: ViewID) -> [SortKey] {
        switch view {
        case .servers: return ServersView.sortKeys
        case .traffic: return TrafficView.sortKeys
        case .alerts: return AlertsView.sortKeys
        case .requests: return RequestsView.sortKeys
        }
    }

    public func render<S: Screen>(_ frame: FrameState, on screen: inout S) {
        let layout = DashboardLayout(screen.bounds)
        let context = frame.context
        HeaderBar().render(context, in: layout.header, on: &screen)
        AlertStrip().render(context, in: layout.alertStrip, on: &screen)
        if let detail = frame.detail {
            DetailView(subject: detail).render(context, in: layout.body, on: &screen)
        } else {
            switch frame.view {
            case .servers: ServersView().render(context, in: layout.body, on: &screen)
            case .traffic: TrafficView().render(context, in: layout.body, on: &screen)
            case .alerts: AlertsView().render(context, in: layout.body, on: &screen)
            case .requests: RequestsView().render(context, in: layout.body, on: &screen)
            }
        }
        if let prompt = frame.actionPrompt {
            ActionPromptView(prompt: prompt, snapshot: context.snapshot, glyphs: context.glyphs)
                .render(in: layout.body, on: &screen)
        }
        renderBottomLine(frame, in: layout.footer, on: &screen)
    }

    private func renderBottomLine<S: Screen>(_ frame: FrameState, in rect: Rect, on screen: inout S) {
        if frame.isEditingFilter {
            StatusLine(left: [StatusLine.Run("Filter: ", Style(.keyHint, .bold)),
                              StatusLine.Run(frame.context.filter + "_", Style(.text)),
                              StatusLine.Run("  Enter keeps \(frame.context.glyphs.separator) Esc cancels", Style(.muted))],
                       background: Style(.statusBar)).render(in: rect, on: &screen)
        } else if let message = frame.message {
            StatusLine(left: [StatusLine.Run(message, Style(.text, .bold))], background: Style(.statusBar))
                .render(in: rect, on: &screen)
        } else if let replay = frame.replay {
            ReplayBar(status: replay, hints: frame.hints).render(frame.context, in: rect, on: &screen)
        } else if frame.context.isPaused {
            // The header's PAUSED can be cut on a narrow screen; the bottom line always says it.
            let sep = " " + frame.context.glyphs.separator + " "
            StatusLine(left: [StatusLine.Run("PAUSED", Style(.paused, .bold)),
                              StatusLine.Run(" p resumes" + sep + "polling goes on", Style(.statusBar))],
                       background: Style(.statusBar)).render(in: rect, on: &screen)
        } else {
            FooterBar(hints: frame.hints).render(frame.context, in: rect, on: &screen)
        }
    }
}
