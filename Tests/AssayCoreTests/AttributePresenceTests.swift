import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// An `--attr-field` one side of a comparison lacks (`DatasetLoader.loadPair`): absent from a file when its
/// first row lacks it, an error when only some rows have it, and an error when neither file has it.
@Suite struct AttributePresenceTests {
    static let fields = FieldOptions(attributeFields: ["generation_method"])
    static let original = """
        {"text": "Good food.", "label": "positive"}
        {"text": "Bad room.", "label": "negative"}

        """
    static let synthetic = """
        {"text": "Great food.", "label": "positive", "generation_method": "baseline"}
        {"text": "Awful room.", "label": "negative", "generation_method": "targeted"}

        """

    /// Writes the two texts to files with the given names and loads them as a pair.
    func loadPair(
        _ original: String, _ synthetic: String, names: (String, String) = ("original.jsonl", "synthetic.jsonl"),
        fields: FieldOptions = AttributePresenceTests.fields
    ) throws -> Result<(original: Corpus, synthetic: Corpus), AssayError> {
        try withTemporaryDirectory { directory in
            let originalURL = directory.appendingPathComponent(names.0)
            let syntheticURL = directory.appendingPathComponent(names.1)
            try Data(original.utf8).write(to: originalURL)
            try Data(synthetic.utf8).write(to: syntheticURL)
            do {
                return .success(
                    try DatasetLoader.loadPair(original: originalURL.path, synthetic: syntheticURL.path, fields: fields)
                )
            } catch let error as AssayError {
                // The temporary paths differ each run: keep the file's name.
                var error = error
                error.file = error.file.map { URL(fileURLWithPath: $0).lastPathComponent }
                return .failure(error)
            }
        }
    }

    @Test func anAttributeTheOriginalLacksIsAbsentFromItsCorpusOnly() throws {
        let pair = try loadPair(Self.original, Self.synthetic).get()
        #expect(pair.original.attributes.isEmpty)
        #expect(pair.synthetic.attributes == ["generation_method": ["baseline", "targeted"]])
        // The other way round too.
        let reversed = try loadPair(Self.synthetic, Self.original).get()
        #expect(reversed.original.attributes == ["generation_method": ["baseline", "targeted"]])
        #expect(reversed.synthetic.attributes.isEmpty)
    }

    @Test func aCSVHeaderWithoutTheColumnLacksTheAttribute() throws {
        let csv = "text,label\nGood food.,positive\nBad room.,negative\n"
        let pair = try loadPair(csv, Self.synthetic, names: ("original.csv", "synthetic.jsonl")).get()
        #expect(pair.original.attributes.isEmpty)
        #expect(pair.original.count == 2)
        #expect(pair.synthetic.attributes["generation_method"]?.count == 2)
    }

    @Test func aLaterRowWithAnAttributeTheFirstRowLacksIsAnError() throws {
        let synthetic = """
            {"text": "Great food.", "label": "positive"}
            {"text": "Awful room.", "label": "negative", "generation_method": "targeted"}

            """
        let result = try loadPair(Self.original, synthetic)
        guard case .failure(let error) = result else {
            Issue.record("a file with the attribute on its second row only loaded")
            return
        }
        #expect(error.kind == .input)
        #expect(error.file == "synthetic.jsonl")
        #expect(error.line == 2)
        #expect(error.field == "generation_method")
        #expect(
            error.message
                == "this row has 'generation_method' but line 1 has none; give every row the attribute or none")
    }

    @Test func aLaterRowWithoutAnAttributeTheFirstRowHasIsStillAnError() throws {
        let synthetic = """
            {"text": "Great food.", "label": "positive", "generation_method": "baseline"}
            {"text": "Awful room.", "label": "negative"}

            """
        let result = try loadPair(Self.original, synthetic)
        guard case .failure(let error) = result else {
            Issue.record("a file missing the attribute on its second row loaded")
            return
        }
        #expect(error.file == "synthetic.jsonl")
        #expect(error.line == 2)
        #expect(
            error.message
                == "no such field; this row has 'label', 'text'; every row needs each --attr-field")
    }

    @Test func anAttributeBothFilesLackStopsWithTheOriginalsClosestKey() throws {
        let fields = FieldOptions(attributeFields: ["generation_methd"])
        let result = try loadPair(Self.synthetic, Self.synthetic, fields: fields)
        guard case .failure(let error) = result else {
            Issue.record("an attribute neither file has was accepted")
            return
        }
        #expect(error.kind == .input)
        #expect(error.file == "original.jsonl")
        #expect(error.line == 1)
        #expect(error.field == "generation_methd")
        #expect(
            error.message
                == "no such field (did you mean 'generation_method'?); this row has 'generation_method', 'label', 'text'; the other file has none either; name a field at least one of them has"
        )
    }

    @Test func anAttributeNeitherFileHasStopsWithTheErrorThatSuggestsAKey() throws {
        let fields = FieldOptions(attributeFields: ["generation_methd"])
        // The original's first row has no key close to the name, the synthetic's has: its error is the one.
        let result = try loadPair(Self.original, Self.synthetic, fields: fields)
        guard case .failure(let error) = result else {
            Issue.record("an attribute neither file has was accepted")
            return
        }
        #expect(error.file == "synthetic.jsonl")
        #expect(error.message.hasPrefix("no such field (did you mean 'generation_method'?)"))
        // Neither has a close key: the original's.
        let neither = try loadPair(Self.original, Self.original, fields: fields)
        guard case .failure(let other) = neither else {
            Issue.record("an attribute neither file has was accepted")
            return
        }
        #expect(other.file == "original.jsonl")
        #expect(
            other.message
                == "no such field; this row has 'label', 'text'; the other file has none either; name a field at least one of them has"
        )
    }

    @Test func oneFileAloneStillNeedsEveryAttribute() throws {
        let failure = try #require(try loadFailure(named: "data.jsonl", text: Self.original, fields: Self.fields))
        #expect(failure.error.line == 1)
        #expect(failure.error.message.hasSuffix("every row needs each --attr-field"))
    }
}
