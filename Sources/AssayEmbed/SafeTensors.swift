import AssayCore
import Foundation

/// The tensors of a `.safetensors` file (an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range, then the raw data), read as `Float`s from `F32` or `F16`.
///
/// The header may also hold `__metadata__`, a map of strings to strings (`metadata`). `SafeTensors.encode`
/// writes the format.
public struct SafeTensors: Sendable {
    /// A tensor's shape and its values, row-major.
    public struct Tensor: Sendable {
        public let shape: [Int]
        public let values: [Float]
    }

    private let file: String
    private let data: Data
    private let entries: [String: Entry]
    /// The header's `__metadata__`: free-form strings the writer recorded; empty when there is none.
    public let metadata: [String: String]
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
        var metadata: [String: String] = [:]
        if let recorded = object["__metadata__"] {
            guard let strings = recorded as? [String: String] else {
                throw AssayError(.input, file: path, field: "__metadata__", "must map strings to strings")
            }
            metadata = strings
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
        self.metadata = metadata
        self.dataStart = 8 + headerLength
    }

    /// The names of the tensors, sorted.
    public var names: [String] { entries.keys.sorted() }

    /// The tensor `name`, an `F32` or `F16` one (widened to `Float`), checked against `shape` when given.
    ///
    /// - Throws: `AssayError` (`.input`) when the tensor is absent, of another dtype, or of another shape.
    /// - Complexity: O(elements).
    public func tensor(_ name: String, shape expected: [Int]? = nil) throws -> Tensor {
        guard let entry = entries[name] else {
            throw AssayError(.input, file: file, field: name, "no such tensor; is this the all-MiniLM-L6-v2 model?")
        }
        guard let dtype = DType(rawValue: entry.dtype) else {
            throw AssayError(
                .input, file: file, field: name, "has dtype \(entry.dtype); only F32 and F16 are supported")
        }
        if let expected, expected != entry.shape {
            throw AssayError(.input, file: file, field: name, "has shape \(entry.shape), expected \(expected)")
        }
        let count = entry.shape.reduce(1, *)
        let begin = dataStart + entry.dataOffsets[0]
        let end = dataStart + entry.dataOffsets[1]
        guard end - begin == count * dtype.byteCount, begin >= dataStart, end <= data.count else {
            throw AssayError(.input, file: file, field: name, "its byte range does not match its shape")
        }
        // safetensors stores little-endian IEEE 754, the layout of Float and Float16 on the machines Assay runs on.
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            data.withUnsafeBytes { raw in
                let source = UnsafeRawBufferPointer(rebasing: raw[begin..<end])
                switch dtype {
                case .f32:
                    _ = source.copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
                case .f16:
                    for index in 0..<count {
                        buffer[index] = Float(source.loadUnaligned(fromByteOffset: 2 * index, as: Float16.self))
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: entry.shape, values: values)
    }

    /// The dtype of tensor `name` (`F32`, `F16` …, as the header spells it), nil when there is no such tensor.
    public func dtype(of name: String) -> String? {
        entries[name]?.dtype
    }
}

extension SafeTensors {
    /// The element types Assay reads and writes.
    public enum DType: String, Sendable, CaseIterable {
        /// IEEE 754 binary32.
        case f32 = "F32"
        /// IEEE 754 binary16: half the bytes, about 3 significant decimal digits.
        case f16 = "F16"

        /// Bytes per element.
        public var byteCount: Int {
            switch self {
            case .f32: 4
            case .f16: 2
            }
        }
    }
}
