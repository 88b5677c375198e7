import AssayCore
import AssayLinalg
import Foundation
import Testing

@testable import AssayEmbed

/// Vectors read from `.npy` and `.jsonl` files, and the errors for files that do not fit.
@Suite struct PrecomputedEmbedderTests {
    /// A fresh directory for one test, removed afterwards.
    private func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("assay-precomputed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory)
    }

    /// Writes `bytes` to `name` in `directory` and returns its path.
    private func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    private func write(_ text: String, _ name: String, in directory: URL) throws -> String {
        try write(Array(text.utf8), name, in: directory)
    }

    /// An `.npy` file as `np.save` writes it: "\x93NUMPY", the version, the header length (u16 little-endian
    /// for version 1, u32 after), the header dict padded with spaces and ended by a newline so that the
    /// data starts at a multiple of 64 bytes, then the data.
    ///
    /// For '<f4' and shape (3, 4) NumPy 2.4 writes 10 bytes of preamble, the 59-character dict, 58 spaces
    /// and "\n": header length 118 = 0x76, data at offset 128 (checked in `npyHeadersAreLaidOutAsNumPyDoes`).
    static func npy(
        descr: String, shape: String, fortranOrder: Bool = false, major: UInt8 = 1, data: [UInt8]
    ) -> [UInt8] {
        let dict = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shape), }"
        let preamble = major == 1 ? 10 : 12
        var header = Array(dict.utf8)
        let padding = (64 - (preamble + header.count + 1) % 64) % 64
        header += [UInt8](repeating: 0x20, count: padding) + [0x0A]
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, major, 0]
        let length = header.count
        bytes +=
            major == 1
            ? [UInt8(length & 0xFF), UInt8(length >> 8)] : (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
        return bytes + header + data
    }

    static func float32Bytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in (0..<4).map { UInt8((value.bitPattern >> (8 * $0)) & 0xFF) } }
    }

    static func float64Bytes(_ values: [Double]) -> [UInt8] {
        values.flatMap { value in (0..<8).map { UInt8((value.bitPattern >> (8 * $0)) & 0xFF) } }
    }

    /// The error loading `bytes` as `name` gives.
    private func loadError(_ bytes: [UInt8], _ name: String, expectedRows: Int? = nil) throws -> AssayError? {
        var result: AssayError?
        try withTemporaryDirectory { directory in
            let path = try write(bytes, name, in: directory)
            result = #expect(throws: AssayError.self) {
                _ = try PrecomputedEmbedder(path: path, expectedRows: expectedRows)
            }
        }
        return result
    }

    private func loadError(_ text: String, _ name: String = "vectors.jsonl") throws -> AssayError? {
        try loadError(Array(text.utf8), name)
    }

    @Test func npyHeadersAreLaidOutAsNumPyDoes() {
        let bytes = Self.npy(descr: "<f4", shape: "(3, 4)", data: Self.float32Bytes(Array(repeating: 0, count: 12)))
        // 128 bytes of preamble and header, then 3 × 4 × 4 = 48 bytes of data: np.save's 176.
        #expect(bytes.count == 176)
        #expect(Array(bytes[0..<10]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 0x76, 0])
        #expect(bytes[127] == 0x0A)
        #expect(bytes[68] == UInt8(ascii: "}"))
        #expect(bytes[69..<127].allSatisfy { $0 == 0x20 })
    }

    @Test func aFloat32NpyFileReadsBackExactly() throws {
        // Unit rows (0.5² × 4 = 1 exactly), so normalising changes no bit.
        let rows: [[Float]] = [[1, 0, 0, 0], [0, 0, -1, 0], [0.5, 0.5, 0.5, 0.5]]
        try withTemporaryDirectory { directory in
            let path = try write(
                Self.npy(descr: "<f4", shape: "(3, 4)", data: Self.float32Bytes(rows.flatMap { $0 })), "vectors.npy",
                in: directory)
            let embedder = try PrecomputedEmbedder(path: path, expectedRows: 3)
            #expect(embedder.modelID == "file:vectors.npy")
            #expect(embedder.dimension == 4)
            let embeddings = try embedder.embed(["a", "b", "c"])
            #expect(embeddings == Matrix(rowVectors: rows))
        }
    }

    @Test func rowsAreNormalised() throws {
        // (3, 4) / 5 = (0.6, 0.8); a zero row stays zero.
        try withTemporaryDirectory { directory in
            let path = try write(
                Self.npy(descr: "<f4", shape: "(2, 2)", data: Self.float32Bytes([3, 4, 0, 0])), "v.npy", in: directory)
            let embeddings = try PrecomputedEmbedder(path: path).embed(["x", "y"])
            #expect(abs(embeddings[0, 0] - 0.6) < 1e-7)
            #expect(abs(embeddings[0, 1] - 0.8) < 1e-7)
            #expect(embeddings.row(1) == [0, 0])
        }
    }

    @Test func float64IsConverted() throws {
        // (1, 2, 2) / 3 and (0, 3, 4) / 5.
        try withTemporaryDirectory { directory in
            let path = try write(
                Self.npy(descr: "<f8", shape: "(2, 3)", data: Self.float64Bytes([1, 2, 2, 0, 3, 4])), "v.npy",
                in: directory)
            let embeddings = try PrecomputedEmbedder(path: path).embed(["x", "y"])
            let expected: [Float] = [1.0 / 3, 2.0 / 3, 2.0 / 3, 0, 0.6, 0.8]
            #expect(embeddings.rows == 2 && embeddings.columns == 3)
            for (value, wanted) in zip(embeddings.values, expected) { #expect(abs(value - wanted) < 1e-6) }
        }
    }

    @Test func versionTwoHeadersHaveAFourByteLength() throws {
        try withTemporaryDirectory { directory in
            let bytes = Self.npy(descr: "<f4", shape: "(1, 2)", major: 2, data: Self.float32Bytes([0, 2]))
            #expect(Array(bytes[6..<12]) == [2, 0, 116, 0, 0, 0])  // 12 + 116 = 128
            let path = try write(bytes, "v.npy", in: directory)
            #expect(try PrecomputedEmbedder(path: path).embed(["x"]) == Matrix(rowVectors: [[0, 1]]))
        }
    }

    @Test func aRowCountMismatchSaysBothCounts() throws {
        try withTemporaryDirectory { directory in
            let path = try write(
                Self.npy(descr: "<f4", shape: "(2, 2)", data: Self.float32Bytes([1, 0, 0, 1])), "v.npy", in: directory)
            let embedder = try PrecomputedEmbedder(path: path)
            let error = #expect(throws: AssayError.self) { _ = try embedder.embed(["a", "b", "c"]) }
            #expect(error?.kind == .input)
            #expect(error?.file == path)
            #expect(error?.message.hasPrefix("the file has 2 vectors but the dataset has 3 rows") == true)
            let early = #expect(throws: AssayError.self) { _ = try PrecomputedEmbedder(path: path, expectedRows: 1) }
            #expect(early?.message.hasPrefix("the file has 2 vectors but the dataset has 1 row;") == true)
        }
    }

    @Test func unsupportedNpyFilesAreRejected() throws {
        let data = Self.float32Bytes([1, 2, 3, 4])
        let fortran = try loadError(Self.npy(descr: "<f4", shape: "(2, 2)", fortranOrder: true, data: data), "v.npy")
        #expect(fortran?.field == "fortran_order")
        #expect(fortran?.message.contains("Fortran") == true)
        let integers = try loadError(Self.npy(descr: "<i4", shape: "(2, 2)", data: data), "v.npy")
        #expect(integers?.field == "descr")
        #expect(integers?.message.contains("'<i4'") == true)
        let bigEndian = try loadError(Self.npy(descr: ">f4", shape: "(2, 2)", data: data), "v.npy")
        #expect(bigEndian?.message.contains("'>f4'") == true)
        let flat = try loadError(Self.npy(descr: "<f4", shape: "(4,)", data: data), "v.npy")
        #expect(flat?.message.contains("shape (4,); expected a 2-D array") == true)
        // (2, 3) needs 24 bytes; 16 are there.
        let short = try loadError(Self.npy(descr: "<f4", shape: "(2, 3)", data: data), "v.npy")
        #expect(short?.message.contains("needs 24 bytes of data but the file has 16") == true)
        let notNumPy = try loadError(Array("just text".utf8), "v.npy")
        #expect(notNumPy?.message.contains("not a NumPy .npy file") == true)
        let garbled = try loadError(Self.npy(descr: "<f4", shape: "(2, 2", data: data), "v.npy")
        #expect(garbled?.message.contains("not a Python dict literal") == true)
        let future = try loadError([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 9, 0, 0, 0], "v.npy")
        #expect(future?.message.contains("version 9.0") == true)
        // NaN at row 1, column 2.
        let notANumber = try loadError(
            Self.npy(descr: "<f4", shape: "(2, 2)", data: Self.float32Bytes([1, .nan, 3, 4])), "v.npy")
        #expect(notANumber?.message.contains("row 1, column 2 is nan") == true)
    }

    @Test func jsonlFilesReadTheEmbeddingField() throws {
        // Other fields are ignored, blank lines skipped, CRLF accepted; integers are numbers too.
        let text = """
            {"id": 1, "embedding": [0, 3, 4]}\r
            \r
            {"embedding": [1e0, 0.0, 0], "text": "hello"}

            """
        try withTemporaryDirectory { directory in
            let path = try write(text, "vectors.jsonl", in: directory)
            let embedder = try PrecomputedEmbedder(path: path, expectedRows: 2)
            #expect(embedder.modelID == "file:vectors.jsonl")
            #expect(embedder.dimension == 3)
            let embeddings = try embedder.embed(["a", "b"])
            #expect(abs(embeddings[0, 1] - 0.6) < 1e-7)
            #expect(abs(embeddings[0, 2] - 0.8) < 1e-7)
            #expect(embeddings.row(1) == [1, 0, 0])
        }
    }

    @Test func aMissingEmbeddingFieldNamesTheLineAndField() throws {
        let error = try loadError(
            """
            {"embedding": [1, 2]}
            {"vector": [1, 2]}
            """)
        #expect(error?.kind == .input)
        #expect(error?.line == 2)
        #expect(error?.field == "embedding")
        #expect(
            error?.description.hasSuffix(
                "vectors.jsonl:2: embedding: missing; each line needs an `embedding` array of numbers") == true)
    }

    @Test func aNonNumericValueNamesItsPosition() throws {
        let string = try loadError(#"{"embedding": [0.5, "x", 1]}"#)
        #expect(string?.line == 1)
        #expect(string?.field == "embedding")
        #expect(string?.message.hasPrefix("value 2 is not a number") == true)
        let boolean = try loadError("{\"embedding\": [1, 2]}\n{\"embedding\": [true, 2]}")
        #expect(boolean?.line == 2)
        #expect(boolean?.message.hasPrefix("value 1 is not a number") == true)
        let null = try loadError(#"{"embedding": [1, null]}"#)
        #expect(null?.message.hasPrefix("value 2 is null") == true)
        let notArray = try loadError(#"{"embedding": "0.1 0.2"}"#)
        #expect(notArray?.message.hasPrefix("is not an array") == true)
        let malformed = try loadError(#"{"embedding": [1, 2"#)
        #expect(malformed?.line == 1)
        #expect(malformed?.message.hasPrefix("malformed JSON") == true)
    }

    @Test func aDifferentDimensionNamesTheLine() throws {
        let error = try loadError(
            """
            {"embedding": [1, 2, 3]}
            {"embedding": [4, 5, 6]}
            {"embedding": [7, 8]}
            """)
        #expect(error?.line == 3)
        #expect(error?.field == "embedding")
        #expect(error?.message.hasPrefix("has 2 values but line 1 has 3") == true)
    }

    @Test func otherFilesAreRejected() throws {
        let csv = try loadError("1,2,3\n", "vectors.csv")
        #expect(csv?.message.contains("unsupported embedding file") == true)
        let empty = try loadError("\n\n")
        #expect(empty?.message.contains("holds no vectors") == true)
        let missing = #expect(throws: AssayError.self) {
            _ = try PrecomputedEmbedder(path: "/nonexistent-\(UUID().uuidString)/vectors.npy")
        }
        #expect(missing?.message.hasPrefix("cannot be read") == true)
    }
}
