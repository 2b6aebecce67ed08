/// How much of a split one part takes (ratatui's `Constraint`). Sizes are in cells.
public enum Constraint: Sendable, Equatable {
    /// Exactly `n` cells (less only when the whole does not fit).
    case length(Int)
    /// At least `n` cells; takes a share of what is left like `fill(1)`.
    case min(Int)
    /// At most `n` cells; takes what is left up to `n`, after `fill` parts are sized.
    case max(Int)
    /// `p` percent of the whole, rounded down.
    case percentage(Int)
    /// `numerator / denominator` of the whole, rounded down.
    case ratio(Int, Int)
    /// A share, by weight, of what the other parts leave.
    case fill(Int)
}
