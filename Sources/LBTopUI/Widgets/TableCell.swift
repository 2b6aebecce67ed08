import LBTopCore

/// What one cell of a `TableWidget` shows. Views build cells only for the rows on screen.
public enum TableCell {
    case text(String, Style)
    /// A sparkline of the series' last values; `max` nil = the series' own maximum.
    case sparkline(Series, max: Double?, coloring: SparklineWidget.Coloring)
    /// A bar filled to `fraction` (0…1).
    case bar(fraction: Double, style: Style)
    /// Each server's share of a backend against its fair share.
    case distribution(ArraySlice<ServerSnapshot>)
    case empty

    public static func text(_ text: String, _ role: ThemeRole = .text) -> TableCell {
        .text(text, Style(role))
    }
}
