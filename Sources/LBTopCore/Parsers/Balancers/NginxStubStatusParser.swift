/// Reads nginx's `stub_status` page: the connections and requests of the whole server, one
/// frontend row named `nginx` (open-source nginx has nothing per upstream).
///
/// ```
/// Active connections: 291
/// server accepts handled requests
///  16630948 16630948 31070465
/// Reading: 6 Writing: 179 Waiting: 106
/// ```
public enum NginxStubStatusParser {
    public static func parse(_ bytes: some Collection<UInt8>) throws(CollectError) -> BalancerSample {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: " ", omittingEmptySubsequences: true)
        }
        guard lines.count >= 3, lines[0].starts(with: ["Active", "connections:"]), lines[0].count == 3,
              let active = Int64(lines[0][2]), lines[1].first == "server", lines[2].count == 3,
              let accepts = Int64(lines[2][0]), let handled = Int64(lines[2][1]), let requests = Int64(lines[2][2])
        else {
            throw CollectError(.badPayload, "not an nginx stub_status page")
        }
        var row = StatRow(proxy: "nginx", name: "FRONTEND", kind: .frontend, status: "OPEN")
        row[.scur] = active
        row[.connTot] = accepts
        row[.stot] = handled
        row[.reqTot] = requests
        row.mode = "http"
        return BalancerSample(format: PayloadFormat.nginxStubStatus.rawValue, rows: [row])
    }
}
