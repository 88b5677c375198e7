/// The non-null values of one column chunk, in their physical type: only the array of `type` is used.
///
/// A struct of arrays rather than an enum with payloads, so that appending to a page's values mutates the
/// array in place instead of copying it out of an enum case (which would copy the whole chunk per page).
struct ColumnValues {
    let type: PhysicalType
    var booleans: [Bool] = []
    var int32s: [Int32] = []
    var int64s: [Int64] = []
    /// INT96: 12 bytes each (nanoseconds of the day, then the Julian day).
    var int96s: [UInt8] = []
    var floats: [Float] = []
    var doubles: [Double] = []
    /// BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
    var byteArrays = ByteArrays()

    init(type: PhysicalType) {
        self.type = type
    }

    var count: Int {
        switch type {
        case .boolean: booleans.count
        case .int32: int32s.count
        case .int64: int64s.count
        case .int96: int96s.count / 12
        case .float: floats.count
        case .double: doubles.count
        case .byteArray, .fixedLengthByteArray: byteArrays.count
        }
    }

    /// Appends the values at `indices` of `dictionary`, which has this type.
    ///
    /// - Complexity: O(indices + their bytes).
    mutating func append(from dictionary: ColumnValues, at indices: [UInt32]) {
        switch type {
        case .boolean: booleans.append(contentsOf: indices.map { dictionary.booleans[Int($0)] })
        case .int32: int32s.append(contentsOf: indices.map { dictionary.int32s[Int($0)] })
        case .int64: int64s.append(contentsOf: indices.map { dictionary.int64s[Int($0)] })
        case .float: floats.append(contentsOf: indices.map { dictionary.floats[Int($0)] })
        case .double: doubles.append(contentsOf: indices.map { dictionary.doubles[Int($0)] })
        case .int96:
            for index in indices {
                int96s.append(contentsOf: dictionary.int96s[(Int(index) * 12)..<(Int(index) * 12 + 12)])
            }
        case .byteArray, .fixedLengthByteArray:
            let entries = dictionary.byteArrays
            entries.storage.withUnsafeBytes { storage in
                for index in indices {
                    byteArrays.append(
                        UnsafeRawBufferPointer(
                            rebasing: storage[entries.offsets[Int(index)]..<entries.offsets[Int(index) + 1]]))
                }
            }
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
