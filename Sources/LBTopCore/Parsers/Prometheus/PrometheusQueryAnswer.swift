/// Reads the answer of Prometheus's `/api/v1/query` (an instant query): the `vector` result lbtop
/// asks for, series by series, straight from the bytes. An error envelope, a partial answer
/// (`warnings`), another result type or malformed JSON is a `CollectError` that says which — the
/// fleet goes stale with that reason rather than showing half of it. (`../shared/FORMATS.md` §15:
/// values are strings, `"NaN"` included.)
public enum PrometheusQueryAnswer {
    /// Calls `body` with each series of the vector, in the answer's order, as a view into the
    /// bytes: `__name__` is its name, the other labels its labels, the sample time its timestamp.
    /// Warnings come after the data, so `body` may have seen series of an answer that then throws:
    /// the caller drops what it gathered.
    public static func forEachSeries(in bytes: some Collection<UInt8>,
                                     _ body: (PrometheusSampleView) -> Void) throws(CollectError) {
        let fault: CollectError? = withBytes(bytes) { buffer in
            var reader = VectorReader(scanner: JSONScanner(buffer))
            return reader.read(body)
        }
        if let fault { throw fault }
    }
}

/// One pass over an answer: the envelope's fields as they come, each series handed on as it is read.
private struct VectorReader {
    var scanner: JSONScanner
    var status: String?
    var errorType: String?
    var errorText: String?
    var warnings: [String] = []
    var sawData = false
    var resultType: String?
    var sawResult = false
    var malformedSeries = false
    /// Label ranges of the current series, reused for every series.
    var labels: [PrometheusLabelRange] = []

    mutating func read(_ body: (PrometheusSampleView) -> Void) -> CollectError? {
        switch scanner.peek() {
        case .object?:
            envelope(body)
        case _?:
            scanner.skip()
            if scanner.atEnd() { return CollectError(.badPayload, "not a Prometheus API answer (no JSON object)") }
        case nil:
            return CollectError(.badPayload, "an empty answer")
        }
        guard scanner.atEnd() else { return CollectError(.badPayload, "malformed JSON") }
        guard let status else { return CollectError(.badPayload, "not a Prometheus API answer (no status)") }
        guard status == "success" else {
            return CollectError(.http, "Prometheus \(errorType ?? status): \(errorText ?? "no error text")")
        }
        if !warnings.isEmpty {
            return CollectError(.badPayload, "partial answer from Prometheus: \(warnings.joined(separator: "; "))")
        }
        guard sawData else { return CollectError(.badPayload, "Prometheus answer without data") }
        guard resultType == "vector" else {
            return CollectError(.badPayload, "Prometheus answered a \(resultType ?? "nothing"), not a vector")
        }
        guard sawResult else { return CollectError(.badPayload, "Prometheus vector without a result list") }
        if malformedSeries { return CollectError(.badPayload, "malformed sample in a Prometheus vector") }
        return nil
    }

    private mutating func envelope(_ body: (PrometheusSampleView) -> Void) {
        guard var members = scanner.object() else { return }
        while let key = scanner.nextKey(&members) {
            if scanner.matches(key, "status") {
                status = scanner.stringValue()
            } else if scanner.matches(key, "errorType") {
                errorType = scanner.stringValue()
            } else if scanner.matches(key, "error") {
                errorText = scanner.stringValue()
            } else if scanner.matches(key, "warnings"), scanner.peek() == .array, var items = scanner.array() {
                while scanner.nextItem(&items) { warnings.append(scanner.stringValue() ?? "a warning") }
            } else if scanner.matches(key, "data"), scanner.peek() == .object {
                sawData = true
                data(body)
            } else {
                scanner.skip()
            }
        }
    }

    private mutating func data(_ body: (PrometheusSampleView) -> Void) {
        guard var members = scanner.object() else { return }
        while let key = scanner.nextKey(&members) {
            if scanner.matches(key, "resultType") {
                resultType = scanner.stringValue()
            } else if scanner.matches(key, "result"), scanner.peek() == .array, resultType == nil || resultType == "vector",
                      var items = scanner.array() {
                sawResult = true
                while scanner.nextItem(&items) { series(body) }
            } else {
                scanner.skip()
            }
        }
    }

    /// `{"metric":{…},"value":[t,"v"]}`; anything else is noted as malformed and skipped.
    private mutating func series(_ body: (PrometheusSampleView) -> Void) {
        guard scanner.peek() == .object, var members = scanner.object() else {
            malformedSeries = true
            return scanner.skip()
        }
        labels.removeAll(keepingCapacity: true)
        var name = 0..<0
        var time: Double?
        var value: Double?
        var sawMetric = false
        while let key = scanner.nextKey(&members) {
            if scanner.matches(key, "metric"), scanner.peek() == .object, var metric = scanner.object() {
                sawMetric = true
                while let label = scanner.nextKey(&metric) {
                    guard scanner.peek() == .string, let text = scanner.text() else { scanner.skip(); continue }
                    if scanner.matches(label, "__name__") { name = text.range; continue }
                    labels.append(PrometheusLabelRange(key: label.range, value: text.range, isEscaped: text.isEscaped))
                }
            } else if scanner.matches(key, "value"), scanner.peek() == .array, var pair = scanner.array() {
                (time, value) = self.pair(&pair)
            } else {
                scanner.skip()
            }
        }
        guard sawMetric, let value, !scanner.failed else {
            malformedSeries = true
            return
        }
        let bytes = scanner.bytes
        labels.withUnsafeBufferPointer { labelRanges in
            body(PrometheusSampleView(bytes: bytes, nameRange: name, labelRanges: labelRanges, value: value,
                                      timestamp: time, familyType: .untyped, escaping: .json))
        }
    }

    /// `[1796172586.380,"6.56"]`: the time as a number, the value as Go writes a float, in a string.
    private mutating func pair(_ items: inout JSONScanner.Container) -> (time: Double?, value: Double?) {
        var count = 0
        var time: Double?
        var value: Double?
        while scanner.nextItem(&items) {
            count += 1
            if count == 1, scanner.peek() == .other {
                let start = scanner.index
                scanner.skip()
                time = ASCIINumber.double(scanner.bytes, start..<scanner.index)
            } else if count == 2, scanner.peek() == .string, let text = scanner.text() {
                value = text.isEscaped ? nil : ASCIINumber.double(scanner.bytes, text.range)
            } else {
                scanner.skip()
            }
        }
        return count == 2 ? (time, value) : (nil, nil)
    }
}
