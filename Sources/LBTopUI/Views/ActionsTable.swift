import Foundation
import LBTopCore

/// The actions section of the alerts view: each action taken from the dashboard, newest first —
/// age, who, outcome, server, what was asked, HAProxy's answer and the state before and after.
/// Actions and alerts are one timeline; the table sits below the alerts and takes no selection.
struct ActionsTable {
    enum Column: Int, CaseIterable {
        case age, user, outcome, server, action, answer, states

        var spec: ColumnSpec {
            switch self {
            case .age: return ColumnSpec("AGE", width: 6, alignment: .right)
            case .user: return ColumnSpec("BY", width: 8...12, priority: 2)
            case .outcome: return ColumnSpec("OUTCOME", width: 9)
            case .server: return ColumnSpec("SERVER", width: 14...24)
            case .action: return ColumnSpec("ACTION", width: 10...12)
            case .answer: return ColumnSpec("ANSWER", width: 12...80, priority: 1)
            case .states: return ColumnSpec("STATE", width: 14...22, priority: 3)
            }
        }
    }

    static let columns: [ColumnSpec] = Column.allCases.map(\.spec)

    let actions: [ActionRecord]

    func render<S: Screen>(_ context: ViewContext, in rect: Rect, on screen: inout S) {
        TableWidget(columns: Self.columns, glyphs: context.glyphs)
            .render(rowCount: actions.count, selected: nil, offset: 0, in: rect, on: &screen) { row, column in
                Self.cell(Column(rawValue: column)!, actions[row], context: context)
            }
    }

    static func cell(_ column: Column, _ action: ActionRecord, context: ViewContext) -> TableCell {
        switch column {
        case .age: return .text(ValueFormat.age(seconds: context.now.timeIntervalSince(action.time)), Style(.text))
        case .user: return .text(action.user, Style(.muted))
        case .outcome:
            switch action.outcome {
            case .done: return .text("done", Style(.ok))
            case .rejected, .failed: return .text(action.outcome.rawValue, Style(.critical, .bold))
            case .refused: return .text("refused", Style(.warn))
            case .cancelled: return .text("cancelled", Style(.muted))
            }
        case .server: return .text(action.server, Style(.text))
        case .action: return .text(action.action, Style(.text))
        case .answer: return .text(action.answer, Style(action.outcome == .done ? .muted : .text))
        case .states:
            let before = action.stateBefore ?? context.glyphs.missing
            guard let after = action.stateAfter else { return .text(before, Style(.muted)) }
            return .text(before + " → " + after, Style(.text))
        }
    }
}
