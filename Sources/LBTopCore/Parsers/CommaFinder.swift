/// Finds the commas of a line eight bytes at a time: each 8-byte word is compared with `,` in
/// every byte at once (SWAR, exact: no false matches), and the matches' offsets are written
/// without a branch per comma, so a line of a hundred short fields costs a few instructions per
/// word rather than a test and a jump per byte.
enum CommaFinder {
    /// Writes the offset of every comma in `buffer[range]`, in order, into `offsets` and returns
    /// how many there are; nil when they do not fit (`offsets` needs 8 slots of slack).
    static func offsets(in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                        into offsets: UnsafeMutableBufferPointer<Int>) -> Int? {
        guard let base = buffer.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let limit = offsets.count - 8
        var count = 0
        var index = range.lowerBound
        let end = range.upperBound
        while index + 8 <= end {
            guard count <= limit else { return nil }
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            var mask = matchingBytes(word, comma)
            // One bit per match at bit 7 of its byte: shifted to bit 0 and summed into the top
            // byte by one multiplication (cheaper than a popcount emulated without the instruction).
            let found = Int(truncatingIfNeeded: ((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
            // Eight stores whatever the count: slots past `found` are overwritten later.
            for slot in 0..<8 {
                offsets[count &+ slot] = index &+ mask.trailingZeroBitCount >> 3
                mask &= mask &- 1
            }
            count &+= found
            index &+= 8
        }
        while index < end {
            if base[index] == ASCII.comma {
                guard count < offsets.count else { return nil }
                offsets[count] = index
                count += 1
            }
            index += 1
        }
        return count
    }

    private static let comma: UInt64 = 0x2C2C_2C2C_2C2C_2C2C
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The high bit of each byte of `word` that equals the byte repeated in `pattern`, and no other.
    @inline(__always)
    static func matchingBytes(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let difference = word ^ pattern
        // A byte's high bit survives only when the byte is 0: its low seven bits plus 0x7F stay
        // below 0x80 and its own high bit is clear. No carry crosses bytes.
        return ~(((difference & low7) &+ low7) | difference | low7)
    }
}
