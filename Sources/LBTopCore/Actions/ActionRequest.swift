/// What the engineer asked for: one command per server (several servers after marking rows, one
/// weight each when advice is applied), confirmed once.
public struct ActionRequest: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var server: ServerID
        public var command: ServerCommand
        public init(server: ServerID, command: ServerCommand) { self.server = server; self.command = command }
    }

    public var items: [Item]
    /// `D`: may take a backend's last serving server out (still confirmed).
    public var forced: Bool

    public init(items: [Item], forced: Bool = false) { self.items = items; self.forced = forced }

    /// The same command on every server.
    public init(_ command: ServerCommand, servers: [ServerID], forced: Bool = false) {
        self.init(items: servers.map { Item(server: $0, command: command) }, forced: forced)
    }
}

/// Which targets lbtop may act on, each with the transport that carries its actions. Targets not
/// listed are off: their keys say how to turn actions on and send nothing.
public struct ActionPolicy: Sendable {
    public var transports: [TargetID: any ServerActionTransport]

    public init(_ transports: [TargetID: any ServerActionTransport] = [:]) { self.transports = transports }

    public static let off = ActionPolicy()

    public var isEnabledAnywhere: Bool { !transports.isEmpty }

    /// The footer's answer to an action key on a target whose actions are off.
    public static let howToEnable = "actions are off: start lbtop with --allow-actions, or set actions = true under this [[target]] in the config"
}
