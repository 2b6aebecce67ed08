/// Renders one demo node as node_exporter 1.5 would: the families lbtop reads, same names,
/// label layout and number formats (`2.4902385664e+10`-style values appear for large memory).
public enum DemoNodeMetrics {
    public static func render(_ server: DemoCluster.Server, second: Int, startEpoch: Double) -> String {
        let node = server.node
        var out = ""
        out.reserveCapacity(4_096)
        out += "# HELP node_boot_time_seconds Node boot time, in unixtime.\n# TYPE node_boot_time_seconds gauge\n"
        out += "node_boot_time_seconds \(number(startEpoch - 5_000))\n"
        out += "# HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.\n# TYPE node_cpu_seconds_total counter\n"
        for cpu in 0..<NodeCounters.cpuCount {
            let modes: [(String, Double)] = [("idle", node.idle), ("iowait", node.iowait), ("irq", 0), ("nice", 0),
                                             ("softirq", node.softirq), ("steal", 0), ("system", node.system),
                                             ("user", node.user)]
            for (mode, seconds) in modes {
                out += "node_cpu_seconds_total{cpu=\"\(cpu)\",mode=\"\(mode)\"} \(number(seconds))\n"
            }
        }
        out += "# HELP node_load1 1m load average.\n# TYPE node_load1 gauge\nnode_load1 \(number(node.load1))\n"
        out += "# HELP node_load15 15m load average.\n# TYPE node_load15 gauge\nnode_load15 \(number(node.load15))\n"
        out += "# HELP node_load5 5m load average.\n# TYPE node_load5 gauge\nnode_load5 \(number(node.load5))\n"
        let total = NodeCounters.memoryTotalBytes
        let available = (total * (1 - node.memoryPercent / 100) / 4096).rounded() * 4096
        out += "# HELP node_memory_MemAvailable_bytes Memory information field MemAvailable_bytes.\n"
        out += "# TYPE node_memory_MemAvailable_bytes gauge\nnode_memory_MemAvailable_bytes \(number(available))\n"
        out += "# HELP node_memory_MemFree_bytes Memory information field MemFree_bytes.\n"
        out += "# TYPE node_memory_MemFree_bytes gauge\nnode_memory_MemFree_bytes \(number(available * 0.6))\n"
        out += "# HELP node_memory_MemTotal_bytes Memory information field MemTotal_bytes.\n"
        out += "# TYPE node_memory_MemTotal_bytes gauge\nnode_memory_MemTotal_bytes \(number(total))\n"
        out += "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\n"
        out += "# TYPE node_network_receive_bytes_total counter\n"
        out += "node_network_receive_bytes_total{device=\"eth0\"} \(number(node.receiveBytes))\n"
        out += "node_network_receive_bytes_total{device=\"lo\"} \(number(node.receiveBytes / 10))\n"
        out += "# HELP node_network_transmit_bytes_total Network device statistic transmit_bytes.\n"
        out += "# TYPE node_network_transmit_bytes_total counter\n"
        out += "node_network_transmit_bytes_total{device=\"eth0\"} \(number(node.transmitBytes))\n"
        out += "node_network_transmit_bytes_total{device=\"lo\"} \(number(node.receiveBytes / 10))\n"
        out += "# HELP node_time_seconds System time in seconds since epoch (1970).\n# TYPE node_time_seconds gauge\n"
        out += "node_time_seconds \(number(startEpoch + Double(second)))\n"
        out += "# HELP node_uname_info Labeled system information as provided by the uname system call.\n"
        out += "# TYPE node_uname_info gauge\n"
        out += "node_uname_info{domainname=\"(none)\",machine=\"x86_64\",nodename=\"\(server.name)\",release=\"6.1.0-demo\",sysname=\"Linux\",version=\"#1 SMP\"} 1\n"
        return out
    }

    /// Go's `%g`-like output: integers plainly, large values with an exponent, else 2 decimals.
    static func number(_ value: Double) -> String {
        if value >= 1e9 {
            var exponent = 0
            var mantissa = value
            while mantissa >= 10 { mantissa /= 10; exponent += 1 }
            let digits = (mantissa * 1e9).rounded() / 1e9
            return "\(digits)e+\(exponent < 10 ? "0" : "")\(exponent)"
        }
        if value == value.rounded() { return String(Int(value)) }
        return String((value * 100).rounded() / 100)
    }
}
