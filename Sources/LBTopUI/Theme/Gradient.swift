/// 101 precomputed colours indexed by percent (btop's `generateGradients`): a cell just indexes.
/// `start` alone is one colour; `start`+`end` blend; with `mid`, two halves meet at 50.
/// A gradient without a start colour is empty (terminal default for every entry).
public struct Gradient: Sendable, Equatable {
    public let colors: [RGB?]

    public init(start: RGB?, mid: RGB? = nil, end: RGB? = nil) {
        guard let start else { colors = Array(repeating: nil, count: 101); return }
        colors = (0...100).map { percent -> RGB? in
            let p = Double(percent)
            switch (mid, end) {
            case (nil, nil): return start
            case (nil, let end?): return start.blend(to: end, fraction: p / 100)
            case (let mid?, nil): return start.blend(to: mid, fraction: p / 100)
            case (let mid?, let end?):
                return percent <= 50 ? start.blend(to: mid, fraction: p / 50) : mid.blend(to: end, fraction: (p - 50) / 50)
            }
        }
    }

    /// The colour at `percent`, clamped to 0…100.
    public subscript(percent: Int) -> RGB? { colors[min(100, max(0, percent))] }
}
