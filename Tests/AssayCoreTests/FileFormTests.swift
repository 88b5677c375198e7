import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

/// The file forms of fixtures/forms (made from reviews_original.jsonl; fixtures/README.md) load to
/// exactly the rows of the plain JSONL, and broken ones stop with one line naming the file.
@Suite struct FileFormTests {
    static let plain = TestPaths.fixture("reviews_original.jsonl")
    static let fields = FieldOptions(attributeFields: ["source"])

    @Test(arguments: ["reviews.json", "reviews.json.gz", "reviews.jsonl.gz", "reviews.jsonl.zst", "reviews.csv.gz"])
    func eachFormLoadsTheRowsOfThePlainFile(name: String) throws {
        let expected = try DatasetLoader.load(path: Self.plain, fields: Self.fields)
        let path = TestPaths.fixture("forms/\(name)")
        let corpus = try DatasetLoader.load(path: path, fields: Self.fields)
        #expect(corpus.count == 160 && expected.count == 160)
        #expect(corpus.texts == expected.texts)
        #expect(corpus.labels == expected.labels && corpus.labelNames == expected.labelNames)
        #expect(corpus.attributes == expected.attributes)
        // The digest and size are the stored file's, as sha256sum and ls print them.
        let stored = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(corpus.source.byteCount == stored.count)
    }

    @Test func theFormatIsNamedWithoutTheCompressionSuffix() throws {
        #expect(try DatasetLoader.load(path: TestPaths.fixture("forms/reviews.jsonl.zst")).source.format == .jsonl)
        #expect(try DatasetLoader.load(path: TestPaths.fixture("forms/reviews.csv.gz")).source.format == .csv)
        #expect(try DatasetLoader.load(path: TestPaths.fixture("forms/reviews.json")).source.format == .json)
        #expect(try DatasetLoader.load(path: TestPaths.fixture("forms/reviews.json.gz")).source.format == .json)
    }

    // truncated.jsonl.gz is the first 3,335 of reviews.jsonl.gz's 6,670 bytes; corrupt.jsonl.zst has 16 bytes
    // inverted in the middle of reviews.jsonl.zst.
    @Test func brokenCompressedFilesAreOneLineErrors() throws {
        let truncated = try #require(try loadFailure(path: TestPaths.fixture("forms/truncated.jsonl.gz")))
        #expect(truncated.error.message.hasPrefix("the gzip data ends early, after "))
        #expect(truncated.error.message.hasSuffix(" uncompressed bytes; is the file cut short?"))
        #expect(truncated.error.file == truncated.path && truncated.error.exitCode == 3)
        let corrupt = try #require(try loadFailure(path: TestPaths.fixture("forms/corrupt.jsonl.zst")))
        #expect(corrupt.error.message == "corrupt zstd data (Data corruption detected); check the file")
        #expect(corrupt.error.file == corrupt.path && corrupt.error.exitCode == 3)
    }

    @Test func emptyAndNotCompressedFilesSaySo() throws {
        let empty = try #require(try loadFailure(named: "empty.jsonl.gz", bytes: []))
        #expect(empty.error.message == "the gzip file is empty; compress a dataset into it")
        let plain = try #require(try loadFailure(named: "plain.jsonl.gz", text: "{\"text\": \"a\"}\n"))
        #expect(plain.error.message.hasPrefix("corrupt gzip data after 0 uncompressed bytes (incorrect header check)"))
    }
}
