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

    /// `bytes` as a gzip file (RFC 1952) of stored deflate blocks (RFC 1951 §3.2.4, no compression), so a
    /// test can make one of any size without a compressor.
    static func storedGzip(_ bytes: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        func littleEndian(_ value: UInt32, _ count: Int) -> [UInt8] {
            (0..<count).map { UInt8(value >> (8 * $0) & 0xFF) }
        }
        var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        var start = 0
        repeat {
            let end = min(start + 65_535, bytes.count)
            output.append(end == bytes.count ? 1 : 0)
            output += littleEndian(UInt32(end - start), 2) + littleEndian(~UInt32(end - start), 2)
            output += bytes[start..<end]
            start = end
        } while start < bytes.count
        return output + littleEndian(crc, 4) + littleEndian(UInt32(truncatingIfNeeded: bytes.count), 4)
    }

    // 3 MiB of lines, one of them 1.5 MiB long, so that lines cross the 1 MiB pieces the loader inflates.
    @Test func linesAcrossInflatedPiecesLoadAsThePlainFile() throws {
        var text = ""
        for row in 0..<20_000 { text += "{\"text\": \"row \(row) of a long file\", \"label\": \"l\(row % 3)\"}\n" }
        text += "{\"text\": \"\(String(repeating: "long ", count: 300_000))\", \"label\": \"l0\"}\n"
        for row in 20_000..<40_000 { text += "{\"text\": \"row \(row) é\", \"label\": \"l\(row % 3)\"}\r\n" }
        let bytes = Array(text.utf8)
        #expect(bytes.count > 3 << 20)
        let plain = try loadTemporaryFile(named: "rows.jsonl", bytes: bytes)
        let compressed = try loadTemporaryFile(named: "rows.jsonl.gz", bytes: Self.storedGzip(bytes))
        #expect(plain.count == 40_001 && compressed.count == 40_001)
        #expect(compressed.texts == plain.texts && compressed.labels == plain.labels)
        #expect(compressed.rowNumbers == plain.rowNumbers && compressed.texts[20_000].count == 1_500_000)
    }

    @Test func emptyAndNotCompressedFilesSaySo() throws {
        let empty = try #require(try loadFailure(named: "empty.jsonl.gz", bytes: []))
        #expect(empty.error.message == "the gzip file is empty; compress a dataset into it")
        let plain = try #require(try loadFailure(named: "plain.jsonl.gz", text: "{\"text\": \"a\"}\n"))
        #expect(plain.error.message.hasPrefix("corrupt gzip data after 0 uncompressed bytes (incorrect header check)"))
    }
}
