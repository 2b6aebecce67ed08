#if canImport(Glibc)
import CMallocTuning
import Foundation
import Testing

/// `lbtop_release_free_memory` (run every few seconds by the dashboard) gives freed heap pages
/// back: free() alone keeps pages below memory still in use resident.
struct FreeMemoryReleaseTests {
    private func residentAnonymousKB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    @Test func freedPagesBelowMemoryInUseLeaveTheResidentSet() throws {
        // 32 MB in 8 KB blocks (heap, not mmap), every page written; then all but every 64th
        // block freed, so each freed run sits below a block still in use and free() cannot
        // return it.
        let blockSize = 8 * 1024
        let blocks = (0..<4096).map { _ in
            let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
            block.initializeMemory(as: UInt8.self, repeating: 1, count: blockSize)
            return block
        }
        for (index, block) in blocks.enumerated() where index % 64 != 63 { block.deallocate() }
        defer { for (index, block) in blocks.enumerated() where index % 64 == 63 { block.deallocate() } }
        let before = try residentAnonymousKB()
        lbtop_release_free_memory()
        let after = try residentAnonymousKB()
        // ~31.5 MB were freed; other tests running alongside move the figure by a few MB.
        #expect(before - after > 16 * 1024, "RssAnon \(before) KB before, \(after) KB after")
    }
}
#endif
