import Foundation
import Testing
@testable import LBTopCore

/// `docs/lbtop.example.toml` (shipped in the .deb, linked from the README) is valid and sets every
/// setting the config parser fills: a new key in `Config` and not in the example fails here.
@Suite struct ExampleConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Fields of `values`' type left at nil, empty or absent in every one of `values`.
    static func fieldsNeverSet(_ values: [Any]) -> [String] {
        guard let first = values.first else { return ["(no value at all)"] }
        return Mirror(reflecting: first).children.compactMap(\.label).filter { label in
            values.allSatisfy { value in
                guard let field = Mirror(reflecting: value).children.first(where: { $0.label == label })?.value else { return true }
                let mirror = Mirror(reflecting: field)
                switch mirror.displayStyle {
                case .optional, .collection, .dictionary, .set: return mirror.children.isEmpty
                default: return false
                }
            }
        }
    }

    @Test func exampleConfigIsValidAndSetsEverySetting() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/lbtop.example.toml"), encoding: .utf8)
        let config = try ConfigLoader(environment: [:]).parse(text, path: "lbtop.example.toml")
        #expect(Self.fieldsNeverSet([config]).isEmpty, "top level: \(Self.fieldsNeverSet([config]))")
        #expect(Self.fieldsNeverSet(config.targets).isEmpty, "[[target]]: \(Self.fieldsNeverSet(config.targets))")
        #expect(Self.fieldsNeverSet(config.nodes).isEmpty, "[[node]]: \(Self.fieldsNeverSet(config.nodes))")
        #expect(Self.fieldsNeverSet(config.logs).isEmpty, "[[log]]: \(Self.fieldsNeverSet(config.logs))")
        #expect(Self.fieldsNeverSet(config.tiers).isEmpty, "[[tier]]: \(Self.fieldsNeverSet(config.tiers))")
        let rules = Array(config.rules.values)
        #expect(Self.fieldsNeverSet(rules).isEmpty, "[rules.*]: \(Self.fieldsNeverSet(rules))")
    }

    @Test func aFieldLeftOutIsFound() throws {
        let config = try ConfigLoader(environment: [:]).parse("interval = \"2s\"\n[[target]]\nurl = \"http://a:1/stats;csv\"\n",
                                                              path: "x.toml")
        #expect(Self.fieldsNeverSet([config]).contains("timeout"))
        #expect(!Self.fieldsNeverSet([config]).contains("interval"))
        #expect(Self.fieldsNeverSet(config.targets) == ["name", "username", "password", "passwordEnv", "caFile", "actions"])
    }
}
