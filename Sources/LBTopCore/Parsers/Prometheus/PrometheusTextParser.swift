/// `# HELP` and `# TYPE` lines, reported to callers that want them.
public enum PrometheusMetadata: Sendable, Equatable {
    case help(family: String, text: String)
    case type(family: String, PrometheusMetricType)
}

/// What a pass over a body found besides its samples.
public struct PrometheusParseSummary: Sendable, Equatable {
    public var samples: Int = 0
    /// Lines that were neither a sample, a comment, nor blank.
    public var skippedLines: Int = 0
    /// The body ended with OpenMetrics' `# EOF`.
    public var sawEOF: Bool = false
    public init() {}
}

/// Streaming parser for the Prometheus text exposition format 0.0.4 and the OpenMetrics 1.0 text
/// format: `# HELP`/`# TYPE`, samples `name{label="value",…} value [timestamp]` with escaped label
/// values, `NaN`/`±Inf`, exponents, exemplars (ignored) and `# EOF`.
///
/// It hands each sample to a callback as a `PrometheusSampleView` that points into the body, so a
/// reader that wants five metrics out of 100,000 lines allocates nothing for the rest. Malformed
/// lines are skipped and counted. Build a `PrometheusDocument` when you want everything.
public enum PrometheusTextParser {
    /// Calls `onSample` for every sample in `bytes`, and `onMetadata` (if given) for HELP/TYPE.
    @discardableResult
    public static func forEachSample(in bytes: some Collection<UInt8>,
                                     onMetadata: ((PrometheusMetadata) -> Void)? = nil,
                                     _ onSample: (PrometheusSampleView) -> Void) -> PrometheusParseSummary {
        withBytes(bytes) { buffer in
            var parser = LineParser(bytes: buffer)
            defer { parser.labels.deallocate() }
            return parser.run(onMetadata: onMetadata, onSample)
        }
    }
}

/// The state of one pass: the reusable label storage and the family the last TYPE named.
private struct LineParser {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Label ranges of the current line, reused for every line (grown when a line has more).
    var labels = UnsafeMutableBufferPointer<PrometheusLabelRange>.allocate(capacity: 16)
    var labelCount = 0
    var typedFamily: Range<Int>? = nil
    var typedType: PrometheusMetricType = .untyped
    var summary = PrometheusParseSummary()

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run(onMetadata: ((PrometheusMetadata) -> Void)?,
                      _ onSample: (PrometheusSampleView) -> Void) -> PrometheusParseSummary {
        for line in ByteLines(bytes) {
            var start = line.lowerBound
            while start < line.upperBound, ASCIINumber.isBlank(bytes[start]) { start += 1 }
            guard start < line.upperBound else { continue }
            if bytes[start] == 0x23 {  // #
                if comment((start + 1)..<line.upperBound, onMetadata) { summary.sawEOF = true; break }
                continue
            }
            if sample(start..<line.upperBound, onSample) { summary.samples += 1 } else { summary.skippedLines += 1 }
        }
        return summary
    }

    /// Handles a `#` line; returns true on `# EOF`.
    private mutating func comment(_ range: Range<Int>, _ onMetadata: ((PrometheusMetadata) -> Void)?) -> Bool {
        var fields = ByteFields(bytes, range)
        guard let keyword = fields.next() else { return false }
        if bytes.matches(keyword, "EOF") { return true }
        let isType = bytes.matches(keyword, "TYPE")
        guard isType || bytes.matches(keyword, "HELP"), let name = fields.next() else { return false }
        if isType {
            guard let typeField = fields.next() else { return false }
            let type = PrometheusMetricType(rawValue: bytes.string(typeField).lowercased()) ?? .untyped
            typedFamily = name
            typedType = type
            onMetadata?(.type(family: bytes.string(name), type))
        } else if let onMetadata {
            var textStart = name.upperBound
            while textStart < range.upperBound, ASCIINumber.isBlank(bytes[textStart]) { textStart += 1 }
            let text = PrometheusSampleView.unescape(bytes, textStart..<range.upperBound, quotes: false)
            onMetadata(.help(family: bytes.string(name), text: text))
        }
        return false
    }

    /// Parses one sample line; false when malformed.
    private mutating func sample(_ range: Range<Int>, _ onSample: (PrometheusSampleView) -> Void) -> Bool {
        var index = range.lowerBound
        let end = range.upperBound
        guard Self.isNameStart(bytes[index]) else { return false }
        index += 1
        while index < end, Self.isNameByte(bytes[index]) { index += 1 }
        let name = range.lowerBound..<index
        labelCount = 0
        skipBlanks(&index, end)
        if index < end, bytes[index] == 0x7B {  // {
            guard parseLabels(&index, end) else { return false }
            skipBlanks(&index, end)
        }
        guard let valueRange = token(&index, end), let value = ASCIINumber.double(bytes, valueRange) else { return false }
        skipBlanks(&index, end)
        var timestamp: Double? = nil
        if index < end, bytes[index] != 0x23 {
            guard let stampRange = token(&index, end), let stamp = ASCIINumber.double(bytes, stampRange),
                  stamp.isFinite else { return false }
            timestamp = stamp
            skipBlanks(&index, end)
        }
        guard index == end || bytes[index] == 0x23 else { return false }  // only an exemplar may follow
        let type = familyType(of: name)
        onSample(PrometheusSampleView(bytes: bytes, nameRange: name,
                                      labelRanges: UnsafeBufferPointer(rebasing: labels[0..<labelCount]),
                                      value: value, timestamp: timestamp, familyType: type))
        return true
    }

    /// `{a="x",b="y",}` starting at the `{`; leaves `index` after the `}`.
    private mutating func parseLabels(_ index: inout Int, _ end: Int) -> Bool {
        index += 1
        while true {
            skipBlanks(&index, end)
            guard index < end else { return false }
            if bytes[index] == 0x7D { index += 1; return true }  // }
            let keyStart = index
            guard Self.isNameStart(bytes[index]) else { return false }
            while index < end, Self.isNameByte(bytes[index]) { index += 1 }
            let key = keyStart..<index
            skipBlanks(&index, end)
            guard index < end, bytes[index] == 0x3D else { return false }  // =
            index += 1
            skipBlanks(&index, end)
            guard index < end, bytes[index] == 0x22 else { return false }  // "
            index += 1
            let valueStart = index
            var escaped = false
            while index < end, bytes[index] != 0x22 {
                if bytes[index] == 0x5C { escaped = true; index += 1 }
                index += 1
            }
            guard index < end else { return false }
            appendLabel(PrometheusLabelRange(key: key, value: valueStart..<index, isEscaped: escaped))
            index += 1
            skipBlanks(&index, end)
            guard index < end else { return false }
            if bytes[index] == 0x2C { index += 1 }  // ,
            else if bytes[index] != 0x7D { return false }
        }
    }

    private mutating func appendLabel(_ label: PrometheusLabelRange) {
        if labelCount == labels.count {
            let grown = UnsafeMutableBufferPointer<PrometheusLabelRange>.allocate(capacity: labels.count * 2)
            _ = grown.initialize(from: labels)
            labels.deallocate()
            labels = grown
        }
        labels[labelCount] = label
        labelCount += 1
    }

    /// The family type for a sample name: the TYPE'd family's, when the name is that family's
    /// name or one of its series (`_bucket`, `_sum`, `_count`, `_total`, `_created`, …).
    private func familyType(of name: Range<Int>) -> PrometheusMetricType {
        guard let family = typedFamily, name.count >= family.count,
              bytes.equal(name.lowerBound..<(name.lowerBound + family.count), family)
        else { return .untyped }
        if name.count == family.count { return typedType }
        let suffix = (name.lowerBound + family.count)..<name.upperBound
        for known: StaticString in ["_bucket", "_sum", "_count", "_total", "_created", "_gsum", "_gcount", "_info"]
            where bytes.matches(suffix, known) {
            return typedType
        }
        return .untyped
    }

    private func token(_ index: inout Int, _ end: Int) -> Range<Int>? {
        let start = index
        while index < end, !ASCIINumber.isBlank(bytes[index]) { index += 1 }
        return start < index ? start..<index : nil
    }

    @inline(__always)
    private func skipBlanks(_ index: inout Int, _ end: Int) {
        while index < end, ASCIINumber.isBlank(bytes[index]) { index += 1 }
    }

    @inline(__always)
    private static func isNameStart(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || byte == 0x5F || byte == 0x3A  // a-z A-Z _ :
    }

    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || ASCIINumber.isDigit(byte) }
}
