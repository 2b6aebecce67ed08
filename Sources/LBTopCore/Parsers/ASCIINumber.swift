#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from ASCII bytes, without building a `String` per field.
/// Used by every line-oriented parser (`/proc` files, Prometheus text).
enum ASCIINumber {
    static let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Space, tab, CR or LF: what separates fields in whole-file formats.
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == newline || byte == carriageReturn }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// An unsigned decimal integer filling `bytes[range]` exactly; nil if empty, not all digits or
    /// above `UInt64.max`.
    static func unsigned(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        guard !range.isEmpty, range.count <= 20 else { return nil }
        var value: UInt64 = 0
        for index in range {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        return value
    }

    /// A float in Go/Prometheus syntax filling `bytes[range]` exactly: `12`, `-3.5`, `2.4902385664e+10`,
    /// `.5`, `NaN`, `+Inf`, `-Inf`, `Inf`. nil when it is not a number. Read by the standard
    /// library in the C locale, so the process locale (set for curses) never changes the meaning.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
        Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
    }
}

/// Splits a byte buffer into lines (without the `\n`, and without a trailing `\r`).
struct ByteLines: Sequence, IteratorProtocol {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func next() -> Range<Int>? {
        guard position < bytes.count else { return nil }
        let start = position
        let base = bytes.baseAddress!
        let end: Int
        if let found = memchr(base + start, Int32(ASCIINumber.newline), bytes.count - start) {
            end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
        } else {
            end = bytes.count
        }
        position = end + 1
        var lineEnd = end
        if lineEnd > start, bytes[lineEnd - 1] == ASCIINumber.carriageReturn { lineEnd -= 1 }
        return start..<lineEnd
    }
}

/// Splits a line (or a one-line file) into fields separated by spaces, tabs, CR or LF.
struct ByteFields: Sequence, IteratorProtocol {
    let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes; position = range.lowerBound; end = range.upperBound
    }

    mutating func next() -> Range<Int>? {
        while position < end, ASCIINumber.isWhitespace(bytes[position]) { position += 1 }
        guard position < end else { return nil }
        let start = position
        while position < end, !ASCIINumber.isWhitespace(bytes[position]) { position += 1 }
        return start..<position
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether `self[range]` holds exactly the bytes of `text`.
    @inline(__always)
    func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count == text.utf8CodeUnitCount else { return false }
        return memcmp(baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
    }

    /// Whether `self[range]` starts with the bytes of `text`.
    @inline(__always)
    func hasPrefix(_ range: Range<Int>, _ text: StaticString) -> Bool {
        guard range.count >= text.utf8CodeUnitCount else { return false }
        return memcmp(baseAddress! + range.lowerBound, text.utf8Start, text.utf8CodeUnitCount) == 0
    }

    /// Whether two ranges of the buffer hold the same bytes.
    @inline(__always)
    func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        a.count == b.count && memcmp(baseAddress! + a.lowerBound, baseAddress! + b.lowerBound, a.count) == 0
    }

    /// `self[range]` decoded as UTF-8 (invalid bytes repaired).
    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range]), as: UTF8.self)
    }
}

/// Runs `body` over the contiguous bytes of `bytes` (no copy for arrays).
@inline(__always)
func withBytes<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let result = try bytes.withContiguousStorageIfAvailable(body) { return result }
    return try Array(bytes).withUnsafeBufferPointer(body)
}
