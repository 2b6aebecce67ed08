@testable import LBTopCore

/// HAProxy stats, `show info`, Prometheus text and the other balancers' status bodies.
let balancerTargets: [FuzzTarget] = [
    FuzzTarget(name: "haproxy-csv") { bytes in
        _ = try? HAProxyCSVParser.parse(bytes)
        _ = try? HAProxyStatsDecoder.decode(statsBody: Array(bytes)[...], process: nil)
    },
    // The stats socket's answer: `show info`, a blank line, `show stat`, then `show table` answers.
    FuzzTarget(name: "show-info") { bytes in
        let answer = Array(bytes)
        _ = ShowInfoParser.fields(answer)
        let (info, stats) = HAProxyStatsDecoder.splitInfoAndStats(answer)
        let process = ShowInfoParser.parse(info)
        if let process { _ = process.isNewGeneration(comparedTo: BalancerProcess(pid: 1, startTime: 2)) }
        _ = try? HAProxyStatsDecoder.decodeSocket(answer)
        _ = ShowTableParser.parse(answer[...])
    },
    FuzzTarget(name: "prometheus") { bytes in
        let document = PrometheusDocument(parsing: bytes)
        for family in document.families {
            _ = family.histograms
            _ = family.summaries
        }
        PrometheusTextParser.forEachSample(in: bytes, onMetadata: { _ in }) { sample in
            _ = sample.nameAfter("haproxy_")
            _ = sample.label("instance")
            _ = sample.label("le", is: "+Inf")
        }
    },
    FuzzTarget(name: "haproxy-exporter") { bytes in _ = HAProxyExporterParser.parse(bytes) },
    FuzzTarget(name: "envoy") { bytes in _ = try? EnvoyClustersParser.parse(bytes) },
    FuzzTarget(name: "traefik") { bytes in _ = TraefikMetricsParser.parse(bytes) },
    FuzzTarget(name: "caddy") { bytes in _ = try? CaddyUpstreamsParser.parse(bytes) },
    FuzzTarget(name: "nginx-plus") { bytes in _ = try? NginxPlusUpstreamsParser.parse(bytes) },
    FuzzTarget(name: "stub-status") { bytes in _ = try? NginxStubStatusParser.parse(bytes) },
    // What a balancer's HTTP endpoint answers, the format sniffed from the bytes.
    FuzzTarget(name: "balancer-body") { bytes in _ = try? BalancerBodyDecoder.decode(Array(bytes)[...]) },
]
