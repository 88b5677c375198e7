import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// A folder or glob of shards loads as one dataset: fixtures/forms/shards is reviews_original.jsonl cut
/// into 54 + 54 + 52 lines (fixtures/README.md), and shards-bad has a malformed line 4 in its second shard.
@Suite struct ShardTests {
    static let plain = TestPaths.fixture("reviews_original.jsonl")
    static let folder = TestPaths.fixture("forms/shards")
    static let fields = FieldOptions(attributeFields: ["source"])
    static let names = (0..<3).map { "train-0000\($0)-of-00003.jsonl" }

    /// The path of shard `index` of the good folder.
    static func shard(_ index: Int) -> String { folder + "/" + names[index] }

    /// The `text` of line `line` of the JSONL file at `path`, read directly.
    static func text(ofLine line: Int, in path: String) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let object = try JSONSerialization.jsonObject(with: Data(lines[line - 1].utf8)) as? [String: Any]
        return try #require(object?["text"] as? String)
    }

    @Test func aFolderOfThreeShardsLoadsTheRowsOfThePlainFile() throws {
        let expected = try DatasetLoader.load(path: Self.plain, fields: Self.fields)
        let corpus = try DatasetLoader.load(path: Self.folder, fields: Self.fields)
        #expect(corpus.count == 160)
        #expect(corpus.texts == expected.texts)
        #expect(corpus.labels == expected.labels && corpus.labelNames == expected.labelNames)
        #expect(corpus.attributes == expected.attributes)
        // The shards are the plain file cut in three, so rows keep their line in it.
        #expect(corpus.rowNumbers == Array(1...160) && expected.rowNumbers == corpus.rowNumbers)
        #expect(corpus.source.path == Self.folder && corpus.source.format == .jsonl)
        let shards = try #require(corpus.source.shards)
        #expect(shards.map(\.path) == (0..<3).map(Self.shard))
        #expect(shards.map(\.rowOffset) == [0, 54, 108])
        #expect(shards.map(\.rows) == [54, 54, 52])
        // `ls -l` and `sha256sum` of each file; the folder's digest is
        // `sha256sum fixtures/forms/shards/* | cut -c1-64 | sha256sum`.
        #expect(shards.map(\.byteCount) == [7205, 7235, 6856])
        #expect(
            shards.map(\.sha256) == [
                "6f474b8253e21659d60a7af21e56574d679828ca93bad4b1f1c8a1905dd171d1",
                "66f9887945538230c2014ad8deb1a60e2e2c4f869d57825411fdd1f38ef175ab",
                "d657618d65baf0a6b36d3f0e8910680e3d80f9a9923131c3ef721f0f41234278",
            ])
        #expect(corpus.source.byteCount == 21_296 && expected.source.byteCount == 21_296)
        #expect(corpus.source.sha256 == "c04c3b95678b7451ebb59c8d7d7ba609e8e803d8e71837bc414016a57b43c650")
        #expect(expected.source.shards == nil)
    }

    @Test(arguments: [(1, 0, 1), (54, 0, 54), (55, 1, 1), (71, 1, 17), (108, 1, 54), (109, 2, 1), (160, 2, 52)])
    func aRowNumberMapsBackToItsShardAndLine(row: Int, shard: Int, line: Int) throws {
        let corpus = try DatasetLoader.load(path: Self.folder, fields: Self.fields)
        let location = try #require(corpus.source.location(ofRow: row))
        #expect(location.file == Self.shard(shard) && location.line == line)
        let index = try #require(corpus.rowNumbers.firstIndex(of: row))
        #expect(corpus.texts[index] == (try Self.text(ofLine: line, in: location.file)))
    }

    @Test func aSingleFileHasNoShardLocations() throws {
        let corpus = try DatasetLoader.load(path: Self.plain)
        #expect(corpus.source.location(ofRow: 1) == nil)
    }

    @Test func aGlobLoadsTheSameRowsAndShards() throws {
        let pattern = Self.folder + "/train-*-of-00003.jsonl"
        let folder = try DatasetLoader.load(path: Self.folder, fields: Self.fields)
        let glob = try DatasetLoader.load(path: pattern, fields: Self.fields)
        #expect(glob.source.path == pattern)
        #expect(glob.texts == folder.texts && glob.labels == folder.labels && glob.rowNumbers == folder.rowNumbers)
        #expect(glob.source.shards == folder.source.shards)
        #expect(glob.source.sha256 == folder.source.sha256)
    }

    @Test func aBadLineNamesItsShardAndItsOwnLine() throws {
        let bad = TestPaths.fixture("forms/shards-bad")
        let failure = try #require(try loadFailure(path: bad))
        let file = bad + "/train-00001-of-00003.jsonl"
        #expect(failure.error.kind == .input && failure.error.exitCode == 3)
        #expect(failure.error.file == file && failure.error.line == 4)
        #expect(failure.error.message.hasPrefix("malformed JSON ("))
        #expect(failure.error.description.hasPrefix("\(file):4: malformed JSON ("))
    }

    @Test func hiddenFilesFoldersAndOtherFilesAreLeftOutAndNamesSortByByte() throws {
        let row = { (text: String) in "{\"text\": \"\(text)\"}\n" }
        let corpus = try withTemporaryDirectory { directory in
            let files = [
                "a.jsonl": row("a1") + row("a2"), "B.jsonl": row("B1"), "a-2.jsonl": row("a-2"),
                "README.md": "# a dataset card\n", ".hidden.jsonl": row("hidden"), "notes.txt": "x\n",
            ]
            for (name, text) in files {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name))
            }
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("sub.jsonl"), withIntermediateDirectories: false)
            return try DatasetLoader.load(path: directory.path + "/")
        }
        // Byte order: "B" (0x42) < "a" (0x61), and "-" (0x2D) < "." (0x2E).
        #expect(corpus.texts == ["B1", "a-2", "a1", "a2"])
        #expect(corpus.rowNumbers == [1, 2, 3, 4])
        #expect(
            corpus.source.shards?.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
                "B.jsonl", "a-2.jsonl", "a.jsonl",
            ])
    }

    @Test func blankLinesAndCSVRecordsCountTowardTheRowNumbersOfLaterShards() throws {
        try withTemporaryDirectory { directory in
            let jsonl = directory.appendingPathComponent("jsonl")
            try FileManager.default.createDirectory(at: jsonl, withIntermediateDirectories: false)
            try Data("{\"text\": \"a\"}\n\n{\"text\": \"b\"}\n".utf8).write(to: jsonl.appendingPathComponent("0.jsonl"))
            try Data("{\"text\": \"c\"}".utf8).write(to: jsonl.appendingPathComponent("1.jsonl"))
            let lines = try DatasetLoader.load(path: jsonl.path)
            #expect(lines.rowNumbers == [1, 3, 4])
            #expect(lines.source.location(ofRow: 4)?.file == jsonl.path + "/1.jsonl")
            #expect(lines.source.location(ofRow: 4)?.line == 1)

            let csv = directory.appendingPathComponent("csv")
            try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: false)
            try Data("text\n\"a\nb\"\nc\n".utf8).write(to: csv.appendingPathComponent("0.csv"))
            try Data("text\nd\n".utf8).write(to: csv.appendingPathComponent("1.csv"))
            let records = try DatasetLoader.load(path: csv.path)
            #expect(records.texts == ["a\nb", "c", "d"])
            #expect(records.rowNumbers == [1, 2, 3])
            #expect(records.source.location(ofRow: 3)?.file == csv.path + "/1.csv")
            #expect(records.source.location(ofRow: 3)?.line == 1)
        }
    }

    @Test func shardsOfDifferentFormatsAreAnErrorNamingTheOddOne() throws {
        let failure = try withTemporaryDirectory { directory in
            try Data("{\"text\": \"a\"}\n".utf8).write(to: directory.appendingPathComponent("0.jsonl"))
            try Data("text\nb\n".utf8).write(to: directory.appendingPathComponent("1.csv"))
            return try loadFailure(path: directory.path).map { ($0, directory.path) }
        }
        let (error, folder) = try #require(failure)
        #expect(error.error.file == folder + "/1.csv" && error.error.line == nil)
        #expect(
            error.error.message
                == "this shard is CSV but \(folder)/0.jsonl is JSON Lines; every shard of a dataset must be the same format"
        )
    }

    @Test func aLabelMissingInALaterShardCitesTheFirstShard() throws {
        let failure = try withTemporaryDirectory { directory in
            try Data("{\"text\": \"a\", \"label\": \"x\"}\n".utf8).write(
                to: directory.appendingPathComponent("0.jsonl"))
            try Data("{\"text\": \"b\"}\n".utf8).write(to: directory.appendingPathComponent("1.jsonl"))
            return try loadFailure(path: directory.path).map { ($0, directory.path) }
        }
        let (error, folder) = try #require(failure)
        #expect(error.error.file == folder + "/1.jsonl" && error.error.line == 1 && error.error.field == "label")
        #expect(error.error.message == "missing, but \(folder)/0.jsonl:1 has a label; give every row a label or none")
    }

    @Test func aFolderWithoutDataFilesOrRowsAndAnUnmatchedPatternAreOneLineErrors() throws {
        try withTemporaryDirectory { directory in
            try Data("# card\n".utf8).write(to: directory.appendingPathComponent("README.md"))
            let noData = try #require(try loadFailure(path: directory.path))
            #expect(noData.error.file == directory.path && noData.error.line == nil)
            #expect(
                noData.error.message
                    == "the folder holds no data files; put .jsonl, .json, .csv or .tsv files (optionally .gz or .zst) or .parquet files in it"
            )

            try Data("\n".utf8).write(to: directory.appendingPathComponent("0.jsonl"))
            try Data("".utf8).write(to: directory.appendingPathComponent("1.jsonl"))
            let noRows = try #require(try loadFailure(path: directory.path))
            #expect(noRows.error.file == directory.path)
            #expect(noRows.error.message == "the 2 files have no rows; an empty dataset cannot be analysed")

            let pattern = directory.path + "/train-*.jsonl"
            let unmatched = try #require(try loadFailure(path: pattern))
            #expect(unmatched.error.file == pattern && unmatched.error.kind == .input)
            #expect(
                unmatched.error.message
                    == "no file matches the pattern; check it, and quote it so the shell leaves it alone")
        }
    }
}
