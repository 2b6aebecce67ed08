/// HAProxy's request lines, default layouts (`option httplog`, `option tcplog`), and its server
/// events. Input: the message after the syslog header. Pure: bytes in, a `LogLine` out.
///
/// httplog: `%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc
/// %sq/%bq [{captured request headers}] [{captured response headers}] "%r"`;
/// tcplog: `%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq`.
/// Captured headers may hold spaces, so fields are read from the left up to `sq/bq` and the
/// request line is what follows the next `"`.
public enum HAProxyLogParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogLine {
        if let event = HAProxyEventParser.parse(bytes, range) { return .event(event) }
        var fields = LogBytes(bytes, range)
        guard let clientField = fields.token(), let client = fields.address(clientField),
              let date = fields.token(), bytes[date.lowerBound] == 0x5B, bytes[date.upperBound - 1] == 0x5D,
              let frontendField = fields.token(),
              let route = fields.token(), let slash = route.firstIndex(where: { bytes[$0] == LogBytes.slash }),
              let timersField = fields.token(),
              let timers = fields.split(timersField, by: LogBytes.slash, limit: 5)
        else { return .malformed }
        var request = LogRequest(format: timers.count == 5 ? .haproxyHTTP : .haproxyTCP,
                                 client: client, frontend: fields.string(frontendField))
        request.backend = fields.string(route.lowerBound..<slash)
        let serverRange = (slash + 1)..<route.upperBound
        request.server = fields.equals(serverRange, "<NOSRV>") ? nil : fields.string(serverRange)
        let parsed: Bool
        switch timers.count {
        case 5: parsed = readHTTP(&request, timers: timers, &fields)
        case 3: parsed = readTCP(&request, timers: timers, &fields)
        default: parsed = false
        }
        return parsed ? .request(request) : .malformed
    }

    /// `TR/Tw/Tc/Tr/Ta status bytes cookie cookie tsc counts queues … "request"`.
    private static func readHTTP(_ request: inout LogRequest, timers: [Range<Int>], _ fields: inout LogBytes) -> Bool {
        guard let requestTime = fields.timer(timers[0]), let queue = fields.timer(timers[1]),
              let connect = fields.timer(timers[2]), let response = fields.timer(timers[3]),
              let active = fields.timer(timers[4]),
              let statusField = fields.token(), let status = fields.timer(statusField),
              let bytesField = fields.token(), let sent = fields.timer(bytesField),
              fields.token() != nil, fields.token() != nil,
              let termination = fields.token(), termination.count == 4,
              readCounts(&request, &fields), let queues = fields.token(),
              fields.split(queues, by: LogBytes.slash, limit: 2)?.count == 2
        else { return false }
        _ = requestTime
        request.queueMs = queue; request.connectMs = connect; request.serverMs = response
        request.totalMs = active; request.status = status; request.bytes = sent
        request.termination = fields.string(termination)
        if fields.upTo(LogBytes.quote) != nil {
            readRequestLine(&request, &fields)
        }
        return true
    }

    /// `Tw/Tc/Tt bytes ts counts queues`.
    private static func readTCP(_ request: inout LogRequest, timers: [Range<Int>], _ fields: inout LogBytes) -> Bool {
        guard let queue = fields.timer(timers[0]), let connect = fields.timer(timers[1]),
              let total = fields.timer(timers[2]),
              let bytesField = fields.token(), let sent = fields.timer(bytesField),
              let termination = fields.token(), termination.count == 2,
              readCounts(&request, &fields), let queues = fields.token(),
              fields.split(queues, by: LogBytes.slash, limit: 2)?.count == 2, fields.token() == nil
        else { return false }
        request.queueMs = queue; request.connectMs = connect; request.totalMs = total; request.bytes = sent
        request.termination = fields.string(termination)
        return true
    }

    /// `ac/fc/bc/sc/rc`, `rc` prefixed with `+` when the request was redispatched.
    private static func readCounts(_ request: inout LogRequest, _ fields: inout LogBytes) -> Bool {
        guard let field = fields.token(), let counts = fields.split(field, by: LogBytes.slash, limit: 5),
              counts.count == 5 else { return false }
        var retries = counts[4]
        if !retries.isEmpty, fields.bytes[retries.lowerBound] == LogBytes.plus {
            request.redispatched = true
            retries = retries.dropFirst()
        }
        guard let value = ASCIINumber.unsigned(fields.bytes, retries), value < 1 << 31 else { return false }
        request.retries = Int(value)
        return true
    }

    /// `METHOD URI VERSION"`; the closing quote is missing when HAProxy cut the line (`len`), and
    /// then the URI is kept as far as it goes. `<BADREQ>` leaves method and path nil.
    private static func readRequestLine(_ request: inout LogRequest, _ fields: inout LogBytes) {
        var end = fields.end
        if end > fields.index, fields.bytes[end - 1] == LogBytes.quote { end -= 1 }
        var line = LogBytes(fields.bytes, fields.index..<end)
        guard let method = line.token(), !line.equals(method, "<BADREQ>") else { return }
        request.method = line.string(method)
        if let uri = line.token() { request.path = line.string(uri) }
    }
}

/// HAProxy's own messages about servers and backends, told apart from request lines by shape.
enum HAProxyEventParser {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogServerEvent? {
        var fields = LogBytes(bytes, range)
        guard let first = fields.token() else { return nil }
        let text = { fields.string(range.lowerBound..<trimmedEnd(bytes, range)) }
        if fields.equals(first, "Server") || fields.equals(first, "Health") {
            if fields.equals(first, "Health") {  // Health check for [backup ]server B/S succeeded/failed…
                guard let check = fields.token(), fields.equals(check, "check") else { return nil }
                _ = fields.token()
                var next = fields.token()
                if let word = next, fields.equals(word, "backup") { next = fields.token() }
                guard let word = next, fields.equals(word, "server") else { return nil }
            }
            guard let name = fields.token(), let slash = name.firstIndex(where: { bytes[$0] == LogBytes.slash })
            else { return nil }
            var event = LogServerEvent(kind: .other, backend: fields.string(name.lowerBound..<slash),
                                       server: fields.string((slash + 1)..<name.upperBound), text: text())
            if fields.equals(first, "Server"), let verb = fields.token(), fields.equals(verb, "is"),
               let state = fields.token() {
                if fields.equals(state, "DOWN,") || fields.equals(state, "DOWN") || fields.equals(state, "DOWN.") {
                    event.kind = .serverDown
                } else if fields.equals(state, "going"), let next = fields.token(), fields.equals(next, "DOWN") {
                    event.kind = .serverMaintenance
                } else if state.count >= 2, bytes[state.lowerBound] == 0x55, bytes[state.lowerBound + 1] == 0x50 {  // UP…
                    event.kind = .serverUp
                }
            }
            return event
        }
        if fields.equals(first, "backend") || fields.equals(first, "Proxy") || fields.equals(first, "proxy") {
            guard let name = fields.token() else { return nil }
            guard let verb = fields.token() else { return nil }
            var event = LogServerEvent(kind: .other, backend: fields.string(name), text: text())
            if fields.equals(first, "backend"), fields.equals(verb, "has"), let word = fields.token(), fields.equals(word, "no") {
                event.kind = .backendDown
            } else if fields.equals(first, "backend") {
                return nil
            }
            return event
        }
        return nil
    }

    private static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var end = range.upperBound
        while end > range.lowerBound, bytes[end - 1] == LogBytes.space { end -= 1 }
        return end
    }
}
