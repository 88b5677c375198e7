import Foundation

extension SafeTensors {
    /// A tensor to write: its name, shape, row-major values and the dtype to store them as.
    public struct Output: Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]
        public var dtype: DType

        public init(name: String, shape: [Int], values: [Float], dtype: DType = .f32) {
            precondition(shape.reduce(1, *) == values.count, "\(name): \(values.count) values for shape \(shape)")
            self.name = name
            self.shape = shape
            self.values = values
            self.dtype = dtype
        }
    }

    /// The bytes of a safetensors file holding `tensors` and `metadata`.
    ///
    /// The layout is the format's: the header's length as 8 little-endian bytes, the JSON header, then the
    /// tensors' little-endian data back to back in the order given (`F16` rounds each value to nearest).
    /// The header's keys are sorted and it has no spaces but the trailing ones that pad it to a multiple
    /// of 8 bytes, so every tensor starts 8-byte aligned and the same input always gives the same bytes.
    ///
    /// - Parameters:
    ///   - metadata: the header's `__metadata__` (left out when empty).
    /// - Complexity: O(total elements).
    public static func encode(_ tensors: [Output], metadata: [String: String] = [:]) -> Data {
        var header: [String: HeaderValue] = [:]
        var offset = 0
        for tensor in tensors {
            let length = tensor.values.count * tensor.dtype.byteCount
            header[tensor.name] = .tensor(
                dtype: tensor.dtype.rawValue, shape: tensor.shape, offsets: [offset, offset + length])
            offset += length
        }
        if !metadata.isEmpty { header["__metadata__"] = .metadata(metadata) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a dictionary of strings, arrays of integers and strings cannot fail.
        var json = (try? encoder.encode(header)) ?? Data("{}".utf8)
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var data = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(json)
        for tensor in tensors {
            switch tensor.dtype {
            case .f32:
                for value in tensor.values {
                    withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
            case .f16:
                for value in tensor.values {
                    withUnsafeBytes(of: Float16(value).bitPattern.littleEndian) { data.append(contentsOf: $0) }
                }
            }
        }
        return data
    }

    /// One entry of the header: a tensor's place, or the metadata map.
    private enum HeaderValue: Encodable {
        case tensor(dtype: String, shape: [Int], offsets: [Int])
        case metadata([String: String])

        private enum Keys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .tensor(let dtype, let shape, let offsets):
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(dtype, forKey: .dtype)
                try container.encode(shape, forKey: .shape)
                try container.encode(offsets, forKey: .dataOffsets)
            case .metadata(let values):
                var container = encoder.singleValueContainer()
                try container.encode(values)
            }
        }
    }
}
