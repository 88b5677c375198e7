import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// RFC 4180 CSV through `DatasetLoader.load(path:fields:)`.
@Suite struct CSVLoadingTests {
    static let reviews = TestPaths.fixture("reviews_small.csv")

    @Test func reviewsFixtureHasTwelveRecordsNumberedByRecord() throws {
        let corpus = try DatasetLoader.load(path: Self.reviews, fields: FieldOptions(attributeFields: ["source"]))
        // fixtures/README.md: header + exactly 12 records; rows are numbered by record, not by line.
        #expect(corpus.count == 12)
        #expect(corpus.rowNumbers == Array(1...12))
        #expect(corpus.source.format == .csv)
        #expect(corpus.labelCounts == ["negative": 6, "positive": 6])
        let sources = try #require(corpus.attributes["source"])
        #expect(tally(sources) == ["restaurant": 3, "electronics": 3, "books": 3, "hotel": 3])
    }

    @Test func reviewsFixtureFieldsDecodeAsRFC4180Says() throws {
        let corpus = try DatasetLoader.load(path: Self.reviews, fields: FieldOptions(attributeFields: ["source"]))
        try #require(corpus.count == 12)
        let texts = corpus.texts
        #expect(texts[0] == "Great coffee and friendly staff.")
        // Commas inside quotes stay in the field.
        #expect(texts[1] == "Cheap, fast, and surprisingly tasty.")
        // "" inside a quoted field is one quote.
        #expect(texts[2] == "The box said \"brand new\" but it had scratches.")
        #expect(texts[5] == "She called it \"unputdownable\", and she was right.")
        // Record 7 (lines 8–9) keeps its embedded line feed, and no CR from the CRLF line ends.
        #expect(texts[6] == "First line of the review.\nSecond line, after a line break.")
        // Quoted although it need not be.
        #expect(texts[7] == "Quiet room")
        #expect(texts[8] == "Noisy, dirty, and the staff said \"not our problem\".")
        #expect(texts[10] == "Lovely caf\u{E9} in S\u{E3}o Paulo \u{2014} go early, it fills up.")
        // `"""Meh"" is …"`: the opening quote, then "" → one quote.
        #expect(texts[11] == "\"Meh\" is the kindest word I have for it.")
        // The last field of every CRLF-terminated record carries no "\r".
        let sources = try #require(corpus.attributes["source"])
        #expect(sources[11] == "books")
        #expect(!texts.contains { $0.contains("\r") })
        #expect(!sources.contains { $0.contains("\r") })
        #expect(!corpus.labelNames.contains { $0.contains("\r") })
    }

    @Test func emptyQuotedFieldAndTrailingEmptyField() throws {
        let text = "text,label,note\r\n\"\",positive,\r\nplain,negative,\"x\"\r\n"
        let corpus = try loadTemporaryFile(
            named: "data.csv", text: text, fields: FieldOptions(attributeFields: ["note"]))
        #expect(corpus.texts == ["", "plain"])
        #expect(corpus.attributes["note"] == ["", "x"])
        #expect(corpus.labelNames == ["negative", "positive"])
        #expect(corpus.labels == [1, 0])
    }

    @Test func lfLineEndsAndNoFinalNewline() throws {
        let corpus = try loadTemporaryFile(named: "data.csv", text: "text,label\nfirst,a\n\"last, quoted\",b")
        #expect(corpus.texts == ["first", "last, quoted"])
        #expect(corpus.labelNames == ["a", "b"])
    }

    @Test func trailingEmptyFieldAtEndOfFile() throws {
        let corpus = try loadTemporaryFile(
            named: "data.csv", text: "text,label,note\nhello,a,", fields: FieldOptions(attributeFields: ["note"]))
        #expect(corpus.texts == ["hello"])
        #expect(corpus.attributes["note"] == [""])
    }

    @Test func crlfInsideQuotesIsKept() throws {
        let corpus = try loadTemporaryFile(named: "data.csv", text: "text,label\r\n\"one\r\ntwo\",a\r\n")
        #expect(corpus.texts == ["one\r\ntwo"])
    }

    @Test func blankLinesBetweenRecordsAreSkipped() throws {
        let corpus = try loadTemporaryFile(named: "data.csv", text: "text,label\n\nfirst,a\n\nsecond,b\n")
        #expect(corpus.texts == ["first", "second"])
        // Records, not lines: blank lines are not records.
        #expect(corpus.rowNumbers == [1, 2])
    }

    @Test func emptyQuotedFieldInASingleColumnFileIsARecord() throws {
        // RFC 4180: `""` is a record with one empty field, unlike an empty line. Record 1 is the
        // empty text and "b" is record 2.
        let corpus = try loadTemporaryFile(named: "one.csv", text: "text\n\"\"\nb\n")
        #expect(corpus.texts == ["", "b"])
        #expect(corpus.rowNumbers == [1, 2])
    }

    @Test func headerWithoutLabelColumnIsUnlabelled() throws {
        let corpus = try loadTemporaryFile(named: "data.csv", text: "text,source\nhello,web\n")
        #expect(!corpus.isLabelled)
        #expect(corpus.labelField == nil)
        #expect(corpus.texts == ["hello"])
    }

    @Test func quoteInsideAnUnquotedFieldIsLiteral() throws {
        // A quote only opens a quoted field at the start of the field.
        let corpus = try loadTemporaryFile(named: "data.csv", text: "text,label\n5\" screen,a\n")
        #expect(corpus.texts == ["5\" screen"])
    }

    @Test func headerOnlyFileHasNoRows() throws {
        let failure = try #require(try loadFailure(named: "data.csv", text: "text,label\r\n"))
        #expect(failure.error.kind == .input)
        #expect(failure.error.message.contains("the file has no rows"))
    }
}

/// How malformed CSV is reported.
@Suite struct CSVErrorTests {
    @Test func unterminatedQuoteIsReportedWhereItOpened() throws {
        // Line 1 header, line 2 a record, line 3 opens a quote that runs to the end of the file (line 4).
        let text = "text,label\nfine,positive\n\"opened here,negative\nstill inside,positive\n"
        let failure = try #require(try loadFailure(named: "data.csv", text: text))
        #expect(failure.error.kind == .input)
        #expect(failure.error.file == failure.path)
        #expect(failure.error.line == 3)
        #expect(failure.error.field == nil)
        #expect(failure.error.message.contains("a quoted field opened here is never closed"))
    }

    @Test func wrongFieldCountIsReportedAtTheRecordsStartLine() throws {
        // The bad record starts on line 3 and, through a quoted line break, ends on line 4.
        let text = "text,label\nok,positive\n\"spans\ntwo lines\",negative,extra\n"
        let failure = try #require(try loadFailure(named: "data.csv", text: text))
        #expect(failure.error.kind == .input)
        #expect(failure.error.line == 3)
        #expect(failure.error.field == nil)
        #expect(
            failure.error.message
                == "this record has 3 fields but the header has 2; check the delimiters and quotes")
    }

    @Test func tooFewFieldsIsAnError() throws {
        let failure = try #require(try loadFailure(named: "data.csv", text: "text,label,source\r\nonly,two\r\n"))
        #expect(failure.error.line == 2)
        #expect(failure.error.message.contains("this record has 2 fields but the header has 3"))
    }

    @Test func textAfterAClosingQuoteIsAnError() throws {
        let text = "text,label\nok,positive\n\"quoted\"tail,negative\n"
        let failure = try #require(try loadFailure(named: "data.csv", text: text))
        #expect(failure.error.kind == .input)
        #expect(failure.error.line == 3)
        #expect(failure.error.message.contains("unexpected text after a closing quote"))
    }

    /// (the text field asked for, the phrase the message must hold).
    @Test(arguments: [
        ("review", "no such column; the header has 'text', 'label', 'source'"),
        // "txt" → "text" is one insertion away.
        ("txt", "no such column (did you mean 'text'?); the header has 'text', 'label', 'source'"),
    ])
    func missingTextColumnIsReportedAtLineOne(field: String, message: String) throws {
        let failure = try #require(
            try loadFailure(path: CSVLoadingTests.reviews, fields: FieldOptions(textFields: [field])))
        #expect(failure.error.kind == .input)
        #expect(failure.error.file == CSVLoadingTests.reviews)
        #expect(failure.error.line == 1)
        #expect(failure.error.field == field)
        #expect(failure.error.message == message)
    }

    @Test func missingAttributeOrExplicitLabelColumnIsReportedAtLineOne() throws {
        let attribute = try #require(
            try loadFailure(path: CSVLoadingTests.reviews, fields: FieldOptions(attributeFields: ["region"])))
        #expect(attribute.error.line == 1)
        #expect(attribute.error.field == "region")
        #expect(attribute.error.message.contains("the header has 'text', 'label', 'source'"))

        let label = try #require(
            try loadFailure(
                path: CSVLoadingTests.reviews, fields: FieldOptions(labelField: "class", labelFieldIsExplicit: true)))
        #expect(label.error.line == 1)
        #expect(label.error.field == "class")
        #expect(label.error.message.contains("no such column"))
    }

    @Test func emptyLabelCellIsReportedAtItsLine() throws {
        let failure = try #require(try loadFailure(named: "data.csv", text: "text,label\na,positive\nb,\n"))
        #expect(failure.error.line == 3)
        #expect(failure.error.field == "label")
        #expect(failure.error.message == "empty; every row needs a label")
    }

    @Test func quotedFieldOverTheRecordLimitIsAnError() throws {
        // A record is `"` + (maxRecordBytes + 100) letters + `"`: over the limit, so it must be
        // rejected at line 2, as the same letters unquoted are.
        let letters = [UInt8](repeating: UInt8(ascii: "a"), count: DatasetLoader.maxRecordBytes + 100)
        let unquoted = try #require(
            try loadFailure(named: "big.csv", bytes: Array("text\n".utf8) + letters + [0x0A]))
        #expect(unquoted.error.line == 2)
        #expect(unquoted.error.message.contains("over the 16 MiB limit for one record"))
        let quoted = try loadFailure(named: "big.csv", bytes: Array("text\n\"".utf8) + letters + Array("\"\n".utf8))
        #expect(quoted?.error.line == 2)
        #expect(quoted?.error.message.contains("over the 16 MiB limit for one record") == true)
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() throws {
        // Line 3 is `ab`, 0xFF, `c,negative`: the bad byte is the line's third byte, column 3.
        let bytes = Array("text,label\nok,positive\nab".utf8) + [0xFF] + Array("c,negative\n".utf8)
        let failure = try #require(try loadFailure(named: "data.csv", bytes: bytes))
        #expect(failure.error.kind == .input)
        #expect(failure.error.line == 3)
        #expect(failure.error.message.contains("not valid UTF-8 (byte 0xFF at column 3)"))
    }
}

/// TSV: tabs between fields and no quoting.
@Suite struct TSVLoadingTests {
    static let pairFields = FieldOptions(textFields: ["premise", "hypothesis"])

    @Test func pairsFixtureLoadsAllRowsWithQuotesAsPlainCharacters() throws {
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("pairs_original.tsv"), fields: Self.pairFields)
        // fixtures/README.md: header + 24 rows, 8 per label.
        #expect(corpus.count == 24)
        #expect(corpus.source.format == .tsv)
        #expect(corpus.labelCounts == ["contradiction": 8, "entailment": 8, "neutral": 8])
        try #require(corpus.count == 24)
        // Line 25 (the 24th row): the premise starts with a quote, which is kept.
        #expect(
            corpus.texts[23]
                == "\"We're out of soup,\" the waiter said with a shrug.\nThe restaurant has plenty of soup.")
        // Line 5 (row 4): quotes in the middle and at the end of the premise.
        #expect(
            corpus.texts[3] == "The sign above the door says \"No dogs allowed\".\nThere is a sign near the door.")
        #expect(corpus.textFields == ["premise", "hypothesis"])
    }

    @Test func rowNumbersAreRecordNumbers() throws {
        // Corpus.rowNumbers: "record (CSV, TSV; header not counted)". The 24 rows on lines 2...25 are records 1...24.
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("pairs_original.tsv"), fields: Self.pairFields)
        #expect(corpus.rowNumbers == Array(1...24))
    }

    @Test func syntheticPairsRepeatEachOfEightPremisesThreeTimes() throws {
        let corpus = try DatasetLoader.load(
            path: TestPaths.fixture("pairs_synthetic.tsv"), fields: FieldOptions(textFields: ["premise"]))
        // fixtures/README.md: 8 premises, each with an entailment, a contradiction and a neutral row.
        #expect(corpus.count == 24)
        #expect(tally(corpus.texts).values.sorted() == Array(repeating: 3, count: 8))
        #expect(corpus.labelCounts == ["contradiction": 8, "entailment": 8, "neutral": 8])
    }

    @Test func quotesNeverOpenAField() throws {
        // Under CSV rules the first quote would swallow the tab and the next line.
        let text = "text\tlabel\n\"open quote\tpositive\nsay \"hi\" there\tnegative\n\"\"\tneutral\n"
        let corpus = try loadTemporaryFile(named: "data.tsv", text: text)
        #expect(corpus.texts == ["\"open quote", "say \"hi\" there", "\"\""])
        #expect(corpus.labelNames == ["negative", "neutral", "positive"])
    }

    @Test func commasAreOrdinaryCharacters() throws {
        let corpus = try loadTemporaryFile(named: "data.tab", text: "text\tlabel\r\na, b, c\tx\r\n")
        #expect(corpus.texts == ["a, b, c"])
        #expect(corpus.labelNames == ["x"])
    }

    @Test func wrongFieldCountDoesNotMentionQuotes() throws {
        let failure = try #require(try loadFailure(named: "data.tsv", text: "text\tlabel\nok\ta\nno tab here\n"))
        #expect(failure.error.line == 3)
        #expect(failure.error.message == "this record has 1 fields but the header has 2; check the delimiters")
    }
}
