import Foundation

/// One action on one server as the alert log keeps it: a JSON line with `"kind":"action"`, written
/// and flushed before the screen says it is done. Refused and cancelled actions are recorded too.
public struct ActionRecord: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        /// HAProxy accepted the command.
        case done
        /// HAProxy answered with an error (`Permission denied`, `No such server.`, `st=DENY`).
        case rejected
        /// lbtop did not send it: actions are off, it would take out a backend's last serving
        /// server, or the transport cannot say it.
        case refused
        /// The confirmation was answered with something other than `y`.
        case cancelled
        /// Sent, but no answer came (connection refused, timeout).
        case failed
    }

    /// Always `action`: tells these lines from alert transitions in the same log.
    public var kind: String = "action"
    public var time: Date
    /// `$USER` of whoever confirmed it.
    public var user: String
    public var target: String
    /// `backend/server`.
    public var server: String
    /// The command as lbtop put it: `drain`, `weight 50%`.
    public var action: String
    /// Exactly what was (or would have been) sent: the runtime API line or the form body.
    public var command: String
    /// `stats socket` or `stats page`.
    public var via: String
    public var outcome: Outcome
    /// HAProxy's answer as received, trailing newlines removed (empty = accepted in silence);
    /// for refused, cancelled and failed actions, why.
    public var answer: String
    public var stateBefore: String?
    public var stateAfter: String?
    public var weightBefore: Int?
    public var weightAfter: Int?

    public init(time: Date, user: String, target: String, server: String, action: String, command: String,
                via: String, outcome: Outcome, answer: String, stateBefore: String? = nil,
                stateAfter: String? = nil, weightBefore: Int? = nil, weightAfter: Int? = nil) {
        self.time = time; self.user = user; self.target = target; self.server = server
        self.action = action; self.command = command; self.via = via; self.outcome = outcome
        self.answer = answer; self.stateBefore = stateBefore; self.stateAfter = stateAfter
        self.weightBefore = weightBefore; self.weightAfter = weightAfter
    }

    enum CodingKeys: String, CodingKey {
        case kind, time, user, target, server, action, command, via, outcome, answer
        case stateBefore = "state_before", stateAfter = "state_after"
        case weightBefore = "weight_before", weightAfter = "weight_after"
    }

    /// Every key on every line, `null` where unknown, like the alert transitions.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(time, forKey: .time)
        try container.encode(user, forKey: .user)
        try container.encode(target, forKey: .target)
        try container.encode(server, forKey: .server)
        try container.encode(action, forKey: .action)
        try container.encode(command, forKey: .command)
        try container.encode(via, forKey: .via)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(answer, forKey: .answer)
        try container.encode(stateBefore, forKey: .stateBefore)
        try container.encode(stateAfter, forKey: .stateAfter)
        try container.encode(weightBefore, forKey: .weightBefore)
        try container.encode(weightAfter, forKey: .weightAfter)
    }

    /// The record as one line of JSON, newline included.
    public func jsonLine() throws -> [UInt8] {
        var bytes = Array(try AlertLogRecord.encoder.encode(self))
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    /// Parses one line of the log; nil unless it is an action record.
    public static func parse<Bytes: Collection<UInt8>>(line: Bytes) -> ActionRecord? {
        guard let record = try? AlertLogRecord.decoder.decode(ActionRecord.self, from: Data(line)),
              record.kind == "action" else { return nil }
        return record
    }

    /// One line for the screen: `app/app1 drain: done` plus HAProxy's answer when it said something.
    public var summary: String {
        var text = "\(server) \(action): \(outcome.rawValue)"
        if !answer.isEmpty { text += " (\(answer))" }
        return text
    }
}
