import AssayCore
import Foundation

/// The tensors of a `.safetensors` file (an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range, then the raw data), read as `Float`s.
public struct SafeTensors: Sendable {
    /// A tensor's shape and its values, row-major.
    public struct Tensor: Sendable {
        public let shape: [Int]
        public let values: [Float]
    }

    private let file: String
    private let data: Data
    private let entries: [String: Entry]
    /// Where the data section begins: tensor offsets count from here.
    private let dataStart: Int

    private struct Entry: Decodable {
        let dtype: String
        let shape: [Int]
        let dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    /// Opens `path` and reads its header.
    ///
    /// - Throws: `AssayError` (`.input`) when the file is missing or not a safetensors file.
    public init(path: String) throws {
        file = path
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw AssayError(.input, file: path, "cannot be read (\(error.localizedDescription))")
        }
        guard data.count >= 8 else { throw AssayError(.input, file: path, "too short to be a safetensors file") }
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | (Int($1.element) << (8 * $1.offset)) }
        guard headerLength > 0, 8 + headerLength <= data.count else {
            throw AssayError(.input, file: path, "the header length \(headerLength) does not fit the file")
        }
        let header = data.subdata(in: 8..<(8 + headerLength))
        guard let object = try? JSONSerialization.jsonObject(with: header) as? [String: Any] else {
            throw AssayError(.input, file: path, "the header is not a JSON object")
        }
        var entries: [String: Entry] = [:]
        for (name, value) in object where name != "__metadata__" {
            guard let json = try? JSONSerialization.data(withJSONObject: value),
                let entry = try? JSONDecoder().decode(Entry.self, from: json), entry.dataOffsets.count == 2
            else {
                throw AssayError(.input, file: path, field: name, "the header entry is malformed")
            }
            entries[name] = entry
        }
        self.entries = entries
        self.dataStart = 8 + headerLength
    }

    /// The names of the tensors, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The `F32` tensor `name`, checked against `shape` when given.
    ///
    /// - Throws: `AssayError` (`.input`) when the tensor is absent, not F32, or of another shape.
    /// - Complexity: O(elements).
    public func tensor(_ name: String, shape expected: [Int]? = nil) throws -> Tensor {
        guard let entry = entries[name] else {
            throw AssayError(.input, file: file, field: name, "no such tensor; is this the all-MiniLM-L6-v2 model?")
        }
        guard entry.dtype == "F32" else {
            throw AssayError(.input, file: file, field: name, "has dtype \(entry.dtype); only F32 is supported")
        }
        if let expected, expected != entry.shape {
            throw AssayError(.input, file: file, field: name, "has shape \(entry.shape), expected \(expected)")
        }
        let count = entry.shape.reduce(1, *)
        let begin = dataStart + entry.dataOffsets[0]
        let end = dataStart + entry.dataOffsets[1]
        guard end - begin == count * 4, end <= data.count else {
            throw AssayError(.input, file: file, field: name, "its byte range does not match its shape")
        }
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[begin..<end])
                // safetensors stores little-endian IEEE 754, the layout of Float on the machines Assay runs on.
                _ = source.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
            }
            initialized = count
        }
        return Tensor(shape: entry.shape, values: values)
    }
}
