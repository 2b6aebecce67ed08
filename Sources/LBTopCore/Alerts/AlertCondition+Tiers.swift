extension AlertCondition {
    /// The tier rules' measurements, one per tier the rule applies to: a stale tier has no known
    /// value except for the down rules, which measure exactly that.
    func tierMeasurements(_ snapshot: Snapshot, _ body: (AlertMeasurement) -> Void) {
        for index in snapshot.tiers.indices {
            let tier = snapshot.tiers[index]
            let value: Double?
            switch self {
            case .tierDown:
                guard tier.role == .cache else { continue }
                value = tier.isStale ? 1 : 0
            case .sessionStoreDown:
                guard tier.role == .sessionStore else { continue }
                value = tier.isStale ? 1 : 0
            case .tierHitRatioDrop(let minimumRate, let minimumSamples):
                value = tier.isStale ? nil : Self.hitRatioDrop(tier, minimumRate: minimumRate, minimumSamples: minimumSamples)
            case .tierEvictions:
                value = tier.isStale ? nil : tier.evictionsPerSecond
            case .tierMemory:
                guard tier.maxMemoryBytes != nil else { continue }
                value = tier.isStale ? nil : tier.memoryRatio
            default:
                continue
            }
            body(AlertMeasurement(.tiers, index: index, value: value))
        }
    }

    /// The tier's baseline hit ratio (the median of its window) less its current one; 0 while it
    /// looks up fewer than `minimumRate` keys a second, nil until the window holds enough ratios.
    static func hitRatioDrop(_ tier: TierSnapshot, minimumRate: Double, minimumSamples: Int) -> Double? {
        guard let current = tier.hitRatio, let lookups = tier.lookupRate else { return nil }
        guard lookups >= minimumRate else { return 0 }
        guard let baseline = tier.history.hitRatio.windowMedian(minimumPolls: minimumSamples) else { return nil }
        return max(0, baseline - current)
    }

    /// The words for a tier's measurement.
    func tierObservation(_ tier: TierSnapshot, value: Double?) -> AlertObservation {
        let what = tier.role == .sessionStore ? "session store \(tier.name)" : "tier \(tier.name)"
        let ratio = AlertUnit.ratio
        let message: String
        switch self {
        case .tierDown:
            message = "\(what) (\(tier.kind.rawValue)) is not answering"
        case .sessionStoreDown:
            message = "\(what) (\(tier.kind.rawValue)) is not answering: every server loses its sessions"
        case .tierHitRatioDrop(_, let minimumSamples):
            let current = ratio.format(tier.hitRatio ?? 0)
            if let baseline = tier.history.hitRatio.windowMedian(minimumPolls: minimumSamples) {
                message = "\(what) hits \(current) of lookups, its usual is \(ratio.format(baseline))"
            } else {
                message = "\(what) hits \(current) of lookups"
            }
        case .tierEvictions:
            message = "\(what) evicts \(AlertUnit.perSecond.format(tier.evictionsPerSecond ?? 0)) keys to make room"
        case .tierMemory:
            message = "\(what) uses \(ratio.format(tier.memoryRatio ?? 0)) of its memory limit"
        default:
            message = "\(what): \(value ?? 0)"
        }
        return AlertObservation(subject: what, target: tier.id, value: value, message: message)
    }
}
