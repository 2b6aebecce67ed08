import Logging

/// Where every action's record goes, in one place: the alert log first (written and flushed), then
/// the `on_alert` hook and any observers (a recorder). `ActionExecutor` calls `record` before it
/// returns, so no screen says "done" before the line is on disk.
public struct ActionAudit: Sendable {
    public let log: any AlertLog
    public let hook: AlertHook?
    /// Called with each batch of records after the log has them.
    public var observers: [@Sendable ([ActionRecord]) -> Void]
    private let logger: Logger

    public init(log: any AlertLog, hook: AlertHook? = nil, observers: [@Sendable ([ActionRecord]) -> Void] = [],
                logger: Logger = .silent("lbtop.actions")) {
        self.log = log; self.hook = hook; self.observers = observers; self.logger = logger
    }

    /// Appends the records durably, then notifies; returns the log's error, if writing failed.
    @discardableResult
    public func record(_ records: [ActionRecord]) -> (any Error)? {
        guard !records.isEmpty else { return nil }
        var failure: (any Error)?
        do {
            try log.append(actions: records)
        } catch {
            logger.error("alert log: action not recorded: \(error)")
            failure = error
        }
        hook?.notify(actions: records)
        for observer in observers { observer(records) }
        return failure
    }
}
