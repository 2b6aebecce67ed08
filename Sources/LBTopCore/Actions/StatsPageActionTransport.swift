import Foundation

/// The HTTP stats page's own admin form (`stats admin if …`): a POST of
/// `s=<server>&action=<drain|ready|maint>&b=<backend>` with the page's credentials. HAProxy answers
/// `303 See Other` to `…;st=<CODE>`; `DONE` means it took the action. The form has no weight field.
public struct StatsPageActionTransport: ServerActionTransport {
    public let page: HTTPTransport
    public init(_ page: HTTPTransport) { self.page = page }

    public var via: String { "stats page" }

    /// HAProxy's wording of each `st=` code, from the page it shows after the redirect.
    static let statusText: [String: String] = [
        "DONE": "Action processed successfully.",
        "PART": "Action partially processed.",
        "NONE": "Nothing has changed.",
        "ERRP": "Action not processed because of invalid parameters.",
        "EXCD": "Action not processed : the buffer couldn't store all the data.",
        "DENY": "Action denied.",
        "UNKN": "Unexpected result.",
    ]

    public func request(_ command: ServerCommand, server: ServerID) -> Result<String, ActionRefusal> {
        if let problem = ServerNames.problem(server) { return .failure(problem) }
        guard let action = command.formAction else {
            return .failure(ActionRefusal("refused: the stats page's admin form cannot set a weight; "
                + "use the stats socket (level admin) as the target"))
        }
        return .success("s=\(server.server)&action=\(action)&b=\(server.backend)")
    }

    public func send(_ command: ServerCommand, server: ServerID) async throws -> ActionAnswer {
        let body = try request(command, server: server).get()
        let answer = try await page.postForm(body)
        return Self.read(answer)
    }

    /// `303` to `…;st=DONE` is success; any other code or status is HAProxy's refusal, shown as
    /// `st=DENY: Action denied.` (or the HTTP status when there is no code).
    public static func read(_ answer: HTTPFormAnswer) -> ActionAnswer {
        guard let location = answer.location, let range = location.range(of: "st=") else {
            return ActionAnswer(accepted: false, text: "HTTP \(answer.status) \(answer.reason)")
        }
        let code = String(location[range.upperBound...].prefix { $0.isLetter })
        let text = "st=\(code)" + (statusText[code].map { ": " + $0 } ?? "")
        return ActionAnswer(accepted: code == "DONE", text: text)
    }
}
