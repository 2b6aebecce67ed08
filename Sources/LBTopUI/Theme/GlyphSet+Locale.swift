extension GlyphSet {
    /// ASCII when asked for (`--ascii`) or when the locale cannot show UTF-8; Unicode otherwise.
    public static func choose(forceASCII: Bool, localeIsUTF8: Bool) -> GlyphSet {
        forceASCII || !localeIsUTF8 ? .ascii : .unicode
    }
}
