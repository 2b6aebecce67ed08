import LBTopCore

/// Shared settings for every collector built from the command line or config.
struct CollectorSettings: Sendable {
    var limits = TransportLimits()
    var credentials: HTTPCredentials? = HTTPCredentials.fromEnvironment()
    var caFile: String?
    /// `ssh_config` from the config: passed to ssh as `-F` for `ssh://` nodes.
    var sshConfig: String?
    var tierCredentials: TierCredentials? = TierCredentials.fromEnvironment()
}

/// Maps a target URL to the collector that polls it, by scheme. The one place to add a kind of
/// target.
enum CollectorFactory {
    /// A target URL from the command line or a `[[target]]`: `http(s)://…` (HAProxy stats page),
    /// `unix:///…` (HAProxy stats socket), or a cache tier (`redis://…`, `memcached://…`).
    static func balancer(_ text: String, settings: CollectorSettings) throws -> any Collector {
        let url = try TargetURL(text)
        switch url.scheme {
        case .http, .https, .unix, .local:
            return try HAProxyCollector(url: url, limits: settings.limits, credentials: settings.credentials,
                                        caFile: settings.caFile)
        case .redis, .memcached:
            return try tier(url, name: nil, role: .cache, credentials: url.scheme == .redis ? settings.tierCredentials : nil,
                            settings: settings)
        }
    }

    /// A cache or session tier: `redis://host:6379` or `memcached://host:11211`.
    static func tier(_ url: TargetURL, name: String?, role: TierRole, credentials: TierCredentials?,
                     settings: CollectorSettings) throws -> any Collector {
        try TierCollector(url: url, name: name, tierRole: role, limits: settings.limits, credentials: credentials)
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
