import LBTopCore

/// The weight prompt and the confirmation of an action, boxed at the bottom of the body: what
/// will be sent, over what, to whom, and what it does to the backend; `y` sends.
public struct ActionPromptView: Sendable {
    public var prompt: ActionController.Prompt
    public var snapshot: Snapshot
    public var glyphs: GlyphSet

    public init(prompt: ActionController.Prompt, snapshot: Snapshot, glyphs: GlyphSet) {
        self.prompt = prompt; self.snapshot = snapshot; self.glyphs = glyphs
    }

    /// Steps listed one by one before the rest are counted.
    static let listedSteps = 6

    /// The box's title and lines, top to bottom, each with its style.
    public var lines: (title: String, body: [StatusLine.Run]) {
        let sep = " " + glyphs.separator + " "
        switch prompt {
        case .weight(let servers, let text):
            let now = servers.count == 1 ? snapshot.servers.first { $0.id == servers[0] }?.weight.map { " (now \($0))" } ?? "" : ""
            let who = servers.count == 1 ? servers[0].description : "\(servers.count) servers"
            return ("Weight", [
                StatusLine.Run("weight for \(who)\(now): 0 to 256, or N% of the initial weight", Style(.text)),
                StatusLine.Run("> " + text + "_", Style(.text, .bold)),
                StatusLine.Run("Enter goes on to the confirmation" + sep + "Esc cancels", Style(.muted)),
            ])
        case .confirm(let plan):
            var body: [StatusLine.Run] = []
            var target: TargetID?
            for step in plan.steps.prefix(Self.listedSteps) {
                if step.item.server.target != target {
                    target = step.item.server.target
                    body.append(StatusLine.Run("to \(step.item.server.target) over its \(step.via):", Style(.muted)))
                }
                body.append(StatusLine.Run("  " + (step.sent ?? ""), Style(.text, .bold)))
            }
            if plan.steps.count > Self.listedSteps {
                body.append(StatusLine.Run("… and \(plan.steps.count - Self.listedSteps) more", Style(.muted)))
            }
            body += plan.effects.map { StatusLine.Run($0, Style(.warn)) }
            body.append(StatusLine.Run("y sends" + sep + "any other key cancels", Style(.keyHint, .bold)))
            return ("Confirm: " + plan.title, body)
        }
    }

    /// Draws the box over the bottom rows of `rect`.
    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        let (title, body) = lines
        let height = min(rect.height, body.count + 2)
        guard height >= 3, rect.width >= 10 else { return }
        let box = Rect(x: rect.x, y: rect.maxY - height, width: rect.width, height: height)
        screen.fill(box, with: " ", style: Style(.text))
        BoxWidget(title: title, glyphs: glyphs, style: Style(.warn)).render(in: box, on: &screen)
        for (index, run) in body.prefix(height - 2).enumerated() {
            screen.put(run.text, x: box.x + 2, y: box.y + 1 + index, maxWidth: box.width - 4, style: run.style)
        }
    }
}
