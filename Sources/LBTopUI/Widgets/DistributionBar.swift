import LBTopCore

/// How a backend's traffic is spread over its servers, on one line: each server a segment as wide
/// as its share of the backend's requests, adjacent segments in alternating fills (`█`/`▓`,
/// ASCII `#`/`=`) so they stay apart without colour. A segment's role compares its share with its
/// fair share by weight: `.ok` up to 1.5×, `.warn` above, `.critical` above 2× — so traffic piling
/// onto one server is one long red segment. A stale server's segment is `.stale`; a backend with
/// no traffic is an empty bar in `.muted`.
public struct DistributionBar: Widget {
    public var servers: ArraySlice<ServerSnapshot>
    public var glyphs: GlyphSet
    public var thresholds: Thresholds

    public init(servers: ArraySlice<ServerSnapshot>, glyphs: GlyphSet = .unicode,
                thresholds: Thresholds = .shareRatio) {
        self.servers = servers; self.glyphs = glyphs; self.thresholds = thresholds
    }

    public func render<S: Screen>(in rect: Rect, on screen: inout S) {
        guard !rect.isEmpty else { return }
        let width = rect.width
        var total = 0.0
        for server in servers { total += max(0, server.share ?? 0) }
        let line = Rect(x: rect.x, y: rect.y, width: width, height: 1)
        screen.fill(line, with: glyphs.barEmpty, style: Style(.muted))
        guard total > 0 else { return }
        // Shares are normalised so rounding never leaves a hole or spills past the end.
        var cumulative = 0.0, start = 0, parity = 0
        for server in servers {
            let share = max(0, server.share ?? 0)
            guard share > 0 else { continue }
            cumulative += share
            let end = min(width, Int((cumulative / total * Double(width)).rounded()))
            if end > start {
                let glyph = parity == 0 ? glyphs.barFull : glyphs.barAlternate
                screen.fill(Rect(x: rect.x + start, y: rect.y, width: end - start, height: 1),
                            with: glyph, style: Style(role(of: server)))
                parity ^= 1
                start = end
            }
        }
    }

    /// The role of a server's segment: its share over its fair share against the thresholds.
    public func role(of server: ServerSnapshot) -> ThemeRole {
        if server.isStale { return .stale }
        guard let ratio = Self.ratio(of: server) else { return .ok }
        return thresholds.role(for: ratio)
    }

    /// Share over fair share; infinite for traffic to a server with no fair share (a backup);
    /// nil when the share is unknown.
    public static func ratio(of server: ServerSnapshot) -> Double? {
        guard let share = server.share else { return nil }
        guard let fair = server.fairShare, fair > 0 else { return share > 0 ? .infinity : nil }
        return share / fair
    }

    /// The server furthest above its fair share, when any server is above it.
    public static func mostOverloaded(_ servers: ArraySlice<ServerSnapshot>) -> ServerSnapshot? {
        var best: ServerSnapshot?, bestRatio = 1.0
        for server in servers where !server.isStale {
            if let ratio = ratio(of: server), ratio > bestRatio { best = server; bestRatio = ratio }
        }
        return best
    }
}
