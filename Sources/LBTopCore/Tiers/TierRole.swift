/// What a tier does for the service: a cache, or the shared session store (whose loss logs every
/// user out, so its being down is critical).
public enum TierRole: String, Sendable, Codable, CaseIterable {
    case cache
    case sessionStore = "session-store"
}
