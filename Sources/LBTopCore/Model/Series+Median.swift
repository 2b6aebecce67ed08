extension Series {
    /// The median of the whole window's known values that pass `include`, each window cell counted
    /// as the polls it stands for; nil until they stand for `minimumPolls` polls.
    public func windowMedian(minimumPolls: Int, including include: (Double) -> Bool = { _ in true }) -> Double? {
        var window: [(value: Double, polls: Int)] = []
        var polls = 0
        forEachWindowValue { value, weight in
            guard include(value) else { return }
            window.append((value, weight)); polls += weight
        }
        guard polls >= Swift.max(1, minimumPolls) else { return nil }
        window.sort { $0.value < $1.value }
        /// The value at a position among all polls in order.
        func value(atPoll position: Int) -> Double {
            var seen = 0
            for entry in window {
                seen += entry.polls
                if position < seen { return entry.value }
            }
            return window[window.count - 1].value
        }
        let lower = value(atPoll: (polls - 1) / 2), upper = value(atPoll: polls / 2)
        return (lower + upper) / 2
    }
}
