/// Metric types of the Prometheus text format (0.0.4) and OpenMetrics.
public enum PrometheusMetricType: String, Sendable, Equatable, CaseIterable {
    case counter, gauge, histogram, summary, untyped
    case gaugeHistogram = "gaugehistogram", stateSet = "stateset", info, unknown
}

/// Where one label sits in the parsed bytes.
struct PrometheusLabelRange {
    var key: Range<Int>
    /// Between the quotes, still escaped.
    var value: Range<Int>
    /// The value holds a backslash escape and must be decoded before use.
    var isEscaped: Bool
}

/// One sample as the parser sees it, pointing into the body being parsed: cheap to inspect,
/// valid only inside the callback that receives it (copy out what you keep). Samples of the text
/// format and series of the query API's JSON answers alike.
public struct PrometheusSampleView {
    /// How label values are escaped: the text format's `\\`, `\"`, `\n`, or JSON's.
    enum Escaping { case exposition, json }

    let bytes: UnsafeBufferPointer<UInt8>
    let nameRange: Range<Int>
    let labelRanges: UnsafeBufferPointer<PrometheusLabelRange>
    /// The sample value (`NaN`, `±Inf` included).
    public let value: Double
    /// The optional timestamp as written: milliseconds in 0.0.4, seconds in OpenMetrics.
    public let timestamp: Double?
    /// Type of the family the sample belongs to (`untyped` without a matching `# TYPE`).
    public let familyType: PrometheusMetricType
    let escaping: Escaping

    init(bytes: UnsafeBufferPointer<UInt8>, nameRange: Range<Int>, labelRanges: UnsafeBufferPointer<PrometheusLabelRange>,
         value: Double, timestamp: Double?, familyType: PrometheusMetricType, escaping: Escaping = .exposition) {
        self.bytes = bytes; self.nameRange = nameRange; self.labelRanges = labelRanges
        self.value = value; self.timestamp = timestamp; self.familyType = familyType; self.escaping = escaping
    }

    /// The metric name, e.g. `node_cpu_seconds_total`.
    public var name: String { bytes.string(nameRange) }
    /// Whether the name is exactly `text` (no allocation).
    public func nameIs(_ text: StaticString) -> Bool { bytes.matches(nameRange, text) }
    /// Whether the name starts with `text` (no allocation).
    public func nameHasPrefix(_ text: StaticString) -> Bool { bytes.hasPrefix(nameRange, text) }
    /// The name after `prefix`, when it starts with it.
    public func nameAfter(_ prefix: StaticString) -> String? {
        guard nameHasPrefix(prefix) else { return nil }
        return bytes.string((nameRange.lowerBound + prefix.utf8CodeUnitCount)..<nameRange.upperBound)
    }

    public var labelCount: Int { labelRanges.count }

    /// The decoded value of label `key`, nil when absent.
    public func label(_ key: StaticString) -> String? {
        guard let range = labelRange(key) else { return nil }
        return decode(range)
    }

    /// Whether label `key` is present with exactly `value` (no allocation unless escaped).
    public func label(_ key: StaticString, is value: StaticString) -> Bool {
        guard let range = labelRange(key) else { return false }
        if range.isEscaped { return decode(range) == value.description }
        return bytes.matches(range.value, value)
    }

    /// All labels, decoded, in the order written.
    public var labels: [PrometheusLabel] {
        labelRanges.map { PrometheusLabel(name: bytes.string($0.key), value: decode($0)) }
    }

    private func labelRange(_ key: StaticString) -> PrometheusLabelRange? {
        for range in labelRanges where bytes.matches(range.key, key) { return range }
        return nil
    }

    private func decode(_ range: PrometheusLabelRange) -> String {
        guard range.isEscaped else { return bytes.string(range.value) }
        switch escaping {
        case .exposition: return Self.unescape(bytes, range.value, quotes: true)
        case .json: return JSONScanner.decode(bytes, range.value)
        }
    }

    /// Undoes the text format's `\\`, `\"` and `\n`; any other escape is kept as written.

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quotes: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x5C, index + 1 < range.upperBound {  // backslash
                let next = bytes[index + 1]
                switch next {
                case 0x5C: out.append(0x5C); index += 2; continue
                case 0x6E: out.append(0x0A); index += 2; continue
                case 0x22 where quotes: out.append(0x22); index += 2; continue
                default: break
                }
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A label name and its decoded value.
public struct PrometheusLabel: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}
