/// The non-null values of one column chunk, in their physical type.
enum ColumnValues {
    case boolean([Bool])
    case int32([Int32])
    case int64([Int64])
    /// INT96: 12 bytes each (nanoseconds of the day, then the Julian day).
    case int96([UInt8])
    case float([Float])
    case double([Double])
    case bytes(ByteArrays)

    /// Empty values of `type`.
    init(type: PhysicalType) {
        switch type {
        case .boolean: self = .boolean([])
        case .int32: self = .int32([])
        case .int64: self = .int64([])
        case .int96: self = .int96([])
        case .float: self = .float([])
        case .double: self = .double([])
        case .byteArray, .fixedLengthByteArray: self = .bytes(ByteArrays())
        }
    }

    var count: Int {
        switch self {
        case .boolean(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .int96(let bytes): bytes.count / 12
        case .float(let values): values.count
        case .double(let values): values.count
        case .bytes(let values): values.count
        }
    }
}

/// Byte strings stored end to end, with the offset where each starts (and one past the last).
struct ByteArrays {
    var storage: [UInt8] = []
    var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        storage.append(contentsOf: bytes)
        offsets.append(storage.count)
    }

    /// Calls `body` with the bytes of value `index`.
    func withValue<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offsets[index]..<offsets[index + 1]]))
        }
    }
}
