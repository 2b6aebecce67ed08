import Testing
@testable import LBTopCore

@Suite struct SSHDestinationTests {
    @Test func aliasUserAndPortAsWritten() throws {
        #expect(try SSHDestination(url: "ssh://web1") == SSHDestination(host: "web1"))
        #expect(try SSHDestination(url: "ssh://deploy@web1:2222/") == SSHDestination(user: "deploy", host: "web1", port: 2222))
        #expect(try SSHDestination(url: "ssh://[::1]:22") == SSHDestination(host: "::1", port: 22))
        #expect(try SSHDestination(url: "SSH://10.0.0.5").url == "ssh://10.0.0.5")
        #expect(SSHDestination(user: "u", host: "::1", port: 2200).url == "ssh://u@[::1]:2200")
    }

    @Test func brokenURLsSayWhy() {
        for (text, reason) in [("ssh://u:secret@h", "a password in the URL is refused"), ("ssh://h/var", "takes no path"),
                               ("ssh://h:x", "the port must be a number"), ("ssh://h:70000", "out of range"),
                               ("ssh://", "no host"), ("ssh://-oProxyCommand=x", "not a host name"), ("ssh://@h", "empty user")] {
            #expect { try SSHDestination(url: text) } throws: { error in
                (error as? CollectError)?.message.contains(reason) == true
            }
        }
    }

    @Test func argumentsNeverPromptAndPassOnlyWhatTheURLGives() throws {
        let bare = try SSHDestination(url: "ssh://web1")
        #expect(bare.arguments(configFile: nil, command: "cmd") == ["-T", "-o", "BatchMode=yes", "--", "web1", "cmd"])
        let full = try SSHDestination(url: "ssh://deploy@web1:2222")
        #expect(full.arguments(configFile: "/etc/lbtop/ssh_config", command: "cmd")
                == ["-T", "-o", "BatchMode=yes", "-F", "/etc/lbtop/ssh_config", "-l", "deploy", "-p", "2222", "--", "web1", "cmd"])
        #expect(full.resolveArguments(configFile: nil) == ["-G", "-l", "deploy", "-p", "2222", "--", "web1"])
    }

    @Test func nodeSpecNamesTheNodeAfterTheAlias() throws {
        let spec = try NodeTargetSpec.parse("ssh://deploy@web1")
        #expect(spec.name == "web1")
        #expect(spec.host == "web1")
        #expect(spec.location == .ssh(SSHDestination(user: "deploy", host: "web1")))
        #expect(try NodeTargetSpec.parse("ssh://web1:2222").name == "web1:2222")
        #expect(try NodeTargetSpec.parse("db=ssh://web1").name == "db")
        #expect { try NodeTargetSpec.parse("ssh://a:b@web1") } throws: { error in
            (error as? NodeSpecError)?.description.contains("a password in the URL is refused") == true
        }
    }

    @Test func anSSHURLGivenAsABalancerIsSentToNode() {
        #expect(throws: CollectError(.unsupported, "`ssh://web1` is a node: pass it as --node ssh://web1")) {
            try TargetURL("ssh://web1")
        }
    }
}
