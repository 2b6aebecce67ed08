import LBTopCore

/// A terminal size in cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public var description: String { "\(width)x\(height)" }
}

/// Everything one frame shows: the views' `ViewContext` plus what only the shell knows (which
/// view, the detail pane, the filter line, a transient message, the footer's key hints).
public struct FrameState: Sendable {
    public var view: ViewID
    /// The row whose detail pane is open, if any.
    public var detail: RowID?
    public var context: ViewContext
    /// True while the filter is being typed on the bottom line.
    public var isEditingFilter: Bool
    /// A short message for the bottom line (`acknowledged 2 alerts`), until the next key.
    public var message: String?
    /// Footer hints, from the key map.
    public var hints: [KeyHint]
    /// The weight prompt or the confirmation of an action, drawn above the bottom line.
    public var actionPrompt: ActionController.Prompt?
    /// Where a replay stands (`lbtop replay`); its bar takes the bottom line.
    public var replay: ReplayStatus?

    public init(view: ViewID = .servers, detail: RowID? = nil, context: ViewContext,
                isEditingFilter: Bool = false, message: String? = nil, hints: [KeyHint] = [],
                actionPrompt: ActionController.Prompt? = nil, replay: ReplayStatus? = nil) {
        self.view = view; self.detail = detail; self.context = context
        self.isEditingFilter = isEditingFilter; self.message = message; self.hints = hints
        self.actionPrompt = actionPrompt
        self.replay = replay
    }
}

/// What the app loop asks of the frame: the rows of the current view (for selection and keys)
/// and a whole frame drawn into a `Screen`. The help overlay and the too-small message are drawn
/// by the app on top.
public protocol FrameRendering: Sendable {
    /// Smallest usable screen; below it `TooSmallView` is drawn instead.
    var minimumSize: TerminalSize { get }
    /// The rows of the frame's view, in display order after filter and sort.
    func rowOrder(for frame: FrameState) -> RowOrder
    /// Table rows that fit in the body at this screen size (PgUp/PgDn step).
    func visibleRowCount(for frame: FrameState, size: TerminalSize) -> Int
    /// The columns `s` cycles through in a view.
    func sortKeys(for view: ViewID) -> [SortKey]
    /// Draws the whole frame: header, alert strip, the view (or detail pane), bottom line.
    func render<S: Screen>(_ frame: FrameState, on screen: inout S)
}
