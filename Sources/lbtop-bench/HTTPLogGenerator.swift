import LBTopCore

/// One second of HAProxy `option httplog` traffic as UDP syslog datagrams: `lines` requests over
/// `backends` × `serversPerBackend` servers, 200 paths, 1,000 clients, times spread 1–400 ms, one
/// in fifty a 5xx with a server-side termination.
struct HTTPLogGenerator {
    var backends = 10
    var serversPerBackend = 10
    var lines = 50_000
    /// Server names are this and a number (`s0`, `s1`, …).
    var serverPrefix = "s"

    func batch(seed: Int) -> LogBatch {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines * 190)
        for index in 0..<lines {
            let mixed = (index &* 2_654_435_761 &+ seed) & 0x7fff_ffff
            let backend = mixed % backends
            let server = (mixed / backends) % serversPerBackend
            let response = 1 + (mixed / 7) % 400
            let failed = mixed % 50 == 0
            let line = "<134>Dec  2 00:42:11 haproxy[3622]: 10.1.\((mixed / 13) % 4).\((mixed / 17) % 250):\(40000 + index % 20000)"
                + " [02/Dec/2026:00:42:11.560] web app\(backend)/\(serverPrefix)\(server) 0/0/1/\(response)/\(response + 1)"
                + " \(failed ? 504 : 200) \(150 + mixed % 900) - - \(failed ? "sHNN" : "--NI") 12/12/3/1/0 0/0"
                + " \"GET /api/v1/items/\(mixed % 200)?page=\(mixed % 7) HTTP/1.1\"\n"
            bytes.append(contentsOf: line.utf8)
        }
        return LogBatch(bytes: bytes, lineCount: lines)
    }
}
