import NIOConcurrencyHelpers

/// One request-log input (`--log URL`, `[[log]]`): its receiving thread starts at the first poll
/// (a failed bind is that poll's error, retried at the next), and each poll hands over what
/// arrived since the one before as a framed `LogBatch` (so a recording keeps the lines). The
/// input stops when the collector is released.
public struct LogCollector: Collector {
    public let id: TargetID
    public let url: LogInputURL
    public var role: TargetStatus.Role { .log }
    public var displayURL: String { url.description }
    private let input: Input

    /// - Parameter fromStart: a followed file is read from its start (`--log-from-start`), not its end.
    public init(id: TargetID? = nil, url: LogInputURL, fromStart: Bool = false,
                byteCapacity: Int = 32 << 20, lineCapacity: Int = 400_000) {
        self.id = id ?? TargetID(url.description)
        self.url = url
        self.input = Input(url: url, fromStart: fromStart,
                           intake: LogIntake(byteCapacity: byteCapacity, lineCapacity: lineCapacity))
    }

    public var decoder: PayloadDecoder { .logLines }

    /// What arrived since the last poll, framed (`LogBatch.framed()`).
    public func fetch() async throws -> [UInt8] {
        try input.startIfNeeded()
        return input.intake.drain().framed()
    }

    /// Owns the intake and the started flag; stops the thread when released.
    private final class Input: Sendable {
        let url: LogInputURL
        let fromStart: Bool
        let intake: LogIntake
        private let started = NIOLockedValueBox(false)

        init(url: LogInputURL, fromStart: Bool, intake: LogIntake) {
            self.url = url; self.fromStart = fromStart; self.intake = intake
        }

        func startIfNeeded() throws {
            try started.withLockedValue { started in
                guard !started else { return }
                switch url {
                case .udp, .unixDatagram: try DatagramLogReceiver.start(url, into: intake)
                case .file(let path): FollowedLogFile.start(path: path, fromStart: fromStart, into: intake)
                }
                started = true
            }
        }

        deinit { intake.stop() }
    }
}
