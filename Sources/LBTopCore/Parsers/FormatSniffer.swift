/// Payload formats lbtop recognises from the first bytes of a response.
public enum PayloadFormat: String, Sendable, Codable {
    case haproxyCSV = "haproxy-csv"
    case haproxyInfo = "haproxy-info"
    case prometheus
    /// HAProxy's built-in Prometheus exporter (`haproxy_*` families); told from other metrics by
    /// `BalancerBodyDecoder`, not by the sniffer.
    case haproxyExporter = "haproxy-exporter"
    /// Told apart by `BalancerBodyDecoder` from the shape of a JSON or metrics body.
    case traefik
    case envoyClusters = "envoy-clusters"
    case caddyUpstreams = "caddy-upstreams"
    case nginxPlus = "nginx-plus"
    case nginxStubStatus = "nginx-stub-status"
    /// A Prometheus server's query API answers for a whole fleet (`--prometheus`).
    case prometheusFleet = "prometheus-fleet"
    case html
    case json
    case unknown
}

/// Detects a payload's format from its bytes, for URLs that do not say what they serve.
public enum FormatSniffer {
    public static func detect(_ bytes: some Collection<UInt8>) -> PayloadFormat {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        let text = head.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" })
        if text.hasPrefix("# pxname,") || text.hasPrefix("#pxname,") { return .haproxyCSV }
        if text.hasPrefix("Name: HAProxy") { return .haproxyInfo }
        if text.hasPrefix("Active connections:") { return .nginxStubStatus }
        if text.hasPrefix("<") { return .html }
        if text.hasPrefix("{") || text.hasPrefix("[") { return .json }
        if text.hasPrefix("# HELP ") || text.hasPrefix("# TYPE ") || looksLikePrometheusSample(text) {
            return .prometheus
        }
        return .unknown
    }

    /// `name{…} value` or `name value` on the first line.
    private static func looksLikePrometheusSample(_ text: Substring) -> Bool {
        guard let line = text.split(separator: "\n", maxSplits: 1).first, let first = line.first,
              first.isLetter || first == "_" || first == ":" else { return false }
        let name = line.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        let rest = line.dropFirst(name.count)
        return rest.first == "{" || rest.first == " "
    }
}
