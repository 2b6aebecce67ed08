import ArgumentParser
import LBTopCore

/// `lbtop`: a terminal dashboard for load-balanced services.
@main
struct LBTopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbtop",
        abstract: "A terminal dashboard for load-balanced services: which servers take traffic, how fast they answer, which fail.",
        discussion: """
        Targets (the scheme picks the transport; the format is detected from the bytes):
          http://127.0.0.1:8404/stats;csv                HAProxy stats page (https:// too)
          unix:///run/haproxy/admin.sock                 HAProxy stats socket (show stat, show info)
          http://127.0.0.1:8405/metrics                  HAProxy Prometheus exporter
          http://host:9901/clusters?format=json          Envoy admin
          http://host:8080/metrics                       Traefik
          http://127.0.0.1:2019/reverse_proxy/upstreams  Caddy admin
          http://host:8080/api/9/http/upstreams          NGINX Plus API
          http://host/nginx_status                       nginx stub_status

        Credentials come from the config file or from LBTOP_HTTP_USER / LBTOP_HTTP_PASSWORD,
        never from the command line.

        Config file: \(StandardPaths.current.configFile) (or --config FILE)
        Alert log:   \(StandardPaths.current.alertLog) (or --alert-log FILE, alert_log in the config)
        """,
        subcommands: [DashboardCommand.self, CheckCommand.self, ReplayCommand.self, ReportCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
