/// Something that draws itself into a rectangle of a screen (ratatui's `Widget`). Widgets are
/// values rebuilt every frame; they never draw outside `rect`.
public protocol Widget {
    func render<S: Screen>(in rect: Rect, on screen: inout S)
}
