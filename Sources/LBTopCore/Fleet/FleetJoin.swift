/// Joining a fleet's servers to nodes. HAProxy's exporter names no server address
/// (`../shared/FORMATS.md` §15), so the address comes from a direct CSV target of the same
/// balancer — same host, backend and server name — when one is polled too; otherwise the node
/// joins by the config's `servers` list or by a host name equal to the server's name.
enum FleetJoin {
    /// Gives each fleet server without an address the `addr` of the same server on a direct
    /// target whose host is the fleet instance's host.
    static func learnAddresses(_ servers: inout [ServerSnapshot], fleet: Set<TargetID>, direct: [TargetID: String]) {
        guard !fleet.isEmpty, !direct.isEmpty else { return }
        var known: [String: String] = [:]
        for server in servers {
            guard let host = direct[server.id.target], let address = server.address, !address.isEmpty else { continue }
            known[key(host, server.id)] = address
        }
        guard !known.isEmpty else { return }
        for index in servers.indices where servers[index].address == nil && fleet.contains(servers[index].id.target) {
            guard let host = FleetSample.host(ofInstance: servers[index].id.target.rawValue) else { continue }
            if let address = known[key(host, servers[index].id)] { servers[index].address = address }
        }
    }

    /// What to say when some of a fleet's servers joined no node (nil when all did, or when there
    /// are no nodes to join): those without an address (HAProxy's exporter gives none) apart from
    /// those whose address no node has (Traefik's and Caddy's servers are addresses).
    static func note(servers: [ServerSnapshot], members: Set<TargetID>, nodeCount: Int) -> String? {
        guard nodeCount > 0 else { return nil }
        var total = 0, unaddressed = 0, unmatched = 0
        for server in servers where members.contains(server.id.target) {
            total += 1
            guard server.node == nil else { continue }
            if server.address == nil { unaddressed += 1 } else { unmatched += 1 }
        }
        guard unaddressed + unmatched > 0 else { return nil }
        var reasons: [String] = []
        if unaddressed > 0 {
            reasons.append("the HAProxy exporter gives no server address (list them in servers = [...], name a node "
                + "as the server, or also poll the balancer's CSV)")
        }
        if unmatched > 0 { reasons.append("\(unmatched) with an address no node has") }
        return "\(unaddressed + unmatched) of \(total) servers not joined to a node: " + reasons.joined(separator: "; ")
    }

    private static func key(_ host: String, _ id: ServerID) -> String {
        HostAddress.joinKey(host) + "\u{0}" + id.backend + "\u{0}" + id.server
    }

    /// The host a direct balancer target runs on: its URL's host, this machine for a socket.
    static func host(ofTarget displayURL: String) -> String? {
        guard let url = try? TargetURL(displayURL) else { return nil }
        if url.scheme == .unix { return "localhost" }
        return url.host.map(HostAddress.unbracketed)
    }
}

extension FleetSample {
    /// The host part of an `instance` label (`10.0.0.5:9100` → `10.0.0.5`).
    public static func host(ofInstance instance: String) -> String? {
        guard let parts = HostAddress.split(instance), !parts.host.isEmpty else { return nil }
        return parts.host
    }
}
