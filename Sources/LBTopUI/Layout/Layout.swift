/// Splits a rectangle into rows or columns by constraints: pure arithmetic, no drawing.
///
/// Sizing, in order: `length`, `percentage` and `ratio` parts get their fixed size and `min` parts
/// their minimum; if that overflows, parts are cut from the last one backwards. Then what is left
/// goes to `fill` and `min` parts by weight (`min` weighs 1), the last sharing part taking the
/// rounding remainder; `max` parts take what is then left, up to their maximum, first come first
/// served. Parts never overlap, never have a negative size, and sum to at most the whole.
public struct Layout: Sendable, Equatable {
    public enum Direction: Sendable, Equatable { case vertical, horizontal }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Cells left empty between adjacent parts.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction; self.constraints = constraints; self.spacing = max(0, spacing)
    }

    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, spacing: spacing)
    }

    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, spacing: spacing)
    }

    /// The sizes of the parts along the split direction for a whole of `total` cells.
    public func sizes(total: Int) -> [Int] {
        let count = constraints.count
        guard count > 0 else { return [] }
        let whole = max(0, total - spacing * (count - 1))
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .length(let n): return max(0, n)
            case .min(let n): return max(0, n)
            case .max: return 0
            case .percentage(let p): return whole * Swift.min(100, Swift.max(0, p)) / 100
            case .ratio(let n, let d): return d <= 0 ? 0 : Swift.min(whole, whole * Swift.max(0, n) / d)
            case .fill: return 0
            }
        }
        var used = sizes.reduce(0, +)
        var index = count - 1
        while used > whole, index >= 0 {
            let cut = Swift.min(sizes[index], used - whole)
            sizes[index] -= cut
            used -= cut
            index -= 1
        }
        var left = whole - used
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): return Swift.max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0, left > 0 {
            let lastSharing = weights.lastIndex { $0 > 0 } ?? 0
            var given = 0
            for i in 0..<count where weights[i] > 0 {
                let share = i == lastSharing ? left - given : left * weights[i] / totalWeight
                sizes[i] += share
                given += share
            }
            left = 0
        }
        for i in 0..<count {
            if case .max(let n) = constraints[i], left > 0 {
                let take = Swift.min(Swift.max(0, n), left)
                sizes[i] = take
                left -= take
            }
        }
        return sizes
    }

    /// The parts of `rect`, in order.
    public func split(_ rect: Rect) -> [Rect] {
        let total = direction == .vertical ? rect.height : rect.width
        var offset = 0
        return sizes(total: total).map { size in
            defer { offset += size + spacing }
            switch direction {
            case .vertical: return Rect(x: rect.x, y: rect.y + offset, width: rect.width, height: size)
            case .horizontal: return Rect(x: rect.x + offset, y: rect.y, width: size, height: rect.height)
            }
        }
    }
}
