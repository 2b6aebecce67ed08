/// Collects a node's resources from `/proc` on another machine through the system `ssh`: one
/// long-lived connection per node (`SSHSession`), one round trip per poll, read by the same
/// parsers as `--node local`.
public struct SSHNodeCollector: Collector {
    public let id: TargetID
    public let role = TargetStatus.Role.node
    public let displayURL: String
    public let spec: NodeTargetSpec
    private let session: SSHSession

    /// USER_HZ, the unit of `/proc/stat`: 100 on every common Linux architecture.
    static let remoteTicksPerSecond = 100.0

    /// - Parameters:
    ///   - configFile: passed to ssh as `-F` (nil: the user's own config).
    ///   - searchPath: the `PATH` the ssh client is looked up in (nil: lbtop's own).
    public init(spec: NodeTargetSpec, destination: SSHDestination, configFile: String?, searchPath: String? = nil) {
        self.spec = spec
        self.id = TargetID(spec.id.rawValue)
        self.displayURL = destination.url
        self.session = SSHSession(destination: destination, configFile: configFile, searchPath: searchPath)
    }

    public var name: String { spec.name }
    public var host: String? { spec.host }

    public var decoder: PayloadDecoder { .proc }

    /// The remote `/proc` files with the host's name and addresses, framed as `local` frames its
    /// own (so a recording replays them through the same reader); an answer without a usable
    /// `/proc/stat` or `/proc/meminfo` fails here, in the words of an ssh node.
    public func fetch() async throws -> [UInt8] {
        let (answer, identity) = try await session.poll()
        _ = try Self.sample(answer, identity: identity)
        return ProcFiles.Framed(files: answer.procFiles, hostname: identity.hostname, addresses: identity.addresses,
                                ticksPerSecond: Self.remoteTicksPerSecond).bytes
    }

    public func close() async { await session.close() }

    /// The node sample in a poll answer; throws when `/proc/stat` or `/proc/meminfo` is unusable.
    static func sample(_ answer: RemoteAnswer, identity: RemoteHostIdentity) throws(CollectError) -> NodeSample {
        var sample = ProcNodeReader.read(answer.procFiles, ticksPerSecond: remoteTicksPerSecond, hostname: identity.hostname)
        sample.addresses = identity.addresses
        if let missing = answer.missing.first(where: { $0 == "/proc/stat" || $0 == "/proc/meminfo" }) {
            throw CollectError(.badPayload, "the remote has no \(missing) (an ssh:// node reads Linux /proc)")
        }
        guard sample.cpu != nil, sample.memoryTotalBytes != nil else {
            throw CollectError(.badPayload, "no cpu line in the remote /proc/stat or no MemTotal in its /proc/meminfo")
        }
        return sample
    }
}
