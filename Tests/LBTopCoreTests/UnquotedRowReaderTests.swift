import Testing
@testable import LBTopCore

/// The reader for unquoted rows must give exactly what the general scanner gives: same rows, same
/// skipped count, same errors, for real captures and for captures with bytes broken at random.
@Suite struct UnquotedRowReaderTests {
    /// A small seeded generator so a failure names a reproducible case.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func bothReaders(_ bytes: [UInt8]) -> (fast: Result<HAProxyStats, HAProxyCSVError>, general: Result<HAProxyStats, HAProxyCSVError>) {
        bytes.withUnsafeBufferPointer { buffer in
            (Result { () throws(HAProxyCSVError) in try HAProxyCSVParser.parse(buffer, readingUnquotedRowsAtOnce: true) },
             Result { () throws(HAProxyCSVError) in try HAProxyCSVParser.parse(buffer, readingUnquotedRowsAtOnce: false) })
        }
    }

    static let captures = ["haproxy/show-stat-2.6.csv", "haproxy/stats-2.6-http.csv", "haproxy/show-stat-states-2.6.csv",
                           "haproxy/show-stat-raw-bytes-2.6.csv", "haproxy/show-stat-before-reload-2.6.csv",
                           "haproxy/show-stat-after-reload-2.6.csv"]

    @Test(arguments: captures)
    func capturesReadTheSameEitherWay(name: String) throws {
        let bytes = try Fixture.bytes(name)
        let (fast, general) = bothReaders(bytes)
        #expect(try !fast.get().rows.isEmpty)
        #expect(fast == general)
    }

    @Test func brokenBytesReadTheSameEitherWay() throws {
        // Every kind of byte that changes how a row reads: separators, CR, signs, quotes, text.
        let replacements = Array(",\r\n-\"x09 #".utf8)
        var random = SplitMix64(state: 7)
        var originals: [[UInt8]] = []
        for name in Self.captures { originals.append(try Fixture.bytes(name)) }
        var differing: [String] = []
        var skippedSomewhere = false
        for trial in 0..<1500 {
            var bytes = originals[trial % originals.count]
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                // Past the header, so most bodies still parse and rows are compared.
                let firstRow = (bytes.firstIndex(of: UInt8(ascii: "\n")) ?? 0) + 1
                let at = Int.random(in: firstRow..<bytes.count, using: &random)
                bytes[at] = replacements.randomElement(using: &random)!
            }
            if trial % 5 == 0 { bytes.removeLast(Int.random(in: 0..<200, using: &random)) }
            let (fast, general) = bothReaders(bytes)
            if fast != general { differing.append("trial \(trial)") }
            if case .success(let stats) = fast, stats.skippedLines > 0 { skippedSomewhere = true }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        #expect(skippedSomewhere, "the broken bodies should exercise skipped rows")
    }

    @Test func aRowWithMoreFieldsThanRoomIsLeftToTheGeneralScanner() throws {
        let header = "# pxname,svname,type,status,\n"
        let long = "app,s1,2,UP" + String(repeating: ",", count: 200) + "\n"
        let csv = Array((header + long + "app,s2,2,DOWN,\n").utf8)
        let (fast, general) = bothReaders(csv)
        #expect(fast == general)
        let stats = try fast.get()
        #expect(stats.rows.map(\.name) == ["s2"] && stats.skippedLines == 1)
    }

    @Test func unquotedRowsAreTakenAndQuotedOnesLeft() throws {
        let header = Array("# pxname,svname,type,status,weight,last_chk,\n".utf8)
        let layout = try header.withUnsafeBufferPointer { try ColumnLayout(headerLine: UnsafeBufferPointer(rebasing: $0.dropLast())) }
        let numbers = UnsafeMutableBufferPointer<Int64>.allocate(capacity: StatField.allCases.count)
        let commas = UnsafeMutableBufferPointer<Int>.allocate(capacity: layout.count + 16)
        defer { numbers.deallocate(); commas.deallocate() }
        func read(_ line: String) -> (next: Int?, stats: HAProxyStats) {
            var stats = HAProxyStats()
            var strings = RepeatedStrings(columns: layout.count)
            let bytes = Array(line.utf8)
            let next = bytes.withUnsafeBufferPointer { buffer in
                layout.withTables { UnquotedRowReader.read(buffer, from: 0, layout: $0, commas: commas, numbers: numbers,
                                                           strings: &strings, into: &stats) }
            }
            return (next, stats)
        }
        let plain = read("app,s1,2,UP,7,Layer7 check passed,\r\n")
        #expect(plain.next == 36)   // just past the line feed
        #expect(plain.stats.rows.map { "\($0.name) \($0.status) \($0[.weight] ?? -1) \($0.lastCheck ?? "-")" }
                == ["s1 UP 7 Layer7 check passed"])
        let malformed = read("app,s1,2,UP,7x,ok,\n")
        #expect(malformed.next == 19 && malformed.stats.rows.isEmpty && malformed.stats.skippedLines == 1)
        // 18 digits is the most a number may have (as the general scanner reads it); a longer one
        // is unknown and its row is kept.
        #expect(read("app,s1,2,UP,-123456789012345678,ok,\n").stats.rows.first?[.weight] == -123456789012345678)
        let long = read("app,s1,2,UP,4611686018427387914,ok,\n").stats
        #expect(long.skippedLines == 0 && long.rows.map(\.name) == ["s1"] && long.rows.first?[.weight] == nil)
        #expect(read("app,s1,2,UP,46116860184273879x4,ok,\n").stats.skippedLines == 1)
        #expect(read("app,s1,2,UP,-,ok,\n").stats.skippedLines == 1)
        #expect(read("app,s1,2,UP,7,\"a,b\",\n").next == nil)
        #expect(read("app,s1,2,UP,7,ok,").next == nil)   // no line feed: maybe cut short
    }

    @Test func commaOffsetsMatchAByteByByteSearchAtEveryAlignment() {
        var random = SplitMix64(state: 11)
        let alphabet = Array(",,,a1-\r\n".utf8)
        let offsets = UnsafeMutableBufferPointer<Int>.allocate(capacity: 64 + 8)
        defer { offsets.deallocate() }
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...60, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let start = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
            let end = Int.random(in: start...bytes.count, using: &random)
            let expected = (start..<end).filter { bytes[$0] == UInt8(ascii: ",") }
            let count = bytes.withUnsafeBufferPointer { CommaFinder.offsets(in: $0, start..<end, into: offsets) }
            #expect(count.map { Array(offsets.prefix($0)) } == expected, "\(bytes) \(start)..<\(end)")
        }
        let tooMany = Array(repeating: UInt8(ascii: ","), count: 80)
        #expect(tooMany.withUnsafeBufferPointer { CommaFinder.offsets(in: $0, 0..<80, into: offsets) } == nil)
    }

    @Test func matchingBytesIsExact() {
        // Every byte value in every position: only the byte equal to the pattern is marked.
        for value in 0...255 {
            for position in 0..<8 {
                let word = UInt64(value) << (8 * position) | (0x2C2C_2C2C_2C2C_2C2C & ~(0xFF << (8 * position)))
                let expected: UInt64 = (value == 0x2C ? 0x8080_8080_8080_8080 : 0x8080_8080_8080_8080 & ~(0x80 << (8 * position)))
                #expect(CommaFinder.matchingBytes(word, 0x2C2C_2C2C_2C2C_2C2C) == expected)
            }
        }
    }
}
