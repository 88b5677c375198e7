import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// JSONL loading through `DatasetLoader.load(path:fields:)`: what a well-formed file becomes.
@Suite struct JSONLLoadingTests {
    @Test func readsTextLabelAndAttributeFields() throws {
        let text = """
            {"text": "Good food.", "label": "positive", "source": "restaurant"}
            {"text": "Bad room.", "label": "negative", "source": "hotel"}

            """
        let corpus = try loadTemporaryFile(
            named: "data.jsonl", text: text, fields: FieldOptions(attributeFields: ["source"]))
        #expect(corpus.count == 2)
        #expect(corpus.texts == ["Good food.", "Bad room."])
        #expect(corpus.textFields == ["text"])
        #expect(corpus.labelField == "label")
        #expect(corpus.isLabelled)
        // Sorted names: "negative" < "positive"; row 1 is positive (id 1), row 2 negative (id 0).
        #expect(corpus.labelNames == ["negative", "positive"])
        #expect(corpus.labels == [1, 0])
        #expect(corpus.attributes == ["source": ["restaurant", "hotel"]])
        #expect(corpus.rowNumbers == [1, 2])
        #expect(corpus.source.format == .jsonl)
    }

    @Test func sourceRecordsPathByteCountAndSHA256() throws {
        // 43 characters + LF = 44 bytes; SHA-256 computed independently with Python's hashlib.
        let text = "{\"text\": \"Good food.\", \"label\": \"positive\"}\n"
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("one.jsonl").path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let corpus = try DatasetLoader.load(path: path)
            #expect(corpus.source.path == path)
            #expect(corpus.source.byteCount == 44)
            #expect(corpus.source.sha256 == "673179ff4eb5c1a2756ca4ad6bcbc1ab5aa7ec6fe7c46e5531eaabcbc16155bd")
        }
    }

    /// (label as written in JSON, label as Assay spells it).
    @Test(arguments: [
        ("1", "1"),
        ("-3", "-3"),
        ("0", "0"),
        ("2.5", "2.5"),
        ("true", "true"),
        ("\"yes\"", "yes"),
    ])
    func scalarLabelsAreSpelledOutAsStrings(json: String, expected: String) throws {
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: "{\"text\": \"a\", \"label\": \(json)}\n")
        #expect(corpus.labelNames == [expected])
        #expect(corpus.labels == [0])
    }

    @Test func integerLabelsBecomeStringLabelNames() throws {
        let text = """
            {"text": "good", "label": 1}
            {"text": "bad", "label": 0}
            {"text": "fine", "label": 1}

            """
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        // Names sorted: "0" < "1"; rows are 1, 0, 1 → ids 1, 0, 1.
        #expect(corpus.labelNames == ["0", "1"])
        #expect(corpus.labels == [1, 0, 1])
        #expect(corpus.labelCounts == ["0": 1, "1": 2])
    }

    @Test func blankLinesAreSkippedButStillCounted() throws {
        // Line 1 row, line 2 empty, line 3 spaces and a tab, line 4 row, line 5 empty, line 6 row.
        let text =
            "{\"text\": \"one\", \"label\": \"a\"}\n\n  \t \n{\"text\": \"two\", \"label\": \"b\"}\n\n"
            + "{\"text\": \"three\", \"label\": \"a\"}\n"
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        #expect(corpus.texts == ["one", "two", "three"])
        #expect(corpus.rowNumbers == [1, 4, 6])
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let corpus = try loadTemporaryFile(
            named: "data.jsonl", text: "{\"text\": \"one\", \"label\": \"a\"}\n{\"text\": \"two\", \"label\": \"b\"}")
        #expect(corpus.texts == ["one", "two"])
        #expect(corpus.rowNumbers == [1, 2])
    }

    @Test func utf8ByteOrderMarkIsIgnored() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"caf\u{E9}\", \"label\": \"p\"}\n".utf8)
        let corpus = try loadTemporaryFile(named: "bom.jsonl", bytes: bytes)
        #expect(corpus.texts == ["caf\u{E9}"])
        #expect(corpus.labelNames == ["p"])
        #expect(corpus.rowNumbers == [1])
    }

    @Test func byteOrderMarkDoesNotShiftErrorLines() throws {
        // Without the BOM stripped, line 1 would fail as malformed JSON; with it, line 2 is the bad one.
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"text\": \"a\", \"label\": \"p\"}\n{\"text\": 1}\n".utf8)
        let failure = try #require(try loadFailure(named: "bom.jsonl", bytes: bytes))
        #expect(failure.error.line == 2)
        #expect(failure.error.field == "text")
    }

    @Test func crlfLineEndingsAreStripped() throws {
        // Line 1 row, line 2 an empty CRLF line, line 3 row.
        let text = "{\"text\": \"a\", \"label\": \"p\"}\r\n\r\n{\"text\": \"b\", \"label\": \"n\"}\r\n"
        let corpus = try loadTemporaryFile(named: "crlf.jsonl", text: text)
        #expect(corpus.texts == ["a", "b"])
        #expect(corpus.labelNames == ["n", "p"])
        #expect(corpus.rowNumbers == [1, 3])
    }

    @Test func severalTextFieldsAreJoinedWithNewline() throws {
        let text = """
            {"premise": "A dog runs.", "hypothesis": "An animal moves.", "label": "entailment"}

            """
        let corpus = try loadTemporaryFile(
            named: "pairs.jsonl", text: text, fields: FieldOptions(textFields: ["premise", "hypothesis"]))
        #expect(corpus.texts == ["A dog runs.\nAn animal moves."])
        #expect(corpus.textFields == ["premise", "hypothesis"])
    }

    @Test func labelNamesAreSortedAndLabelsIndexThem() throws {
        let text = """
            {"text": "a", "label": "pos"}
            {"text": "b", "label": "neg"}
            {"text": "c", "label": "neu"}
            {"text": "d", "label": "neg"}

            """
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        // Sorted: neg (0) < neu (1) < pos (2); rows pos, neg, neu, neg → 2, 0, 1, 0.
        #expect(corpus.labelNames == ["neg", "neu", "pos"])
        #expect(corpus.labels == [2, 0, 1, 0])
        #expect(corpus.labelCounts == ["neg": 2, "neu": 1, "pos": 1])
        #expect(corpus.rowsByLabel == [[1, 3], [2], [0]])
    }

    @Test func numericAttributesAreSpelledOut() throws {
        let text = """
            {"text": "a", "label": "p", "stars": 5}
            {"text": "b", "label": "n", "stars": "two"}

            """
        let corpus = try loadTemporaryFile(
            named: "data.jsonl", text: text, fields: FieldOptions(attributeFields: ["stars"]))
        #expect(corpus.attributes["stars"] == ["5", "two"])
    }

    @Test func fileWithoutTheDefaultLabelFieldIsUnlabelled() throws {
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("unlabelled.jsonl"))
        // fixtures/README.md: 20 rows, each only {"text"}.
        #expect(corpus.count == 20)
        #expect(corpus.labels == nil)
        #expect(!corpus.isLabelled)
        #expect(corpus.labelField == nil)
        #expect(corpus.labelNames.isEmpty)
        #expect(corpus.labelCounts.isEmpty)
        #expect(corpus.rowsByLabel.isEmpty)
        #expect(corpus.rowNumbers == Array(1...20))
        #expect(corpus.texts.first == "The parcel arrived two days early, which was a pleasant surprise.")
    }

    @Test func reviewFixturesHaveTheDocumentedBalance() throws {
        // fixtures/README.md: 160 rows, 80/80, 40 per source split 20/20.
        for name in ["reviews_original.jsonl", "reviews_synthetic.jsonl"] {
            let corpus = try DatasetLoader.load(
                path: TestPaths.fixture(name), fields: FieldOptions(attributeFields: ["source"]))
            #expect(corpus.count == 160, "\(name)")
            #expect(corpus.labelCounts == ["negative": 80, "positive": 80], "\(name)")
            let sources = try #require(corpus.attributes["source"])
            #expect(tally(sources) == ["restaurant": 40, "electronics": 40, "books": 40, "hotel": 40], "\(name)")
            let labels = try #require(corpus.labels)
            let pairs = zip(sources, labels).map { "\($0)/\(corpus.labelNames[Int($1)])" }
            #expect(tally(pairs).values.allSatisfy { $0 == 20 }, "\(name)")
            #expect(tally(pairs).count == 8, "\(name)")
        }
    }

    @Test func syntheticFixtureDuplicatesAreWhereTheReadmeSays() throws {
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("reviews_synthetic.jsonl"))
        #expect(corpus.rowNumbers == Array(1...160))
        // fixtures/README.md: duplicate line → earlier line with the same text; 154 distinct texts.
        let pairs = [(39, 10), (64, 22), (91, 1), (116, 3), (132, 35), (153, 2)]
        for (duplicate, original) in pairs {
            #expect(corpus.texts[duplicate - 1] == corpus.texts[original - 1], "line \(duplicate)")
        }
        #expect(Set(corpus.texts).count == 154)
    }
}

/// One malformed JSONL file and the error it must produce.
struct JSONLErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var fields = FieldOptions()
    var line: Int?
    var field: String?
    /// Phrases the message must contain.
    var phrases: [String]
    /// The whole message, when it is pinned exactly.
    var message: String?

    var testDescription: String { name }

    init(
        _ name: String, _ text: String, fields: FieldOptions = FieldOptions(), line: Int?, field: String?,
        phrases: [String] = [], message: String? = nil
    ) {
        self.init(
            name, bytes: Array(text.utf8), fields: fields, line: line, field: field, phrases: phrases, message: message)
    }

    init(
        _ name: String, bytes: [UInt8], fields: FieldOptions = FieldOptions(), line: Int?, field: String?,
        phrases: [String] = [], message: String? = nil
    ) {
        self.name = name
        self.bytes = bytes
        self.fields = fields
        self.line = line
        self.field = field
        self.phrases = phrases
        self.message = message
    }
}

/// Every way a JSONL file can be rejected, checked through `DatasetLoader.load(path:fields:)`.
@Suite struct JSONLErrorTests {
    static let labelled = "{\"text\": \"a\", \"label\": \"p\"}\n"

    static let cases: [JSONLErrorCase] = [
        JSONLErrorCase(
            "malformed JSON", labelled + "{\"text\": \"b\", \"label\": \n", line: 2, field: nil,
            phrases: ["malformed JSON (", "each line must be one complete JSON object"]),
        JSONLErrorCase(
            "JSON array line after a blank line", labelled + "\n[\"text\", \"label\"]\n", line: 3, field: nil,
            phrases: ["expected a JSON object, found an array"]),
        JSONLErrorCase(
            "JSON string line", "\"just text\"\n", line: 1, field: nil,
            phrases: ["expected a JSON object, found a string"]),
        // The lookup runs from the requested field ("text") to the row's keys ("txt"): distance 1.
        JSONLErrorCase(
            "missing text field, near miss", "{\"txt\": \"hello\", \"label\": \"p\"}\n", line: 1, field: "text",
            message: "no such field (did you mean 'txt'?); this row has 'label', 'txt'; "
                + "pass --text-field with the field that holds the text"),
        // "body" and "label" are 4 or more edits from "text", over the limit of max(2, 4 / 3) = 2.
        JSONLErrorCase(
            "missing text field, no near miss", labelled + "{\"body\": \"hello\", \"label\": \"p\"}\n", line: 2,
            field: "text",
            message: "no such field; this row has 'body', 'label'; pass --text-field with the field that holds the text"
        ),
        JSONLErrorCase(
            "empty object", "{}\n", line: 1, field: "text",
            message: "no such field; this row has no fields; pass --text-field with the field that holds the text"),
        JSONLErrorCase(
            "number as text", "{\"text\": 42, \"label\": \"p\"}\n", line: 1, field: "text",
            message: "expected a string, found a number; the text field must hold text"),
        JSONLErrorCase(
            "null as text", "{\"text\": null}\n", line: 1, field: "text",
            phrases: ["expected a string, found null"]),
        JSONLErrorCase(
            "array as second text field", "{\"premise\": \"p\", \"hypothesis\": [\"h\"]}\n",
            fields: FieldOptions(textFields: ["premise", "hypothesis"]), line: 1, field: "hypothesis",
            phrases: ["expected a string, found an array"]),
        JSONLErrorCase(
            "null label", labelled + "{\"text\": \"b\", \"label\": null}\n", line: 2, field: "label",
            message: "null; every row needs a label"),
        JSONLErrorCase(
            "null label on row 1", "{\"text\": \"b\", \"label\": null}\n", line: 1, field: "label",
            message: "null; every row needs a label"),
        JSONLErrorCase(
            "empty label", labelled + "{\"text\": \"b\", \"label\": \"\"}\n", line: 2, field: "label",
            message: "empty; every row needs a label"),
        JSONLErrorCase(
            "object label", "{\"text\": \"b\", \"label\": {\"name\": \"p\"}}\n", line: 1, field: "label",
            message: "expected a string or number, found an object"),
        JSONLErrorCase(
            "label missing on a later row", labelled + "\n{\"text\": \"b\"}\n", line: 3, field: "label",
            message: "missing, but line 1 has a label; give every row a label or none"),
        // The first row is on line 2 (line 1 is blank), so the message names line 2.
        JSONLErrorCase(
            "label present on a later row", "\n{\"text\": \"a\"}\n{\"text\": \"b\", \"label\": \"p\"}\n", line: 3,
            field: "label", message: "this row has a label but line 2 has none; give every row a label or none"),
        JSONLErrorCase(
            "explicit label field missing on row 1", labelled,
            fields: FieldOptions(labelField: "class", labelFieldIsExplicit: true), line: 1, field: "class",
            phrases: ["no such field", "this row has 'label', 'text'", "pass --label-field"]),
        JSONLErrorCase(
            "attribute missing on row 2", "{\"text\": \"a\", \"label\": \"p\", \"source\": \"web\"}\n" + labelled,
            fields: FieldOptions(attributeFields: ["source"]), line: 2, field: "source",
            phrases: ["no such field", "this row has 'label', 'text'", "every row needs each --attr-field"]),
        JSONLErrorCase(
            "object attribute", "{\"text\": \"a\", \"label\": \"p\", \"source\": {\"site\": \"web\"}}\n",
            fields: FieldOptions(attributeFields: ["source"]), line: 1, field: "source",
            message: "expected a string or number, found an object"),
        JSONLErrorCase(
            "null attribute", "{\"text\": \"a\", \"label\": \"p\", \"source\": null}\n",
            fields: FieldOptions(attributeFields: ["source"]), line: 1, field: "source",
            message: "expected a string or number, found null"),
        // `{"text": "ab` is 12 bytes ({ " t e x t " : space " a b), so 0xFF is byte 13: column 13.
        JSONLErrorCase(
            "invalid UTF-8 after a space",
            bytes: Array(labelled.utf8) + Array("{\"text\": \"ab".utf8) + [0xFF]
                + Array("\"}\n".utf8), line: 2, field: nil,
            phrases: ["not valid UTF-8 (byte 0xFF at column 13)", "convert the file to UTF-8"]),
        // `{"text":"ab` is 11 bytes, so 0xFF is column 12.
        JSONLErrorCase(
            "invalid UTF-8 without a space", bytes: Array("{\"text\":\"ab".utf8) + [0xFF] + Array("\"}\n".utf8),
            line: 1, field: nil, phrases: ["not valid UTF-8 (byte 0xFF at column 12)"]),
        // `{"text": "` is 10 bytes; E2 82 starts "€" (E2 82 AC) but is cut off: the bad sequence is at 11.
        JSONLErrorCase(
            "truncated UTF-8 sequence", bytes: Array("{\"text\": \"".utf8) + [0xE2, 0x82] + Array("\"}\n".utf8),
            line: 1, field: nil, phrases: ["not valid UTF-8 (byte 0xE2 at column 11)"]),
        // "é" is 2 bytes (C3 A9), so after `{"text": "é` (12 bytes) a stray continuation byte is column 13.
        JSONLErrorCase(
            "stray continuation byte after a multibyte character",
            bytes: Array("{\"text\": \"\u{E9}".utf8) + [0x80] + Array("\"}\n".utf8), line: 1, field: nil,
            phrases: ["not valid UTF-8 (byte 0x80 at column 13)"]),
    ]

    @Test(arguments: cases)
    func malformedFileIsRejectedWithLocation(_ testCase: JSONLErrorCase) throws {
        let failure = try #require(try loadFailure(named: "data.jsonl", bytes: testCase.bytes, fields: testCase.fields))
        let error = failure.error
        #expect(error.kind == .input)
        #expect(error.file == failure.path)
        #expect(error.line == testCase.line)
        #expect(error.field == testCase.field)
        for phrase in testCase.phrases {
            #expect(error.message.contains(phrase), "\(error.message) lacks \(phrase)")
        }
        if let message = testCase.message {
            #expect(error.message == message)
        }
    }

    @Test func missingFileIsAnInputError() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("missing.jsonl").path
            let failure = try #require(try loadFailure(path: path))
            #expect(failure.error.kind == .input)
            #expect(failure.error.file == path)
            #expect(failure.error.line == nil)
            #expect(failure.error.field == nil)
            #expect(failure.error.message == "no such file; check the path")
        }
    }

    @Test func aFolderWithoutDataFilesIsAnInputError() throws {
        try withTemporaryDirectory { directory in
            // A folder is read as shards (ShardTests), even one named like a file; this one has none.
            let url = directory.appendingPathComponent("folder.jsonl", isDirectory: true)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            let failure = try #require(try loadFailure(path: url.path))
            #expect(failure.error.kind == .input)
            #expect(failure.error.file == url.path)
            #expect(failure.error.line == nil)
            #expect(failure.error.message.hasPrefix("the folder holds no data files; "))
        }
    }

    @Test(arguments: ["data.txt", "data", "data.jsonl.bak", "data.parquet.bak"])
    func unknownExtensionIsAnInputError(name: String) throws {
        let failure = try #require(try loadFailure(named: name, text: Self.labelled))
        #expect(failure.error.kind == .input)
        #expect(failure.error.file == failure.path)
        #expect(failure.error.line == nil)
        #expect(failure.error.message.contains("cannot tell the format from the file name"))
    }

    /// JSON Lines text named .parquet is read as Parquet, and is not Parquet.
    @Test func jsonLinesNamedParquetIsNotParquet() throws {
        let failure = try #require(try loadFailure(named: "data.parquet", text: Self.labelled))
        #expect(failure.error.kind == .input && failure.error.file == failure.path)
        #expect(failure.error.message.contains("does not start and end with the Parquet magic bytes PAR1"))
    }

    @Test(arguments: ["", "\n", "\n  \n\t\n", "\r\n\r\n"])
    func fileWithoutRowsIsAnInputError(text: String) throws {
        let failure = try #require(try loadFailure(named: "empty.jsonl", text: text))
        #expect(failure.error.kind == .input)
        #expect(failure.error.file == failure.path)
        #expect(failure.error.line == nil)
        #expect(failure.error.message.contains("the file has no rows"))
    }

    @Test func maxRecordBytesIsSixteenMebibytes() {
        // 16 << 20 = 16 · 1,048,576.
        #expect(DatasetLoader.maxRecordBytes == 16_777_216)
    }

    @Test func lineOverTheRecordLimitIsAnInputError() throws {
        // `{"text": "` (10 bytes) + letters + `"}` (2 bytes) = maxRecordBytes + 1 bytes in all.
        let letters = [UInt8](repeating: UInt8(ascii: "a"), count: DatasetLoader.maxRecordBytes + 1 - 12)
        let long = Array("{\"text\": \"".utf8) + letters + Array("\"}".utf8)
        #expect(long.count == DatasetLoader.maxRecordBytes + 1)
        let bytes = Array(Self.labelled.utf8) + long + [0x0A]
        let failure = try #require(try loadFailure(named: "long.jsonl", bytes: bytes))
        #expect(failure.error.kind == .input)
        #expect(failure.error.line == 2)
        #expect(failure.error.field == nil)
        #expect(failure.error.message.contains("over the 16 MiB limit for one record"))
    }

    @Test func lineExactlyAtTheRecordLimitIsAccepted() throws {
        let letters = [UInt8](repeating: UInt8(ascii: "a"), count: DatasetLoader.maxRecordBytes - 12)
        let bytes = Array("{\"text\": \"".utf8) + letters + Array("\"}\n".utf8)
        let corpus = try loadTemporaryFile(named: "limit.jsonl", bytes: bytes)
        #expect(corpus.count == 1)
        #expect(corpus.texts.first?.utf8.count == DatasetLoader.maxRecordBytes - 12)
    }

    @Test func loadErrorDescriptionNamesFileLineAndField() throws {
        let failure = try #require(try loadFailure(named: "data.jsonl", text: Self.labelled + "{\"text\": \"b\"}\n"))
        #expect(
            failure.error.description
                == "\(failure.path):2: label: missing, but line 1 has a label; give every row a label or none")
        #expect(failure.error.exitCode == 3)
    }
}

/// `AssayError`'s one-line description and exit codes.
@Suite struct AssayErrorTests {
    @Test func descriptionIsFileLineFieldMessage() {
        let error = AssayError(.input, file: "data.jsonl", line: 7, field: "label", "null; every row needs a label")
        #expect(error.description == "data.jsonl:7: label: null; every row needs a label")
    }

    @Test func descriptionLeavesOutUnknownParts() {
        #expect(AssayError(.input, file: "a.csv", "no such file").description == "a.csv: no such file")
        #expect(AssayError(.input, file: "a.csv", line: 3, "bad").description == "a.csv:3: bad")
        #expect(AssayError(.input, file: "a.csv", field: "text", "bad").description == "a.csv: text: bad")
        #expect(AssayError(.usage, field: "--seed", "must be a number").description == "--seed: must be a number")
        // A line without a file has nothing to attach to and is left out.
        #expect(AssayError(.usage, line: 4, "bad").description == "bad")
        #expect(AssayError(.runtime, "disk full").description == "disk full")
    }

    @Test(arguments: [(AssayError.Kind.input, Int32(3)), (.usage, 2), (.runtime, 3)])
    func exitCodeFollowsKind(kind: AssayError.Kind, code: Int32) {
        #expect(AssayError(kind, "x").exitCode == code)
    }
}
