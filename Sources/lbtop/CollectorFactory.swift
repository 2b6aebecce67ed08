import LBTopCore

/// Shared settings for every collector built from the command line or config.
struct CollectorSettings: Sendable {
    var limits = TransportLimits()
    var credentials: HTTPCredentials? = HTTPCredentials.fromEnvironment()
    var caFile: String?
    /// `ssh_config` from the config: passed to ssh as `-F` for `ssh://` nodes.
    var sshConfig: String?
}

/// Maps a target URL to the collector that polls it, by scheme. The one place to add a kind of
/// target.
enum CollectorFactory {
    /// A balancer target: `http(s)://…` (HAProxy stats page) or `unix:///…` (HAProxy stats socket).
    static func balancer(_ text: String, settings: CollectorSettings) throws -> any Collector {
        try HAProxyCollector(url: try TargetURL(text), limits: settings.limits, credentials: settings.credentials,
                             caFile: settings.caFile)
    }

    /// A node target: `local` (this machine's /proc), a node_exporter URL or `ssh://` (/proc through ssh).
    static func node(_ spec: NodeTargetSpec, settings: CollectorSettings) throws -> any Collector {
        switch spec.location {
        case .local(let procRoot):
            return ProcNodeCollector(spec: spec, root: procRoot)
        case .exporter(let url):
            let transport = try HTTPTransport(url: url, limits: settings.limits, credentials: settings.credentials,
                                              caFile: settings.caFile)
            return NodeExporterCollector(spec: spec, transport: transport)
        case .ssh(let destination):
            return SSHNodeCollector(spec: spec, destination: destination, configFile: settings.sshConfig)
        }
    }
}
