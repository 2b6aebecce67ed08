/// Generates a Prometheus text exposition body of about `lines` lines in node_exporter's shape:
/// HELP/TYPE per family, labelled counters and gauges, a histogram.
enum PrometheusBodyGenerator {
    static func body(lines: Int) -> [UInt8] {
        var out = ""
        out.reserveCapacity(lines * 70)
        var written = 0
        var family = 0
        while written < lines {
            let name = "node_family\(family)_seconds_total"
            out += "# HELP \(name) Seconds the CPUs spent in each mode.\n# TYPE \(name) counter\n"
            written += 2
            for cpu in 0..<32 where written < lines {
                for mode in ["idle", "iowait", "system", "user"] where written < lines {
                    out += "\(name){cpu=\"\(cpu)\",mode=\"\(mode)\"} \(cpu * 1000 + family).\(written % 100)\n"
                    written += 1
                }
            }
            let histogram = "node_request_duration\(family)_seconds"
            out += "# TYPE \(histogram) histogram\n"
            written += 1
            for bound in ["0.005", "0.01", "0.05", "0.1", "0.5", "1", "+Inf"] where written < lines {
                out += "\(histogram)_bucket{handler=\"/metrics\",le=\"\(bound)\"} \(family * 10 + written % 7)\n"
                written += 1
            }
            out += "\(histogram)_sum{handler=\"/metrics\"} 1.5e+01\n\(histogram)_count{handler=\"/metrics\"} 42\n"
            written += 2
            family += 1
        }
        return Array(out.utf8)
    }
}
