import AssayCore
import Foundation
import Testing

@testable import AssayEmbed

/// The safetensors writer, byte by byte, and the reader on what it writes.
@Suite struct SafeTensorsWriterTests {
    /// The layout: an 8-byte little-endian header length, the header with sorted keys padded with
    /// spaces to a multiple of 8, then the data.
    @Test func aFileIsItsHeaderLengthHeaderAndData() {
        let data = SafeTensors.encode(
            [
                SafeTensors.Output(name: "x", shape: [2], values: [1, -2]),
                SafeTensors.Output(name: "h", shape: [1, 3], values: [1, 0.5, 65504], dtype: .f16),
            ], metadata: ["a": "b/c"])
        let header =
            #"{"__metadata__":{"a":"b/c"},"h":{"data_offsets":[8,14],"dtype":"F16","shape":[1,3]},"#
            + #""x":{"data_offsets":[0,8],"dtype":"F32","shape":[2]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        #expect(padded.utf8.count % 8 == 0)
        #expect(Array(data.prefix(8)) == [UInt8(padded.utf8.count), 0, 0, 0, 0, 0, 0, 0])
        #expect(String(decoding: data[8..<(8 + padded.utf8.count)], as: UTF8.self) == padded)
        // 1 = 0x3F800000, −2 = 0xC0000000; in half precision 1 = 0x3C00, 0.5 = 0x3800, 65504 = 0x7BFF.
        let body: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0, 0x00, 0x3C, 0x00, 0x38, 0xFF, 0x7B]
        #expect(Array(data.suffix(from: 8 + padded.utf8.count)) == body)
    }

    @Test func theReaderReadsWhatTheWriterWrote() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-safetensors-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.safetensors").path
        let data = SafeTensors.encode(
            [
                SafeTensors.Output(name: "a", shape: [2, 2], values: [1, 2, 3, 4]),
                SafeTensors.Output(name: "b", shape: [3], values: [0.1, -1.5, 1000], dtype: .f16),
            ], metadata: ["note": "ünïcode \"quoted\""])
        try data.write(to: URL(fileURLWithPath: path))
        let tensors = try SafeTensors(path: path)
        #expect(tensors.names == ["a", "b"])
        #expect(tensors.metadata == ["note": "ünïcode \"quoted\""])
        #expect(try tensors.tensor("a", shape: [2, 2]).values == [1, 2, 3, 4])
        #expect(tensors.dtype(of: "b") == "F16")
        // 0.1 is not a half: the nearest is 0.0999755859375 (0x2E66).
        #expect(try tensors.tensor("b").values == [0.0999755859375, -1.5, 1000])
        #expect(throws: AssayError.self) { try tensors.tensor("a", shape: [4]) }
    }

    @Test func theSameTensorsGiveTheSameBytes() {
        let tensors = [SafeTensors.Output(name: "w", shape: [3], values: [1, 2, 3])]
        let metadata = ["z": "1", "a": "2", "m": "3"]
        #expect(SafeTensors.encode(tensors, metadata: metadata) == SafeTensors.encode(tensors, metadata: metadata))
    }
}
