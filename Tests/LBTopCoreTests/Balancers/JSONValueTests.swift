import Testing
@testable import LBTopCore

/// The tree the balancers' JSON answers are read into: exact counters, the literals, escapes, and
/// malformed or hostile text refused with one clear error.
@Suite struct JSONValueTests {
    @Test func countersStayExactAsNumbersAndAsStrings() throws {
        let json = try JSONValue.parse(Array(#"{"n": 18446744073709551, "s": "9223372036854775807", "f": 2.5, "x": "12ab"}"#.utf8))
        #expect(json["n"]?.integer == 18_446_744_073_709_551)
        #expect(json["s"]?.integer == Int64.max, "Envoy writes uint64 stats as strings")
        #expect(json["f"]?.integer == 3, "a fraction is rounded")
        #expect(json["x"]?.integer == nil)
        #expect(json["missing"] == nil)
    }

    @Test func literalsEscapesAndNesting() throws {
        let json = try JSONValue.parse(Array(#" [true, false, null, {"k\u00e9y": "a\"b\n"}, [1, -2e3]] "#.utf8))
        #expect(json == .array([.bool(true), .bool(false), .null, .object(["kéy": .string("a\"b\n")]),
                                .array([.number("1"), .number("-2e3")])]))
        #expect(json.array?[3]["kéy"]?.string == "a\"b\n")
        #expect(json.array?[0].bool == true && json.array?[2].bool == nil)
    }

    @Test(arguments: [#"{"a": "#, #"{"a": 1,}"#, "[1 2]", "tru", "{} x", "", #"{"a": 01x}"#,
                      String(repeating: "[", count: 100) + String(repeating: "]", count: 100)])
    func malformedTextIsOneClearError(_ text: String) {
        #expect(throws: CollectError(.badPayload, "malformed JSON")) { try JSONValue.parse(Array(text.utf8)) }
    }
}
