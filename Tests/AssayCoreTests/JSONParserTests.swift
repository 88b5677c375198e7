import Foundation
import Testing

@testable import AssayCore

/// `JSONParser` reads every record exactly as Foundation's `JSONDecoder` reads a `JSONValue` (the
/// reference), and rejects what `JSONDecoder` rejects.
@Suite struct JSONParserTests {
    static func parse(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBufferPointer { JSONParser.parse($0) }
    }

    static func reference(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let valid = [
        "{}", "[]", #"{"a": 1}"#, #"{"a": -0}"#, #"{"a": 1.0}"#, #"{"a": 1e2}"#, #"{"a": 1E+2}"#, #"{"a": 1.5}"#,
        #"{"a": -12.5e-3}"#, #"{"a": 0.1}"#, #"{"a": -0.0}"#, #"{"a": 12345678901234567890}"#,
        #"{"a": 9223372036854775807}"#, #"{"a": -9223372036854775808}"#, #"{"a": 9223372036854775808}"#,
        #"{"a": 2.5e300}"#, #"{"t": true, "f": false, "n": null}"#, #"{"s": "é—✓ 😀 中文"}"#,
        #"{"s": "\"\\\/\b\f\n\r\t"}"#, #"{"s": "\u00e9\u2014\ud83d\ude00\u0041"}"#, #"{"s": "a\u0000b"}"#,
        #"{"s": "", "": "empty key"}"#, #"  {"a" : [ 1 , 2 ,{"b":[]} ] }  "#, "\t{\"a\":\n[true]}\r\n",
        #""just a string""#, "42", "null", #"{"a": [[[[{"b": [null]}]]]]}"#,
        #"{"messages": [{"role": "user", "content": "Hi?"}, {"role": "assistant", "content": null}]}"#,
    ]

    @Test(arguments: valid)
    func validTextsParseAsJSONDecoderReadsThem(text: String) throws {
        let expected = try #require(Self.reference(text), "the reference rejects \(text)")
        #expect(Self.parse(text) == expected)
    }

    static let invalid = [
        "", " ", #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": .5}"#, #"{"a": +1}"#, #"{"a" 1}"#,
        "{'a': 1}", #"{"a": tru}"#, #"{"a": "x\u12"}"#, "{\"a\": \"tab\there\"}", #"{"a": "\x"}"#, #"{"a": NaN}"#,
        #"{"a": 1} x"#, #"{"a": "unterminated}"#, #"{"a": 1"#, "[", #"{"a": -}"#, #"{"a": 1e}"#, "{1: 2}",
    ]

    @Test(arguments: invalid)
    func invalidTextsAreRejectedAsJSONDecoderRejectsThem(text: String) {
        #expect(Self.reference(text) == nil, "the reference accepts \(text)")
        #expect(Self.parse(text) == nil)
    }

    // JSONDecoder accepts a trailing comma, which RFC 8259 does not; the parser rejects it and the loader
    // then takes JSONDecoder's reading, so records read as they always did.
    @Test func aTrailingCommaIsLeftToJSONDecoder() throws {
        let text = #"{"text": "a", "tags": [1,],}"#
        #expect(Self.parse(text) == nil)
        let record = try Array(text.utf8).withUnsafeBufferPointer {
            try JSONLReader.record($0, file: "t.jsonl", line: 1, decoder: JSONDecoder(), unit: "line")
        }
        #expect(record == ["text": .string("a"), "tags": .array([.integer(1)])])
    }

    // Hand-checked values, so that the comparison above is not only parser against parser.
    @Test func numbersAndEscapesHaveTheirValues() throws {
        #expect(
            Self.parse(#"[1.0, 1e2, -0, 1.5, 12345678901234567890]"#)
                == .array([.integer(1), .integer(100), .integer(0), .number(1.5), .number(12_345_678_901_234_567_890)]))
        #expect(Self.parse(#""\u00e9\ud83d\ude00\n""#) == .string("é😀\n"))
    }
}
