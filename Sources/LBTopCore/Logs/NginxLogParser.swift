/// nginx access lines in the `log_format lbtop` the README gives:
/// `$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
/// "$http_user_agent" $upstream_addr $upstream_status $upstream_response_time $request_time
/// $proxy_host $upstream_cache_status`. The three `$upstream_*` lists hold spaces (`a, b : c`),
/// so they are read as lists, and the last three fields from the right. Pure: bytes in, a line out.
public enum NginxLogParser {
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> LogLine {
        var fields = LogBytes(bytes, range)
        guard let clientField = fields.token(), let dash = fields.token(), fields.equals(dash, "-"),
              fields.token() != nil, fields.skip(0x5B), fields.upTo(0x5D) != nil,
              fields.skip(LogBytes.quote), let requestLine = fields.upTo(LogBytes.quote),
              let statusField = fields.token(), let status = fields.timer(statusField),
              let bytesField = fields.token(), let sent = fields.timer(bytesField),
              fields.skip(LogBytes.quote), fields.upTo(LogBytes.quote) != nil,
              fields.skip(LogBytes.quote), fields.upTo(LogBytes.quote) != nil
        else { return .malformed }
        var tokens: [Range<Int>] = []
        while let token = fields.token() {
            tokens.append(token)
            if tokens.count > 512 { return .malformed }
        }
        // addresses, statuses, times (lists), request_time, proxy_host, cache status.
        guard tokens.count >= 6 else { return .malformed }
        let tail = tokens.suffix(3)
        guard let lists = UpstreamLists.split(Array(tokens.dropLast(3)), in: fields), lists.count == 3,
              let requestTime = fields.seconds(tail[tail.startIndex])
        else { return .malformed }
        var request = LogRequest(format: .nginx, client: fields.string(clientField), status: status,
                                 bytes: sent, totalMs: requestTime)
        let proxyHost = fields.string(tail[tail.startIndex + 1])
        let cache = fields.string(tail[tail.startIndex + 2])
        guard let tries = UpstreamLists.tries(addresses: lists[0], statuses: lists[1], times: lists[2], fields) else {
            return .malformed
        }
        NginxRequestFields.fill(&request, requestLine: fields.string(requestLine), proxyHost: proxyHost,
                                cacheStatus: cache, tries: tries)
        return .request(request)
    }
}

/// The parts both nginx layouts share: the request line, the upstream block and its tries.
enum NginxRequestFields {
    static func fill(_ request: inout LogRequest, requestLine: String, proxyHost: String, cacheStatus: String,
                     tries: [LogUpstreamTry]) {
        let parts = requestLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        if parts.count >= 2 {
            request.method = String(parts[0])
            request.path = String(parts[1])
        }
        request.backend = proxyHost.isEmpty || proxyHost == "-" ? nil : proxyHost
        request.cacheStatus = cacheStatus.isEmpty || cacheStatus == "-" ? nil : cacheStatus
        // The block's own name in `$upstream_addr` means no server was live: no server answered.
        // (`proxy_pass http://host:port` makes `$proxy_host` that address: a server.)
        let live = tries.filter { $0.address != "-" && ($0.address != proxyHost || $0.address.contains(":")) }
        request.tries = tries.filter { $0.address != "-" }
        request.retries = max(0, request.tries.count - 1)
        if let last = tries.last, live.last == last {
            request.server = last.address
            request.serverMs = last.responseMs
        }
    }
}

/// `$upstream_addr`, `$upstream_status` and `$upstream_response_time` as lists: tries inside a
/// block are joined by `, `, internal redirects join blocks with ` : `.
enum UpstreamLists {
    /// Groups space-separated tokens into lists: a token ending in `,` or followed by `:` continues
    /// its list.
    static func split(_ tokens: [Range<Int>], in fields: LogBytes) -> [[Range<Int>]]? {
        var lists: [[Range<Int>]] = []
        var current: [Range<Int>] = []
        var continues = false
        for token in tokens {
            if fields.equals(token, ":") {
                guard !current.isEmpty else { return nil }
                continues = true
                continue
            }
            var item = token
            let endsWithComma = fields.bytes[token.upperBound - 1] == LogBytes.comma
            if endsWithComma { item = token.lowerBound..<(token.upperBound - 1) }
            if !continues && !current.isEmpty {
                lists.append(current)
                current = []
            }
            current.append(item)
            continues = endsWithComma
        }
        guard !continues else { return nil }
        if !current.isEmpty { lists.append(current) }
        return lists
    }

    static func tries(addresses: [Range<Int>], statuses: [Range<Int>], times: [Range<Int>], _ fields: LogBytes) -> [LogUpstreamTry]? {
        guard statuses.count == addresses.count, times.count == addresses.count else {
            // `-` alone stands for every list when nothing was proxied.
            guard addresses.count == 1, fields.equals(addresses[0], "-") else { return nil }
            return []
        }
        var tries: [LogUpstreamTry] = []
        tries.reserveCapacity(addresses.count)
        for index in addresses.indices {
            guard let status = fields.timer(statuses[index]) ?? (fields.equals(statuses[index], "-") ? .some(nil) : nil),
                  let time = fields.seconds(times[index]) else { return nil }
            tries.append(LogUpstreamTry(address: fields.string(addresses[index]), status: status, responseMs: time))
        }
        return tries
    }
}
