/// Colour thresholds for resource values: below `warn` is `.ok`, from `warn` `.warn`, from
/// `critical` `.critical` (htop's `METER_VALUE_OK`/`_WARN`/`_ERROR`).
public struct Thresholds: Sendable, Equatable {
    public var warn: Double
    public var critical: Double
    public init(warn: Double, critical: Double) { self.warn = warn; self.critical = critical }

    /// CPU and memory percent: 70 % warns, 90 % is critical.
    public static let percent = Thresholds(warn: 70, critical: 90)
    /// Load per CPU: 1.0 warns, 2.0 is critical.
    public static let loadPerCPU = Thresholds(warn: 1, critical: 2)
    /// Share over fair share: 1.5× warns, 2× is critical (the imbalance alert's default).
    public static let shareRatio = Thresholds(warn: 1.5, critical: 2)

    public func role(for value: Double) -> ThemeRole {
        if value >= critical { return .critical }
        if value >= warn { return .warn }
        return .ok
    }
}
