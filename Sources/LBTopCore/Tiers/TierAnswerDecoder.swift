/// A tier's answer read by its parser; a parser's complaint becomes the poll's `badPayload` error.
enum TierAnswerDecoder {
    /// The sample in a tier's answer, or a `badPayload` error naming what arrived.
    static func decode(_ bytes: ArraySlice<UInt8>, kind: TierSample.Kind) throws(CollectError) -> TierSample {
        do {
            return kind == .redis ? try RedisInfoParser.parse(bytes) : try MemcachedStatsParser.parse(bytes)
        } catch {
            throw CollectError(.badPayload, error.message)
        }
    }
}
