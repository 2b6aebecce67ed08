#if canImport(Glibc)
import CMallocTuning
import Glibc
import Testing

/// `lbtop_release_free_memory` (run every few seconds by the dashboard) gives freed heap pages
/// back: free() alone keeps pages below memory still in use resident.
struct FreeMemoryReleaseTests {
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Pages of `block` (whole pages inside it only) that are resident, by `mincore`: the
    /// figure is about these addresses, whatever other tests allocate meanwhile.
    private func residentPages(in blocks: [UnsafeMutableRawPointer], blockSize: Int) -> (resident: Int, total: Int) {
        let page = Self.pageSize
        var resident = 0, total = 0
        for block in blocks {
            let first = (Int(bitPattern: block) + page - 1) / page * page
            let end = (Int(bitPattern: block) + blockSize) / page * page
            guard end > first else { continue }
            let count = (end - first) / page
            var flags = [UInt8](repeating: 0, count: count)
            let done = flags.withUnsafeMutableBufferPointer {
                mincore(UnsafeMutableRawPointer(bitPattern: first), end - first, $0.baseAddress)
            }
            guard done == 0 else { continue }
            total += count
            resident += flags.filter { $0 & 1 == 1 }.count
        }
        return (resident, total)
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
        let freed = blocks.enumerated().filter { $0.offset % 64 != 63 }.map(\.element)
        for block in freed { block.deallocate() }
        defer { for (index, block) in blocks.enumerated() where index % 64 == 63 { block.deallocate() } }
        let before = residentPages(in: freed, blockSize: blockSize)
        lbtop_release_free_memory()
        let after = residentPages(in: freed, blockSize: blockSize)
        // Freed pages stay resident until trimmed; after it, nearly all are gone (a block reused
        // by another test in the meantime is resident again, hence not all).
        #expect(before.total > 0 && before.resident * 10 > before.total * 9, "before: \(before)")
        #expect(after.resident * 10 < after.total, "after: \(after)")
    }
}
#endif
