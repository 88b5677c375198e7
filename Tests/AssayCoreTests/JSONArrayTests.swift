import Foundation
import Testing

@testable import AssayCore

/// `.json` files holding one array of objects.
@Suite struct JSONArrayTests {
    // Pretty-printed, with commas, brackets, braces and an escaped quote inside the strings.
    static let array = """
        [
          {"text": "One, [two] {three}.", "label": "a"},
          {
            "text": "Say \\"hi\\"]",
            "label": "b"
          },
          {"text": "Last.", "label": "a"}
        ]

        """

    @Test func anArrayLoadsToTheRowsOfTheSameJSONL() throws {
        let array = try loadTemporaryFile(named: "data.json", text: Self.array)
        let lines = try loadTemporaryFile(
            named: "data.jsonl",
            text: """
                {"text": "One, [two] {three}.", "label": "a"}
                {"text": "Say \\"hi\\"]", "label": "b"}
                {"text": "Last.", "label": "a"}

                """)
        #expect(array.texts == lines.texts && array.texts == ["One, [two] {three}.", "Say \"hi\"]", "Last."])
        #expect(array.labels == lines.labels && array.labelNames == ["a", "b"])
        #expect(array.rowNumbers == [1, 2, 3], "rows are numbered by element")
        #expect(array.source.format == .json && lines.source.format == .jsonl)
    }

    @Test func aJSONFileOfLinesIsReadAsJSONL() throws {
        let corpus = try loadTemporaryFile(named: "data.json", text: "{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n")
        #expect(corpus.texts == ["a", "b"] && corpus.rowNumbers == [1, 3] && corpus.source.format == .jsonl)
    }

    @Test(arguments: [
        ("[]", "the file has no rows; an empty dataset cannot be analysed"),
        ("[\n{\"text\": \"a\"},\n{\"text\": \"b\"", "3: the file ends inside the JSON array; is it cut short?"),
        (
            "[\n{\"text\": \"a\"},\n\"b\"\n]",
            "3: expected a JSON object, found a string; each element must be one object such as {\"text\": \"…\", \"label\": \"…\"}"
        ),
        (
            "[{\"text\": \"a\"}]\n{\"text\": \"b\"}",
            "2: more text after the JSON array closes; a .json file must hold one array of objects"
        ),
        (
            "[\n{\"txt\": \"a\"}]",
            "2: text: no such field (did you mean 'txt'?); this row has 'txt'; pass --text-field with the field that holds the text"
        ),
    ])
    func aBrokenArrayIsOneLineNamingTheLine(text: String, message: String) throws {
        let failure = try #require(try loadFailure(named: "data.json", text: text))
        let location = message.first?.isNumber == true ? "\(failure.path):" : "\(failure.path): "
        #expect(failure.error.description == location + message)
        #expect(failure.error.exitCode == 3)
    }
}
