/// How many servers are in each state, counted once per snapshot so a frame reads four numbers
/// instead of walking every server.
public struct ServerTally: Sendable, Equatable {
    public var serving = 0
    public var failed = 0
    /// Administratively out (MAINT, DRAIN), free `server-template` slots not included.
    public var out = 0
    public var freeSlots = 0
    /// Servers listed, free slots not included.
    public var servers = 0

    public init(serving: Int = 0, failed: Int = 0, out: Int = 0, freeSlots: Int = 0, servers: Int = 0) {
        self.serving = serving; self.failed = failed; self.out = out; self.freeSlots = freeSlots; self.servers = servers
    }

    public init(_ servers: [ServerSnapshot]) {
        for index in servers.indices {   // the state in place, not a copy of each server
            let state = servers[index].state
            if state.isServing { serving += 1 } else if state.isFailed { failed += 1 }
            else if state.isAdministrativelyOut { out += 1 } else if state.isFreeSlot { freeSlots += 1 }
        }
        self.servers = servers.count - freeSlots
    }
}
