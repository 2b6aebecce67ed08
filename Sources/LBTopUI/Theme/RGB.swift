/// A 24-bit colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// `0xRRGGBB`, the colour number a direct-colour terminal takes.
    public var packed: Int { Int(r) << 16 | Int(g) << 8 | Int(b) }
    public var description: String {
        "#" + [r, g, b].map { v in
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    /// The colour `fraction` (0…1) of the way from `self` to `other`.
    public func blend(to other: RGB, fraction: Double) -> RGB {
        let t = min(1, max(0, fraction))
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    /// Squared distance in RGB space (enough to pick the nearest palette entry).
    func distance(to other: RGB) -> Int {
        let dr = Int(r) - Int(other.r), dg = Int(g) - Int(other.g), db = Int(b) - Int(other.b)
        return dr * dr + dg * dg + db * db
    }
}
