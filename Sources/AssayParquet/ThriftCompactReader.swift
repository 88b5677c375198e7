/// Reads Apache Thrift's compact protocol (thrift `doc/specs/thrift-compact-protocol.md`), the encoding of
/// Parquet's file metadata and page headers, from a byte buffer, checking every length against the bytes
/// left so that a damaged file fails with an error rather than reading past its end.
struct ThriftCompactReader {
    /// The compact protocol's type codes.
    enum FieldType: UInt8 {
        case stop = 0
        case booleanTrue = 1
        case booleanFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    private(set) var position: Int
    /// Structs and containers entered and not yet left; deeper nesting than `maxDepth` is refused.
    private var depth = 0
    private static let maxDepth = 64
    /// The value of a boolean field, carried in its header.
    private var pendingBoolean: Bool?

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    /// One raw byte (a Thrift `byte` is written as itself).
    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw ParquetError.corrupt("Thrift metadata ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    /// An unsigned LEB128 varint of at most 10 bytes.
    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw ParquetError.corrupt("a Thrift varint is too long") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    /// A zigzag-encoded signed varint.
    mutating func zigzag() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func i32() throws -> Int32 {
        let value = try zigzag()
        guard let narrow = Int32(exactly: value) else { throw ParquetError.corrupt("a Thrift i32 is out of range") }
        return narrow
    }

    mutating func i64() throws -> Int64 { try zigzag() }

    mutating func double() throws -> Double {
        guard bytes.count - position >= 8 else { throw ParquetError.corrupt("Thrift metadata ends early") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += 8
        return Double(bitPattern: bits)
    }

    /// A length-prefixed byte string.
    mutating func binary() throws -> UnsafeRawBufferPointer {
        let length = try varint()
        guard length <= UInt64(bytes.count - position) else {
            throw ParquetError.corrupt("a Thrift string runs past the end of the metadata")
        }
        defer { position += Int(length) }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + Int(length))])
    }

    /// A length-prefixed string, decoded as UTF-8 (invalid bytes replaced).
    mutating func string() throws -> String {
        String(decoding: try binary(), as: UTF8.self)
    }

    /// The value of the boolean field whose header was just read.
    mutating func boolean() throws -> Bool {
        if let value = pendingBoolean {
            pendingBoolean = nil
            return value
        }
        // Inside a list a boolean is a byte of its own: 1 is true.
        return try byte() == 1
    }

    /// Reads a struct, calling `field` with each field's id and type; `field` reads the value and returns
    /// true, or returns false and the value is skipped.
    mutating func readStruct(_ field: (inout ThriftCompactReader, Int16, FieldType) throws -> Bool) throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw ParquetError.corrupt("Thrift metadata nests too deep") }
        defer { depth -= 1 }
        var lastID: Int16 = 0
        while true {
            let header = try byte()
            guard let type = FieldType(rawValue: header & 0x0F) else {
                throw ParquetError.corrupt("a Thrift field has the unknown type \(header & 0x0F)")
            }
            if type == .stop { return }
            let delta = header >> 4
            let id: Int16
            if delta == 0 {
                guard let wide = Int16(exactly: try zigzag()) else {
                    throw ParquetError.corrupt("a Thrift field id is out of range")
                }
                id = wide
            } else {
                id = lastID &+ Int16(delta)
            }
            lastID = id
            if type == .booleanTrue || type == .booleanFalse { pendingBoolean = type == .booleanTrue }
            if try !field(&self, id, type) { try skip(type) }
            pendingBoolean = nil
        }
    }

    /// Reads a list header: the element type and count (checked against the bytes left, each element
    /// taking at least one byte).
    mutating func listHeader() throws -> (type: FieldType, count: Int) {
        let header = try byte()
        var count = UInt64(header >> 4)
        if count == 15 { count = try varint() }
        guard let type = FieldType(rawValue: header & 0x0F) else {
            throw ParquetError.corrupt("a Thrift list has the unknown element type \(header & 0x0F)")
        }
        guard count <= UInt64(bytes.count - position) else {
            throw ParquetError.corrupt("a Thrift list claims more elements than the metadata has bytes")
        }
        return (type, Int(count))
    }

    /// Reads a list whose elements `element` reads.
    mutating func list<T>(_ element: (inout ThriftCompactReader, FieldType) throws -> T) throws -> [T] {
        let (type, count) = try listHeader()
        depth += 1
        guard depth <= Self.maxDepth else { throw ParquetError.corrupt("Thrift metadata nests too deep") }
        defer { depth -= 1 }
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self, type)) }
        return result
    }

    /// Skips a value of `type`.
    mutating func skip(_ type: FieldType) throws {
        switch type {
        case .stop: return
        case .booleanTrue, .booleanFalse: return
        case .byte: _ = try byte()
        case .i16, .i32, .i64: _ = try varint()
        case .double: _ = try double()
        case .binary: _ = try binary()
        case .list, .set:
            _ = try list { reader, type in try reader.skipElement(type) }
        case .map:
            let count = try varint()
            guard count > 0 else { return }
            let types = try byte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F),
                count <= UInt64(bytes.count - position)
            else { throw ParquetError.corrupt("a Thrift map is malformed") }
            depth += 1
            guard depth <= Self.maxDepth else { throw ParquetError.corrupt("Thrift metadata nests too deep") }
            defer { depth -= 1 }
            for _ in 0..<count {
                try skipElement(key)
                try skipElement(value)
            }
        case .structure: try readStruct { _, _, _ in false }
        }
    }

    /// Skips one element of a container: booleans there take a byte.
    private mutating func skipElement(_ type: FieldType) throws {
        if type == .booleanTrue || type == .booleanFalse { _ = try byte() } else { try skip(type) }
    }
}
