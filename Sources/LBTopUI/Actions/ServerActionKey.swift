/// The keys that act on servers (`d` `D` `r` `m` `w` `W` `space`).
public enum ServerActionKey: Hashable, Sendable {
    case drain
    /// `D`: drain even a backend's last serving server.
    case forceDrain
    case ready
    case maint
    /// Opens the weight prompt.
    case weight
    /// On a backend's detail: its advised weights.
    case applyAdvice
    /// `space`: marks or unmarks the selected server, so one confirmation covers several.
    case mark
}
