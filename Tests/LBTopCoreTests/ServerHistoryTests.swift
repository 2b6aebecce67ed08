import Testing
@testable import LBTopCore

/// A server's history is one reference: copying a server snapshot retains one object.
struct ServerHistoryTests {
    @Test func aCopyIsOneReferenceAndSettingASeriesLeavesOtherCopiesAlone() {
        #expect(MemoryLayout<ServerHistory>.size == MemoryLayout<AnyObject>.size)
        let original = ServerHistory(requestRate: Series([1, 2]), share: Series([0.5]))
        var changed = original
        #expect(changed == original)
        changed.errorRate = Series([3])
        #expect(original.errorRate.isEmpty && changed.errorRate.values == [3])
        #expect(changed.requestRate.values == [1, 2] && changed.share.values == [0.5])   // the others kept
        #expect(changed != original)
        #expect(ServerHistory(requestRate: Series([1, 2])) == ServerHistory(requestRate: Series([1, 2])))
    }
}
