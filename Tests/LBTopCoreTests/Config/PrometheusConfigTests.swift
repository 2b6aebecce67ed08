import LBTopCore
import Testing

/// `[[prometheus]]`: a fleet's server, its selector, credentials and node joins.
@Suite struct PrometheusConfigTests {
    static let loader = ConfigLoader(environment: ["HOME": "/home/oncall"])

    @Test func everyKey() throws {
        let config = try Self.loader.parse("""
        [[prometheus]]
        url = "https://prom.example.net:9090"
        name = "fleet"
        match = '{job="haproxy"}'
        username = "lbtop"
        password_env = "PROM_PW"
        ca_file = "~/ca.pem"

        [[prometheus.node]]
        instance = "10.0.0.5:9100"
        servers = ["app/web1", "api/web1"]

        [[prometheus]]
        url = "http://127.0.0.1:9090"
        """, path: "c.toml")
        #expect(config.prometheus.count == 2)
        let fleet = config.prometheus[0]
        #expect(fleet.url == "https://prom.example.net:9090" && fleet.name == "fleet" && fleet.match == "{job=\"haproxy\"}")
        #expect(fleet.asTarget.credentials(environment: ["PROM_PW": "pw"])?.password == "pw")
        #expect(fleet.caFile == "~/ca.pem")
        #expect(fleet.nodeServers == ["10.0.0.5:9100": ["app/web1", "api/web1"]])
        #expect(config.prometheus[1] == PrometheusConfig(url: "http://127.0.0.1:9090"))
    }

    @Test func mistakesNameTheirLine() throws {
        let text = """
        [[prometheus]]
        url = "unix:///prom.sock"
        match = "{job=\\"haproxy\\""
        password = "x"
        [[prometheus.node]]
        servers = ["web1"]
        """
        let error = try #require(throws: ConfigErrors.self) { try Self.loader.parse(text, path: "c.toml") }
        let lines = error.errors.filter { $0.line != 1 }.map(\.description)
        #expect(lines == [
            "c.toml:2: prometheus url 'unix:///prom.sock' must start with http:// or https://",
            "c.toml:3: match must be a series selector such as '{job=\"haproxy\"}', got '{job=\"haproxy\"'",
            "c.toml:4: a password needs a username",
        ])
        // The key locator does not follow nested arrays of tables: that one is placed at the file's start.
        #expect(error.errors.contains { $0.message.hasPrefix("[[prometheus.node]] needs an instance") })
    }
}
