import Foundation
import Testing

/// The bytes of a bad input file.
enum BadContents: Sendable {
    case text(String)
    case bytes([UInt8])
    /// One JSONL line whose text field is `mebibytes` MiB long.
    case hugeLine(mebibytes: Int)
    /// The bytes of a committed fixture (empty if it is missing, which then fails the test's phrases).
    case fixture(String)

    var data: Data {
        switch self {
        case .text(let text):
            return Data(text.utf8)
        case .bytes(let bytes):
            return Data(bytes)
        case .hugeLine(let mebibytes):
            var data = Data("{\"text\": \"".utf8)
            data.append(Data(repeating: UInt8(ascii: "a"), count: mebibytes << 20))
            data.append(Data("\", \"label\": \"x\"}\n".utf8))
            return data
        case .fixture(let name):
            return (try? Data(contentsOf: URL(fileURLWithPath: AssayCLI.fixture(name)))) ?? Data()
        }
    }
}

/// One bad input and the one-line error it must produce.
struct BadInputCase: Sendable, CustomTestStringConvertible {
    var name: String
    var fileName: String
    /// nil: the file is not created.
    var contents: BadContents?
    var options: [String] = []
    /// The line the message must name, if any.
    var line: Int?
    /// The field the message must name, if any.
    var field: String?
    /// Phrases the message must contain.
    var phrases: [String]

    var testDescription: String { name }
}

/// How a bad file is handed to the tool.
enum BadInputCommand: String, Sendable, CaseIterable {
    /// `assay analyze BAD`.
    case analyze
    /// `assay compare --original BAD --synthetic GOOD` (the original is loaded first).
    case compare

    func arguments(_ path: String) -> [String] {
        switch self {
        case .analyze: ["analyze", path]
        case .compare: ["compare", "--original", path, "--synthetic", AssayCLI.fixture("reviews_synthetic.jsonl")]
        }
    }
}

/// Every input error exits 3 with one `assay: FILE:LINE: FIELD: message` line and writes nothing.
@Suite struct InputErrorEndToEndTests {
    static let row = "{\"text\": \"a b c\", \"label\": \"x\"}\n"

    static let cases: [BadInputCase] = [
        BadInputCase(
            name: "missing file", fileName: "missing.jsonl", contents: nil, phrases: ["no such file"]),
        BadInputCase(
            name: "malformed JSON on line 3", fileName: "malformed.jsonl",
            contents: .text(row + row + "{\"text\": \"a b c\", \"label\": \n"), line: 3,
            phrases: ["malformed JSON"]),
        BadInputCase(
            name: "wrong text field name", fileName: "sentence.jsonl",
            contents: .text("{\"sentence\": \"a b c\", \"label\": \"x\"}\n"), line: 1, field: "text",
            phrases: ["'sentence'"]),
        BadInputCase(
            name: "number as text", fileName: "number.jsonl",
            contents: .text(row + "{\"text\": 42, \"label\": \"x\"}\n"), line: 2, field: "text",
            phrases: ["expected a string"]),
        BadInputCase(
            name: "empty file", fileName: "empty.jsonl", contents: .text(""), phrases: ["no rows"]),
        BadInputCase(
            name: "only blank lines", fileName: "blank.jsonl", contents: .text("\n\n  \n\t\n"), phrases: ["no rows"]),
        BadInputCase(
            name: "invalid UTF-8 on line 2", fileName: "latin.jsonl",
            contents: .bytes(
                Array(row.utf8) + Array("{\"text\": \"a ".utf8) + [0xFF, 0xFE]
                    + Array(" b\", \"label\": \"x\"}\n".utf8)),
            line: 2, phrases: ["UTF-8"]),
        BadInputCase(
            name: "17 MiB line", fileName: "huge.jsonl", contents: .hugeLine(mebibytes: 17), line: 1,
            phrases: ["MiB"]),
        BadInputCase(
            name: "label missing on line 2", fileName: "label.jsonl",
            contents: .text(row + "{\"text\": \"d e f\"}\n"), line: 2, field: "label", phrases: []),
        BadInputCase(
            name: "label field not in the data", fileName: "nope.jsonl", contents: .text(row + row),
            options: ["--label-field", "nope"], line: 1, field: "nope", phrases: []),
        BadInputCase(
            name: "JSON array line", fileName: "array.jsonl", contents: .text(row + "[\"a b c\", \"x\"]\n"),
            line: 2, phrases: ["expected a JSON object"]),
        BadInputCase(
            name: "unterminated CSV quote on line 3", fileName: "open.csv",
            contents: .text("text,label\na b c,x\n\"d e f,y\ng h i,z\n"), line: 3, phrases: ["never closed"]),
        BadInputCase(
            name: "CSV record with too many fields on line 4", fileName: "fields.csv",
            contents: .text("text,label\na b c,x\nd e f,y\ng h i,z,extra\n"), line: 4, phrases: ["fields"]),
        BadInputCase(
            name: "unknown extension", fileName: "file.txt", contents: .text(row), phrases: ["format"]),
        BadInputCase(
            name: "truncated gzip", fileName: "truncated.jsonl.gz", contents: .fixture("forms/truncated.jsonl.gz"),
            phrases: ["the gzip data ends early", "is the file cut short?"]),
        BadInputCase(
            name: "corrupt zstd frame", fileName: "corrupt.jsonl.zst", contents: .fixture("forms/corrupt.jsonl.zst"),
            phrases: ["corrupt zstd data (Data corruption detected)"]),
        BadInputCase(
            name: "field path naming a missing key", fileName: "chat.jsonl",
            contents: .text(
                "{\"messages\": [{\"role\": \"user\", \"content\": \"Hi?\"}, {\"role\": \"assistant\", \"content\": \"Hello.\"}]}\n"
            ),
            options: ["--text-field", "messages[-1].contnt"], line: 1, field: "messages[-1].contnt",
            phrases: ["no key 'contnt' in 'messages[-1]'", "did you mean 'content'?"]),
    ]

    @Test(arguments: cases, BadInputCommand.allCases)
    func badInputExitsThreeWithOneLineAndWritesNothing(bad: BadInputCase, command: BadInputCommand) throws {
        try withSandbox { sandbox in
            let file = sandbox.appendingPathComponent(bad.fileName)
            if let contents = bad.contents {
                try contents.data.write(to: file)
            }
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                command.arguments(file.path) + bad.options + ["--out", out.path], in: sandbox)

            #expect(!result.crashed)
            #expect(result.exitCode == 3, "stderr: \(result.stderr)")
            #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
            // Exactly one line, newline-terminated.
            #expect(result.stderr.hasSuffix("\n"))
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "stderr: \(result.stderr)")
            let message = result.stderr.trimmingCharacters(in: .newlines)

            var location = "assay: \(file.path)"
            if let line = bad.line { location += ":\(line)" }
            location += ": "
            if let field = bad.field { location += "\(field): " }
            #expect(message.hasPrefix(location), "expected '\(location)…', got: \(message)")
            for phrase in bad.phrases {
                #expect(message.contains(phrase), "'\(phrase)' not in: \(message)")
            }
            #expect(AssayCLI.reportFiles(in: out).isEmpty)
            #expect(AssayCLI.isAbsentOrEmpty(out), "the output folder was created or written to")
        }
    }
}
