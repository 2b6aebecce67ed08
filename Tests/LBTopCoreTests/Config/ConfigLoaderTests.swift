import Foundation
import LBTopCore
import Testing

@Suite struct ConfigLoaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let loader = ConfigLoader(environment: ["HOME": "/home/oncall"])

    @Test func theFullExampleParses() throws {
        let config = try Self.loader.load(path: Self.fixtures.appendingPathComponent("configs/full.toml").path)
        #expect(config.interval == 1)
        #expect(config.timeout == 2)
        #expect(config.window == 900)
        #expect(config.theme == "default")
        #expect(config.bell == false)
        #expect(config.alertLog == "~/.local/state/lbtop/alerts.jsonl")
        #expect(config.onAlert == "/usr/local/bin/page-oncall --service lbtop")
        #expect(config.onAlertTimeout == 10)
        #expect(config.sshConfig == "~/.config/lbtop/ssh_config")
        #expect(config.targets == [
            TargetConfig(url: "https://lb1.example.net:8404/stats;csv", name: "edge", username: "stats",
                         passwordEnv: "LBTOP_EDGE_PASSWORD", caFile: "~/.config/lbtop/edge-ca.pem", actions: true),
            TargetConfig(url: "unix:///run/haproxy/admin.sock"),
        ])
        #expect(config.nodes == [
            NodeConfig(name: "app1", url: "http://10.0.0.11:9100/metrics", servers: ["app/app1", "api/api1"]),
            NodeConfig(name: "lb1", url: "local"),
            NodeConfig(name: "app2", url: "ssh://monitor@app2.internal", servers: ["app/app2"]),
        ])
        #expect(config.logWindow == 60)
        #expect(config.logs == [LogConfig(url: "udp://127.0.0.1:5514"),
                                LogConfig(url: "/var/log/nginx/lbtop.log", name: "nginx", fromStart: false)])
        let credentials = config.targets[0].credentials(environment: ["LBTOP_EDGE_PASSWORD": "s3cret"])
        #expect(credentials?.username == "stats")
        #expect(credentials?.password == "s3cret")
        #expect(config.targets[1].credentials(environment: [:]) == nil)

        let rules = Dictionary(uniqueKeysWithValues: config.alertRules.map { ($0.name, $0) })
        #expect(rules["server-down"]?.warning == nil)
        #expect(rules["server-down"]?.critical == 1)
        #expect(rules["imbalance"] == AlertRule(name: "imbalance", condition: .imbalance(minimumRate: 5),
                                                warning: 2.5, critical: 4, forSeconds: 30))
        #expect(rules["error-ratio"]?.warning == 0.02)
        #expect(rules["error-ratio"]?.critical == nil)
        #expect(rules["latency"]?.condition == .latency(.ttime))
        #expect(rules["latency"]?.hysteresis == 0.2)
        #expect(rules["latency-baseline"]?.condition == .latencyBaseline(floorMs: 50, minimumSamples: 60))
        #expect(rules["node-memory"]?.isEnabled == false)
        #expect(rules["queue"] == BuiltInAlertRules.rule(named: "queue"))
        #expect(config.alertRules.count == BuiltInAlertRules.all.count)
    }

    @Test func anAbsentDefaultFileIsAnEmptyConfig() throws {
        let loader = ConfigLoader(environment: ["HOME": "/nonexistent-home", "XDG_CONFIG_HOME": "/nonexistent-xdg"])
        #expect(try loader.load(path: nil) == Config())
    }

    @Test func anAbsentNamedFileIsAnError() {
        let missing = ConfigError(path: "/nonexistent/lbtop.toml", line: nil, message: "no such file")
        #expect(throws: ConfigErrors([missing])) {
            try Self.loader.load(path: "/nonexistent/lbtop.toml")
        }
    }

    /// Every file in `bad-configs/` starts with `# expect LINE: MESSAGE`; loading it must fail with
    /// exactly one error, on that line, containing that message.
    @Test(arguments: try FileManager.default.contentsOfDirectory(
        atPath: ConfigLoaderTests.fixtures.appendingPathComponent("bad-configs").path).sorted())
    func aBadConfigNamesTheLineOfItsError(_ file: String) throws {
        let path = Self.fixtures.appendingPathComponent("bad-configs/\(file)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let header = try #require(text.split(separator: "\n").first)
        let expectation = header.dropFirst("# expect ".count)
        let colon = try #require(expectation.firstIndex(of: ":"))
        let line = try #require(Int(expectation[..<colon]))
        let message = expectation[colon...].dropFirst(2)

        let error = try #require(throws: ConfigErrors.self) { try Self.loader.load(path: path) }
        #expect(error.errors.count == 1, "\(error)")
        #expect(error.errors.first?.line == line, "\(error)")
        #expect(error.errors.first?.message.contains(message) == true, "\(error)")
        #expect(error.description.hasPrefix("\(path):\(line): "))
    }

    @Test func everyErrorInAFileIsReportedInLineOrder() throws {
        let text = """
        interval = "soon"
        [[target]]
        url = "gopher://x"
        [rules.nope]
        """
        let error = try #require(throws: ConfigErrors.self) { try Self.loader.parse(text, path: "c.toml") }
        #expect(error.description == """
        c.toml:1: interval "soon" is not a duration (write "1s", "500ms", "2m" or "1h")
        c.toml:3: unsupported scheme gopher:// in gopher://x (use http, https, unix, redis or memcached)
        c.toml:4: unknown rule 'nope' (rules: server-down, checks-failing, backend-down, imbalance, \
        persistence-imbalance, error-ratio, latency, latency-baseline, terminations, queue, sessions, node-cpu, \
        node-memory, flapping, saturation-ahead, target-stale, tier-down, session-store-down, tier-hit-ratio-drop, \
        tier-evictions, tier-memory)
        """)
    }

    @Test func durations() {
        #expect(DurationText.parse("500ms") == 0.5)
        #expect(DurationText.parse("1.5s") == 1.5)
        #expect(DurationText.parse("2m") == 120)
        #expect(DurationText.parse("1h") == 3600)
        #expect(DurationText.parse("3") == 3)
        #expect(DurationText.parse("-1s") == nil)
        #expect(DurationText.parse("s") == nil)
        #expect(DurationText.parse("fast") == nil)
    }

    @Test func sizes() throws {
        #expect(ByteSizeText.parse("500MB") == 500_000_000)
        #expect(ByteSizeText.parse(" 1 GiB") == 1_073_741_824)
        #expect(ByteSizeText.parse("1048576") == 1_048_576)
        #expect(ByteSizeText.parse("5 parsecs") == nil)
        // A size past Int64 is no size (it trapped; found by `Tests/fuzz/run.sh`, target config-values).
        #expect(ByteSizeText.parse("9999999999GB") == nil)
        let fuzzed = try Fixture.text("fuzz/config-values-a63a9a97.bin")
        for line in fuzzed.split(separator: "\n") { #expect(ByteSizeText.parse(String(line)) == nil) }
    }

    @Test func standardPaths() {
        let defaults = StandardPaths(environment: ["HOME": "/home/oncall"])
        #expect(defaults.configFile == "/home/oncall/.config/lbtop/config.toml")
        #expect(defaults.alertLog == "/home/oncall/.local/state/lbtop/alerts.jsonl")
        let xdg = StandardPaths(environment: ["HOME": "/home/oncall", "XDG_CONFIG_HOME": "/etc/xdg/",
                                              "XDG_STATE_HOME": "/var/lib/oncall"])
        #expect(xdg.configFile == "/etc/xdg/lbtop/config.toml")
        #expect(xdg.alertLog == "/var/lib/oncall/lbtop/alerts.jsonl")
        let relative = StandardPaths(environment: ["HOME": "/home/oncall", "XDG_STATE_HOME": "state"])
        #expect(relative.alertLog == "/home/oncall/.local/state/lbtop/alerts.jsonl")
        #expect(defaults.expandingTilde("~/a.jsonl") == "/home/oncall/a.jsonl")
    }
}

@Suite struct TierConfigTests {
    static let loader = ConfigLoader(environment: ["HOME": "/home/u"])

    @Test func tiersWithRolesAndPasswords() throws {
        let config = try Self.loader.parse("""
            [[tier]]
            name = "sessions"
            url = "redis://10.0.0.5:6379"
            role = "session-store"
            password_env = "SESSIONS_PW"

            [[tier]]
            url = "memcached://10.0.0.6:11211"

            [rules.tier-hit-ratio-drop]
            min_rate = 5
            min_samples = 60
            """, path: "c.toml")
        #expect(config.tiers == [
            TierConfig(url: "redis://10.0.0.5:6379", name: "sessions", role: .sessionStore, passwordEnv: "SESSIONS_PW"),
            TierConfig(url: "memcached://10.0.0.6:11211"),
        ])
        #expect(config.tiers[0].credentials(environment: ["SESSIONS_PW": "pw"]) == TierCredentials(password: "pw"))
        #expect(config.tiers[0].credentials(environment: [:]) == nil)
        #expect(config.alertRules.first { $0.name == "tier-hit-ratio-drop" }?.condition
            == .tierHitRatioDrop(minimumRate: 5, minimumSamples: 60))
    }

    @Test func badTiersAreNamedWithTheirLines() {
        let text = """
            [[tier]]
            url = "http://10.0.0.5/stats"
            role = "primary"

            [[target]]
            url = "redis://10.0.0.5:6379"
            """
        let error = try? #require(throws: ConfigErrors.self) { try Self.loader.parse(text, path: "c.toml") }
        #expect(error?.description == """
            c.toml:2: tier url 'http://10.0.0.5/stats' must start with redis:// or memcached://
            c.toml:3: role must be "cache" or "session-store", got "primary"
            c.toml:6: redis://10.0.0.5:6379 is a tier: put it in a [[tier]]
            """)
    }
}
