import Foundation
import Testing

@testable import AssayCore

/// `DatasetRewriter`: the rows left out and relabelled are the loader's row numbers, and every other byte
/// of a kept row is as it was.
@Suite struct DatasetRewriterTests {
    /// Writes `files` (name → bytes) to a fresh folder, loads `path` (relative to it) and rewrites it.
    private func rewrite(
        _ files: [String: [UInt8]], path: String, fields: FieldOptions = FieldOptions(), dropping: Set<Int> = [],
        relabelling: [Int: String] = [:]
    ) throws -> DatasetRewriter.Output {
        try withTemporaryDirectory { directory in
            for (name, bytes) in files {
                let url = directory.appendingPathComponent(name)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            let corpus = try DatasetLoader.load(path: directory.appendingPathComponent(path).path, fields: fields)
            return try DatasetRewriter.rewrite(
                corpus.source, labelField: corpus.labelField, dropping: dropping, relabelling: relabelling)
        }
    }

    private func text(_ output: DatasetRewriter.Output) -> String { String(decoding: output.data, as: UTF8.self) }

    // Line 1 has a byte order mark, line 3 is blank, lines end in CRLF and LF, the last has no line end.
    // Rows are lines 1, 2, 4, 5: dropping 2 and 5 leaves lines 1, 3 and 4 as they were but the label of 4.
    @Test func jsonLinesKeepEveryByteButTheDroppedLinesAndTheNewLabel() throws {
        let input =
            "\u{FEFF}{\"text\": \"a\",  \"label\": \"x\"}\r\n{\"text\": \"b\", \"label\": \"y\"}\n  \n"
            + "{\"label\" : \"y\" , \"text\": \"c \\\"q\\\" label\"}\n{\"text\": \"d\", \"label\": \"x\"}"
        let output = try rewrite(
            ["rows.jsonl": Array(input.utf8)], path: "rows.jsonl", dropping: [2, 5], relabelling: [4: "x\"2", 5: "z"])
        #expect(
            text(output)
                == "\u{FEFF}{\"text\": \"a\",  \"label\": \"x\"}\r\n  \n{\"label\" : \"x\\\"2\" , \"text\": \"c \\\"q\\\" label\"}\n"
        )
        #expect(output.format == .jsonl && output.fileExtension == ".jsonl" && output.change == nil)
        #expect(output.rows == 2)
    }

    // A number stays a number, a label in a nested field is found by its path, and a key that is the
    // whole path wins over the path, as the loader reads it.
    @Test func labelsAreRewrittenWhereTheLoaderReadThem() throws {
        let numbers = try rewrite(
            ["n.jsonl": Array("{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": 0}\n".utf8)],
            path: "n.jsonl", relabelling: [1: "0"])
        #expect(text(numbers) == "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": 0}\n")
        let nested = try rewrite(
            [
                "m.jsonl": Array(
                    "{\"meta\": {\"tags\": [\"t\", {\"y\": \"b\"}]}, \"meta.tags[-1].y\": \"c\", \"text\": \"a\"}\n{\"meta\": {\"tags\": [{\"y\": \"c\"}]}, \"text\": \"b\"}\n"
                        .utf8)
            ],
            path: "m.jsonl",
            fields: FieldOptions(textFields: ["text"], labelField: "meta.tags[-1].y", labelFieldIsExplicit: true),
            relabelling: [1: "b", 2: "b"])
        #expect(
            text(nested)
                == "{\"meta\": {\"tags\": [\"t\", {\"y\": \"b\"}]}, \"meta.tags[-1].y\": \"b\", \"text\": \"a\"}\n{\"meta\": {\"tags\": [{\"y\": \"b\"}]}, \"text\": \"b\"}\n"
        )
    }

    // Records 1 and 3 stay byte for byte (the quoted newline too); record 2 goes; record 4 is written again
    // with its new label quoted, as its comma needs.
    @Test func csvKeepsItsHeaderAndRecords() throws {
        let input = "text,label\r\n\"one\nline\",a\r\ntwo,b\r\n\"three\",a\r\nfour,b"
        let output = try rewrite(
            ["rows.csv": Array(input.utf8)], path: "rows.csv", dropping: [2], relabelling: [4: "a,b"])
        #expect(text(output) == "text,label\r\n\"one\nline\",a\r\n\"three\",a\r\nfour,\"a,b\"")
        #expect(output.format == .csv && output.fileExtension == ".csv" && output.change == nil && output.rows == 3)
        let tsv = try rewrite(
            ["rows.tab": Array("text\tlabel\n\"q\ta\nr\tb\n".utf8)], path: "rows.tab", relabelling: [1: "b"])
        #expect(text(tsv) == "text\tlabel\n\"q\tb\nr\tb\n" && tsv.fileExtension == ".tab")
    }

    @Test func aCompressedFileIsWrittenUncompressed() throws {
        let input = Array("{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n".utf8)
        let output = try rewrite(
            ["rows.ndjson.gz": FileFormTests.storedGzip(input)], path: "rows.ndjson.gz", dropping: [2])
        #expect(text(output) == "{\"text\": \"a\"}\n{\"text\": \"c\"}\n")
        #expect(output.fileExtension == ".ndjson" && output.change == "written uncompressed")
    }

    // Elements are numbered from 1; each kept one goes on a line of its own, without white space outside
    // its strings.
    @Test func aJSONArrayBecomesJSONLines() throws {
        let input =
            "[\n  {\"text\": \"a  b\",\n   \"label\": \"x\"},\n  {\"text\": \"c\", \"label\": \"y\"},\n  {\"text\": \"d\", \"label\": \"y\"}\n]\n"
        let output = try rewrite(
            ["rows.json": Array(input.utf8)], path: "rows.json", dropping: [2], relabelling: [3: "x"])
        #expect(text(output) == "{\"text\":\"a  b\",\"label\":\"x\"}\n{\"text\":\"d\",\"label\":\"x\"}\n")
        #expect(output.format == .jsonl && output.fileExtension == ".jsonl")
        #expect(output.change == "written as JSON Lines (the input is a JSON array)")
    }

    // Shard b's lines are rows 3 and 4 (a has two lines, the last without a line end); CSV shards become
    // objects of their columns.
    @Test func shardsBecomeOneJSONLinesFile() throws {
        let lines = try rewrite(
            [
                "data/a.jsonl": Array("{\"text\": \"a\"}\n{\"text\": \"b\"}".utf8),
                "data/b.jsonl": Array("{\"text\": \"c\"}\n{\"text\": \"d\"}\n".utf8),
            ], path: "data", dropping: [1, 4])
        #expect(text(lines) == "{\"text\": \"b\"}\n{\"text\": \"c\"}\n")
        #expect(lines.change == "written as one JSON Lines file (the input is 2 shards)")
        let records = try rewrite(
            [
                "data/a.csv": Array("text,label,text\n\"x, \"\"y\"\"\",p,z\n".utf8),
                "data/b.csv": Array("text,label,text\nw,q,v\n".utf8),
            ], path: "data", relabelling: [2: "p"])
        #expect(text(records) == "{\"text\":\"x, \\\"y\\\"\",\"label\":\"p\"}\n{\"text\":\"w\",\"label\":\"p\"}\n")
    }

    @Test func aFileChangedSinceItWasLoadedIsAnError() throws {
        try withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("rows.jsonl")
            try Data("{\"text\": \"a\"}\n".utf8).write(to: url)
            let corpus = try DatasetLoader.load(path: url.path)
            try Data("{\"text\": \"b\"}\n".utf8).write(to: url)
            let error = #expect(throws: AssayError.self) {
                try DatasetRewriter.rewrite(corpus.source, labelField: nil, dropping: [1], relabelling: [:])
            }
            #expect(error?.message.hasPrefix("has changed since it was read") == true && error?.exitCode == 3)
        }
    }

    @Test func aRowTheFileDoesNotHaveIsAnError() throws {
        let error = #expect(throws: AssayError.self) {
            try rewrite(["rows.jsonl": Array("{\"text\": \"a\"}\n".utf8)], path: "rows.jsonl", dropping: [2])
        }
        #expect(error?.kind == .runtime)
    }
}
