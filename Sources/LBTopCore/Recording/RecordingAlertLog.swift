/// An alert log that also records every transition and action it is given (`--record`).
public struct RecordingAlertLog: AlertLog {
    public let base: any AlertLog
    public let recorder: Recorder

    public init(_ base: any AlertLog, recorder: Recorder) { self.base = base; self.recorder = recorder }

    public func append(_ records: [AlertLogRecord]) throws {
        recorder.record(alerts: records)
        try base.append(records)
    }

    public func append(actions: [ActionRecord]) throws {
        for action in actions {
            recorder.record(action: action.action, subjects: ["\(action.target) \(action.server)"], user: action.user,
                            mono: MonotonicTime.now(), wall: action.time)
        }
        try base.append(actions: actions)
    }

    public func read() throws -> AlertLogContents { try base.read() }
}
