/// nginx `$upstream_cache_status` read as a cache lookup: whether the cache served the request.
enum CacheStatus {
    /// True for a request the cache served (`HIT`, `STALE`, `UPDATING`, `REVALIDATED`), false for
    /// one it had to fetch (`MISS`, `EXPIRED`), nil for one that never looked (`BYPASS`, other).
    static func servedFromCache(_ status: String) -> Bool? {
        switch status {
        case "HIT", "STALE", "UPDATING", "REVALIDATED": return true
        case "MISS", "EXPIRED": return false
        default: return nil
        }
    }
}
