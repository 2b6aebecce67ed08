import Testing
@testable import LBTopCore

/// A server's history is one reference: copying a server snapshot retains one object.
struct ServerHistoryTests {
    @Test func aCopyIsOneReferenceAndANewHistoryLeavesOtherCopiesAlone() {
        #expect(MemoryLayout<ServerHistory>.size == MemoryLayout<AnyObject>.size)
        let original = ServerSnapshot(id: ServerID(target: TargetID("t"), backend: "app", server: "a"),
                                      state: ServerState(kind: .up),
                                      history: ServerHistory(requestRate: Series([1, 2]), share: Series([0.5])))
        var changed = original
        #expect(changed.history == original.history)
        changed.history = ServerHistory(requestRate: changed.history.requestRate, errorRate: Series([3]),
                                        share: changed.history.share)
        #expect(original.history.errorRate.isEmpty && changed.history.errorRate.values == [3])
        #expect(changed.history.requestRate.values == [1, 2] && changed.history.share.values == [0.5])   // the others kept
        #expect(changed.history != original.history)
        #expect(ServerHistory(requestRate: Series([1, 2])) == ServerHistory(requestRate: Series([1, 2])))
    }
}
