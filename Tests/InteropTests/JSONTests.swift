import Testing
@testable import Interop

struct JSONTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#" {"a": [1, -2.5, 1e3, true, false, null], "s": "x\"\\\n\u00e9\ud83d\ude00", "big": 123456789012345678901234} "#)
        #expect(value["a"] == .array([.int(1), .double(-2.5), .double(1000), .bool(true), .bool(false), .null]))
        #expect(value["s"]?.stringValue == "x\"\\\né😀")
        #expect(value["big"]?.intValue == nil)
        #expect(value["big"]?.doubleValue == Double("123456789012345678901234"))
    }

    @Test func serializationRoundTrips() throws {
        let value = JSONValue.object([
            "name": .string("tab\there \"quoted\" \u{01} é"), "n": .int(-3), "x": .double(0.001),
            "list": .array([.null, .bool(true), .object([:]), .array([])]),
        ])
        #expect(try JSONParser.parse(value.serialized()) == value)
        #expect(try JSONParser.parse(value.serialized(indent: 1)) == value)
        #expect(value.serialized().hasPrefix(#"{"name":"tab\there \"quoted\" \u0001 é","n":-3,"x":0.001"#))
    }

    @Test func keysKeepTheirOrder() {
        #expect(JSONValue.object(["b": .int(1), "a": .int(2)]).serialized() == #"{"b":1,"a":2}"#)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "\"\\x\"", "\"\u{01}\"", "tru", "[1] 2",
        "\"\\ud800\"", "{\"a\":1,\"a\":2}", "nan", "{'a': 1}",
    ])
    func rejectsInvalidText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func namesTheDuplicateKey() {
        do {
            _ = try JSONParser.parse(#"{"w": 1, "w": 2}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.duplicateKey == "w")
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }
}
