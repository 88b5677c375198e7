import AssayCore
import AssayTestSupport
import Foundation
import Testing

/// A Parquet file loads as the JSON Lines file of the same rows does: the same texts, labels, attributes,
/// shapes, row numbers and errors.
@Suite struct ParquetLoadingTests {
    static func fixture(_ name: String) -> String { TestPaths.fixture(name) }

    @Test(arguments: [
        ("reviews_original", FieldOptions(attributeFields: ["source"])),
        ("reviews_synthetic", FieldOptions(attributeFields: ["source"])),
        ("parquet/chat", FieldOptions()),
        ("parquet/chat", FieldOptions(textFields: ["messages[0].content"])),
    ])
    func aParquetFileLoadsAsItsJSONLines(name: String, fields: FieldOptions) throws {
        let jsonl = try DatasetLoader.load(path: Self.fixture(name + ".jsonl"), fields: fields)
        let parquetName = name.hasPrefix("parquet/") ? name : "parquet/" + name
        let parquet = try DatasetLoader.load(path: Self.fixture(parquetName + ".parquet"), fields: fields)
        #expect(parquet.source.format == .parquet)
        #expect(parquet.count == jsonl.count && parquet.count > 0)
        #expect(parquet.texts == jsonl.texts)
        #expect(parquet.rowNumbers == jsonl.rowNumbers)
        #expect(parquet.rowNumbers.first == 1)
        #expect(parquet.labelNames == jsonl.labelNames && parquet.labels == jsonl.labels)
        #expect(parquet.attributes == jsonl.attributes)
        #expect(parquet.shape == jsonl.shape)
        #expect(parquet.textFields == jsonl.textFields)
    }

    /// The chat fixture is read as conversations: each row's text is its assistant turns.
    @Test func aChatColumnIsReadAsConversations() throws {
        let corpus = try DatasetLoader.load(path: Self.fixture("parquet/chat.parquet"))
        #expect(corpus.texts == ["Es ist drei Uhr.", "Paris.", "晴れです。", "Seven.\nEleven 🙂"])
        #expect(corpus.shape != nil)
    }

    /// Row 2 of rows.jsonl has `"text": null`; both files say so in the same words, at the same row.
    @Test(arguments: ["pyarrow-v1-snappy-dict.parquet", "duckdb-zstd.parquet", "polars-snappy.parquet"])
    func anErrorNamesTheSameRowAndFieldAsInJSONLines(name: String) throws {
        func message(_ path: String, _ fields: FieldOptions) -> String {
            do {
                _ = try DatasetLoader.load(path: path, fields: fields)
                return "loaded"
            } catch let error as AssayError {
                return error.description.replacingOccurrences(of: path, with: "FILE")
            } catch {
                return "\(error)"
            }
        }
        for fields in [
            FieldOptions(), FieldOptions(textFields: ["txt"]), FieldOptions(textFields: ["messages[-1].content"]),
        ] {
            let jsonl = message(Self.fixture("parquet/rows.jsonl"), fields)
            let parquet = message(Self.fixture("parquet/" + name), fields)
            #expect(parquet == jsonl, "\(name), text field \(fields.textFields)")
            #expect(parquet.contains("FILE:2") || parquet.contains("FILE:1"), "\(parquet)")
        }
    }

    @Test func aMissingColumnSuggestsTheClosest() throws {
        #expect {
            try DatasetLoader.load(
                path: Self.fixture("parquet/chat.parquet"), fields: FieldOptions(textFields: ["mesages"]))
        } throws: { error in
            let text = (error as? AssayError)?.description ?? ""
            return text.contains("did you mean 'messages'?") && text.contains("label")
        }
    }

    @Test func aFolderOfParquetShardsLoadsAsOneDataset() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for part in ["a", "b"] {
            try FileManager.default.copyItem(
                atPath: Self.fixture("parquet/chat.parquet"),
                toPath: folder.appendingPathComponent("\(part).parquet").path)
        }
        let corpus = try DatasetLoader.load(path: folder.path)
        #expect(corpus.count == 8 && corpus.rowNumbers == Array(1...8))
        #expect(corpus.source.shards?.map(\.rows) == [4, 4])
    }
}

/// `assay clean` on a Parquet file writes JSON Lines: each kept row's fields in schema order, nested
/// records with sorted keys, the relabelled row's label replaced.
@Suite struct ParquetRewritingTests {
    @Test func aParquetFileIsRewrittenAsJSONLines() throws {
        let corpus = try DatasetLoader.load(path: TestPaths.fixture("parquet/chat.parquet"))
        let output = try DatasetRewriter.rewrite(
            corpus.source, labelField: "label", dropping: [2], relabelling: [1: "German"])
        #expect(output.format == .jsonl && output.fileExtension == ".jsonl" && output.rows == 3)
        #expect(output.change == "written as JSON Lines (the input is Parquet)")
        let lines = String(decoding: output.data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(
            lines.first
                == #"{"messages":[{"content":"Wie spät ist es?","role":"user"},{"content":"Es ist drei Uhr.","role":"assistant"}],"label":"German"}"#
        )
        #expect(lines.last?.hasSuffix(#"{"content":"Eleven 🙂","role":"assistant"}],"label":"en"}"#) == true)
    }
}
