import Foundation
import Testing

@testable import AssayCore

/// Inputs an adversarial probe found mishandled (issue 16): blank and boolean labels, files that are
/// not regular files, lone surrogate escapes and duplicate keys.
@Suite struct InputHardeningTests {
    @Test(arguments: [#"" ""#, #""\t""#, #"" \n ""#, #""\u00a0""#])
    func aLabelOfOnlyWhitespaceIsRejected(label: String) throws {
        let text = "{\"text\": \"fine\", \"label\": \"ok\"}\n{\"text\": \"blank\", \"label\": \(label)}\n"
        let failure = try #require(try loadFailure(named: "data.jsonl", text: text))
        #expect(failure.error.kind == .input)
        #expect(failure.error.line == 2)
        #expect(failure.error.field == "label")
        #expect(failure.error.message.hasPrefix("only whitespace"))
    }

    @Test func aBooleanAmongStringLabelsIsRejectedWithBothLines() throws {
        let text =
            "{\"text\": \"a\", \"label\": \"yes\"}\n{\"text\": \"b\", \"label\": \"no\"}\n{\"text\": \"c\", \"label\": true}\n"
        let failure = try #require(try loadFailure(named: "data.jsonl", text: text))
        #expect(failure.error.line == 3)
        #expect(failure.error.field == "label")
        #expect(failure.error.message.hasPrefix("the boolean true, but line 1 has a string or number label"))
    }

    @Test func aStringAfterBooleanLabelsIsRejected() throws {
        let text = "{\"text\": \"a\", \"label\": false}\n{\"text\": \"b\", \"label\": \"true\"}\n"
        let failure = try #require(try loadFailure(named: "data.jsonl", text: text))
        #expect(failure.error.line == 2)
        #expect(failure.error.message.hasPrefix("a string or number, but line 1 has a boolean label"))
    }

    @Test func labelsThatAreAllBooleansAreReadAsTwoClassesAndSaidSo() throws {
        let text =
            "{\"text\": \"a\", \"label\": true}\n{\"text\": \"b\", \"label\": false}\n{\"text\": \"c\", \"label\": true}\n"
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        #expect(corpus.labelNames == ["false", "true"])
        #expect(corpus.labels == [1, 0, 1])
        #expect(corpus.notes.count == 1)
        #expect(corpus.notes.first?.contains("every label in 'label' is a JSON boolean") == true)
    }

    @Test func stringLabelsCarryNoNote() throws {
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: "{\"text\": \"a\", \"label\": \"true\"}\n")
        #expect(corpus.notes.isEmpty)
    }

    @Test func aNamedPipeIsNotARegularFileAndIsNotOpened() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("pipe.jsonl").path
            #expect(mkfifo(path, 0o600) == 0)
            // Opening a FIFO with no writer would block forever; the check must come first.
            let failure = try #require(try loadFailure(path: path))
            #expect(failure.error.kind == .input)
            #expect(
                failure.error.message
                    == "is not a regular file (a named pipe (FIFO)); give a .jsonl, .json, .csv, .tsv or .parquet file, or a folder of them"
            )
        }
    }

    @Test func aLinkToDevZeroIsNotARegularFile() throws {
        try withTemporaryDirectory { directory in
            let path = directory.appendingPathComponent("zero.jsonl").path
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/dev/zero")
            let failure = try #require(try loadFailure(path: path))
            #expect(
                failure.error.message
                    == "is not a regular file (a character device); give a .jsonl, .json, .csv, .tsv or .parquet file, or a folder of them"
            )
        }
    }

    @Test(arguments: [
        (
            #"{"text": "a\ud800b", "label": "x"}"#,
            #"invalid \u escape \ud800: a high surrogate with no low surrogate"#, 12
        ),
        (
            #"{"text": "\udc00", "label": "x"}"#, #"invalid \u escape \udc00: a low surrogate with no high surrogate"#,
            11
        ),
        (#"{"text": "\uD83D\uD83D", "label": "x"}"#, #"invalid \u escape \uD83D: a high surrogate"#, 11),
    ])
    func aLoneSurrogateEscapeIsAnInvalidEscape(line: String, message: String, column: Int) throws {
        let failure = try #require(try loadFailure(named: "data.jsonl", text: line + "\n"))
        #expect(failure.error.line == 1)
        #expect(failure.error.message.hasPrefix(message), "\(failure.error.message)")
        #expect(failure.error.message.hasSuffix("(column \(column))"))
    }

    @Test func aSurrogatePairIsOneCharacter() throws {
        let corpus = try loadTemporaryFile(
            named: "data.jsonl", text: #"{"text": "x\uD83D\uDE00", "label": "a"}"# + "\n")
        #expect(corpus.texts == ["x😀"])
    }

    @Test func aDuplicateKeyIsAnErrorNamingTheKey() throws {
        let text = "{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"a\", \"label\": \"x\", \"label\": \"y\"}\n"
        let failure = try #require(try loadFailure(named: "data.jsonl", text: text))
        #expect(failure.error.line == 2)
        #expect(failure.error.message.hasPrefix("the key \"label\" appears twice in one object"))
        #expect(failure.error.message.hasSuffix("(column 29)"))
    }

    @Test func equalKeysInDifferentObjectsAreFine() throws {
        let text = #"{"text": "a", "label": "x", "meta": {"text": 1, "label": [{"text": 2}, {"text": 3}]}}"# + "\n"
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        #expect(corpus.texts == ["a"])
    }

    @Test func keysInsideStringsAndEscapedQuotesDoNotConfuseTheCheck() throws {
        let text = #"{"text": "{\"label\": 1, \"label\": 2}", "label": "x"}"# + "\n"
        let corpus = try loadTemporaryFile(named: "data.jsonl", text: text)
        #expect(corpus.texts == [#"{"label": 1, "label": 2}"#])
    }
}
