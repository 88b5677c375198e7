import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayParquet

/// Damaged and foreign files give a `ParquetError` saying what is wrong; no truncation or flipped byte
/// of a fixture crashes or hangs the reader.
@Suite struct ParquetDamageTests {
    static func fixture(_ name: String) -> String { TestPaths.fixture("parquet/" + name) }

    static func readAll(_ path: String) throws {
        let file = try ParquetFile(path: path)
        try file.forEachRowGroup(fields: Set(file.fieldNames)) { _, _ in }
    }

    static func message(reading path: String) -> String? {
        do {
            try readAll(path)
            return nil
        } catch let error as ParquetError {
            return error.description
        } catch {
            return "not a ParquetError: \(error)"
        }
    }

    @Test(arguments: [
        ("bad-magic.parquet", "does not start and end with the Parquet magic bytes PAR1"),
        ("truncated-footer.parquet", "does not start and end with the Parquet magic bytes PAR1"),
        ("not-parquet.parquet", "does not start and end with the Parquet magic bytes PAR1"),
        ("invalid-utf8.parquet", "row 2: column 'text': is not valid UTF-8"),
    ])
    func aBadFileSaysWhatIsWrong(name: String, expected: String) {
        let message = Self.message(reading: Self.fixture(name))
        #expect(message?.contains(expected) == true, "\(name): \(message ?? "read without error")")
    }

    /// Byte 40 of the checksummed file lies in the payload of its first page (`id`'s dictionary page, whose
    /// header takes bytes 4 to 25): flipping it breaks that page's CRC-32.
    @Test func aFlippedByteInAChecksummedPageIsCaught() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture("pyarrow-v1-snappy-crc.parquet"))))
        #expect(Self.message(reading: Self.fixture("pyarrow-v1-snappy-crc.parquet")) == nil)
        bytes[40] ^= 0x01
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crc-\(UUID()).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let message = Self.message(reading: path)
        #expect(message == "column 'id': a page's CRC-32 checksum does not match; the file is damaged")
    }

    /// LZO (3) and Hadoop-framed LZ4 (5) are named, with what to write instead; an unknown code too.
    @Test(arguments: [(3, "LZO"), (5, "LZ4 (Hadoop framing)"), (42, "the unknown codec 42")])
    func anUnsupportedCodecIsNamed(code: Int32, name: String) {
        #expect {
            try PageCodec.of(code, column: "text")
        } throws: { error in
            let text = (error as? ParquetError)?.description ?? ""
            return text.hasPrefix("column 'text': is compressed with \(name)")
        }
        #expect((try? PageCodec.of(1, column: "text")) == .snappy)
    }

    @Test func aMissingFileCannotBeOpened() {
        let message = Self.message(reading: "/nonexistent/data.parquet")
        #expect(message?.contains("cannot be opened") == true)
    }

    /// Every 7th truncation and 400 seeded single-byte flips of three fixtures (pyarrow v1 with dictionaries,
    /// v2 with delta encodings and small pages, DuckDB): each read ends, with rows or a `ParquetError`.
    @Test(arguments: [
        "pyarrow-v1-snappy-dict.parquet", "pyarrow-v2-none-delta.parquet", "pyarrow-v2-snappy-rg5-small-pages.parquet",
        "duckdb-format-v2-zstd.parquet",
    ])
    func truncationsAndFlippedBytesNeverCrash(name: String) throws {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.fixture(name))))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(UUID()).parquet").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var outcomes = (read: 0, refused: 0)
        func attempt(_ bytes: [UInt8]) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                try Self.readAll(path)
                outcomes.read += 1
            } catch is ParquetError {
                outcomes.refused += 1
            }
        }
        for length in stride(from: 0, to: original.count, by: 7) { try attempt(Array(original[..<length])) }
        var random = SeededRandom(seed: 20, stream: name)
        for _ in 0..<400 {
            var bytes = original
            let position = random.below(bytes.count)
            bytes[position] ^= UInt8(1 << random.below(8))
            try attempt(bytes)
        }
        // Every truncation is refused (the footer's magic is gone); some flips land where nothing checks them.
        #expect(outcomes.read + outcomes.refused == (original.count + 6) / 7 + 400)
        #expect(outcomes.refused >= (original.count + 6) / 7)
    }

    /// The row groups and rows of each file as pyarrow's metadata reports them (`manifest.json`).
    @Test func rowGroupsAreThoseOfTheManifest() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("manifest.json")))
        let manifest = try JSONDecoder().decode([String: JSONValue].self, from: data)
        guard case .object(let files)? = manifest["files"] else {
            Issue.record("manifest.json has no files")
            return
        }
        #expect(files.count == 17)
        for (name, entry) in files {
            guard case .object(let fields) = entry, case .integer(let rows)? = fields["num_rows"],
                case .integer(let groups)? = fields["num_row_groups"]
            else {
                Issue.record("\(name): no num_rows or num_row_groups")
                continue
            }
            let file = try ParquetFile(path: Self.fixture(name))
            #expect(file.rowCount == Int(rows), "\(name)")
            #expect(file.rowGroupRowCounts.count == Int(groups), "\(name)")
            #expect(file.rowGroupRowCounts.reduce(0, +) == Int(rows), "\(name)")
        }
    }
}
