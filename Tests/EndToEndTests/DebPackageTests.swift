import Foundation
import LBTopCore
import Testing

extension EndToEnd {
    /// `scripts/package-deb.sh` on the binary `swift build` made, unpacked into a fresh root with
    /// `dpkg -x` and run there with a clean environment (`env -i`): `--version`, `--help`,
    /// `--once --json` against a real haproxy, `man -l` on the packaged page, the example config
    /// through `lbtop check`, the completions. The static release package is proven the same way
    /// by `scripts/test-deb.sh`.
    @Suite struct DebPackageTests {
        static func shell(_ program: String, _ arguments: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
                          timeout: Double = 120) throws -> LBTopBinary.Run {
            try LBTopBinary.run(program: program, arguments, exactEnvironment: environment, timeout: timeout)
        }

        @Test func packageInstallsIntoAFreshRootAndRunsThere() async throws {
            try await offPool { try Self.packageInstallRun() }
        }

        static func packageInstallRun() throws {
            for tool in ["dpkg-deb", "dpkg-shlibdeps"] where !FileManager.default.isExecutableFile(atPath: "/usr/bin/" + tool) {
                Issue.record("\(tool) is missing: apt-get install dpkg-dev")
                return
            }
            let dir = try ScratchDirectory()
            let built = try shell("/bin/bash", [PackageRoot.url.path + "/scripts/package-deb.sh", try LBTopBinary.path(), dir.path + "/out"],
                               environment: ["PATH": "/usr/bin:/bin", "PACKAGE_DEB_COMPRESSION": "none"])
            #expect(built.status == 0, "package-deb.sh: \(built.stderr)")
            let deb = String(decoding: built.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let version = try PackageRoot.text("VERSION").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(deb.hasSuffix("/lbtop_\(version)_amd64.deb") || deb.hasSuffix("/lbtop_\(version)_arm64.deb"), "\(deb)")

            let control = String(decoding: try Self.shell("/usr/bin/dpkg-deb", ["-f", deb]).stdout, as: UTF8.self)
            let depends = control.split(separator: "\n").first { $0.hasPrefix("Depends: ") } ?? ""
            for package in ["libc6", "libncursesw6", "libsqlite3-0", "libzstd1"] {
                #expect(depends.contains(package + " ("), "Depends lacks \(package): \(depends)")
            }
            #expect(control.contains("Version: \(version)\n"))

            let root = dir.path + "/root"
            #expect(try Self.shell("/usr/bin/dpkg", ["-x", deb, root]).status == 0)
            let lbtop = root + "/usr/bin/lbtop"
            let clean = ["PATH": "/usr/bin:/bin", "HOME": dir.path + "/home"]

            let versionRun = try Self.shell("/usr/bin/env", ["-i", "HOME=\(dir.path)/home", lbtop, "--version"])
            #expect(versionRun.status == 0, "\(versionRun.stderr)")
            let line = String(decoding: versionRun.stdout, as: UTF8.self)
            #expect(line.hasPrefix("lbtop \(version) (commit "), "\(line)")

            let help = try Self.shell("/usr/bin/env", ["-i", "HOME=\(dir.path)/home", "COLUMNS=100", lbtop, "--help"])
            #expect(help.status == 0)
            let helpText = String(decoding: help.stdout, as: UTF8.self)
            for option in ["--node", "--log", "--demo", "--once", "--json", "SUBCOMMANDS:"] { #expect(helpText.contains(option)) }

            let haproxy = try HAProxyProcess.start([.init(name: "app", servers: ["app1", "app2"])])
            defer { haproxy.stop() }
            let once = try Self.shell("/usr/bin/env", ["-i", "HOME=\(dir.path)/home", lbtop, "--once", "--json", "--interval", "0.5s",
                                                "--timeout", "5s", haproxy.socketURL])
            #expect(once.status == 0, "\(once.stderr)")
            let document = try once.document()
            #expect(document.targets.map(\.health) == [.fresh])
            #expect(document.servers.map(\.name) == ["app1", "app2"])

            let (manStatus, page, manErrors) = try ManPageTests.man(root + "/usr/share/man/man1/lbtop.1.gz")
            #expect(manStatus == 0 && manErrors.isEmpty, "\(manErrors)")
            #expect(page.contains("LBTOP(1)") && page.contains("--allow-actions"))

            let check = try Self.shell(lbtop, ["check", "--config", root + "/usr/share/doc/lbtop/examples/config.toml"], environment: clean)
            #expect(check.status == 0, "\(check.stderr)")
            let completions = ["/usr/share/bash-completion/completions/lbtop", "/usr/share/zsh/vendor-completions/_lbtop",
                               "/usr/share/fish/vendor_completions.d/lbtop.fish"]
            for file in completions {
                let text = (try? String(contentsOfFile: root + file, encoding: .utf8)) ?? ""
                #expect(text.contains("allow-actions"), "\(file)")
            }
            #expect(try Self.shell("/bin/bash", ["-n", root + completions[0]]).status == 0)
            let logrotate = (try? String(contentsOfFile: root + "/etc/logrotate.d/lbtop", encoding: .utf8)) ?? ""
            #expect(logrotate.contains("/lbtop/alerts.jsonl") && logrotate.contains("copytruncate"))
            #expect(FileManager.default.fileExists(atPath: root + "/usr/share/doc/lbtop/README.md"))
        }
    }
}
