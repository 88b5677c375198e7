/// The parts of Parquet's `FileMetaData` (apache/parquet-format `src/main/thrift/parquet.thrift`) this
/// reader uses; every other field is skipped.
struct FileMetadata {
    var version: Int32 = 0
    var schema: [SchemaElement] = []
    var rowCount: Int64 = 0
    var rowGroups: [RowGroup] = []
    var createdBy: String?

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): version = try reader.i32()
            case (2, .list): schema = try reader.list { reader, _ in try SchemaElement(&reader) }
            case (3, .i64): rowCount = try reader.i64()
            case (4, .list): rowGroups = try reader.list { reader, _ in try RowGroup(&reader) }
            case (6, .binary): createdBy = try reader.string()
            default: return false
            }
            return true
        }
    }
}

/// Parquet's physical types.
enum PhysicalType: Int32 {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLengthByteArray = 7

    var name: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .int96: "INT96"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .byteArray: "BYTE_ARRAY"
        case .fixedLengthByteArray: "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

enum Repetition: Int32 {
    case required = 0
    case optional = 1
    case repeated = 2
}

/// The logical types (and the converted types they replace) that change how a value reads.
enum LogicalType: Equatable {
    case string, list, map, enumeration, json, uuid
    case decimal(scale: Int32)
    case date
    case timestamp(utc: Bool, unitsPerSecond: Int64)
    case time(unitsPerSecond: Int64)
    case integer(bits: Int8, signed: Bool)
    case other

    /// The logical type of a `LogicalType` union.
    init(_ reader: inout ThriftCompactReader) throws {
        var result = LogicalType.other
        try reader.readStruct { reader, id, type in
            guard type == .structure else { return false }
            switch id {
            case 1: result = .string
            case 2: result = .map
            case 3: result = .list
            case 4: result = .enumeration
            case 5:
                var scale: Int32 = 0
                try reader.readStruct { reader, id, type in
                    guard id == 1, type == .i32 else { return false }
                    scale = try reader.i32()
                    return true
                }
                result = .decimal(scale: scale)
                return true
            case 6: result = .date
            case 7, 8:
                var utc = false
                var unitsPerSecond: Int64 = 1000
                try reader.readStruct { reader, field, type in
                    switch (field, type) {
                    case (1, .booleanTrue), (1, .booleanFalse): utc = try reader.boolean()
                    case (2, .structure): unitsPerSecond = try Self.timeUnit(&reader)
                    default: return false
                    }
                    return true
                }
                result =
                    id == 8
                    ? .timestamp(utc: utc, unitsPerSecond: unitsPerSecond) : .time(unitsPerSecond: unitsPerSecond)
                return true
            case 10:
                var bits: Int8 = 64
                var signed = true
                try reader.readStruct { reader, field, type in
                    switch (field, type) {
                    case (1, .byte): bits = Int8(bitPattern: try reader.byte())
                    case (2, .booleanTrue), (2, .booleanFalse): signed = try reader.boolean()
                    default: return false
                    }
                    return true
                }
                result = .integer(bits: bits, signed: signed)
                return true
            case 12: result = .json
            case 14: result = .uuid
            default: result = .other
            }
            return false  // an empty struct: skipped
        }
        self = result
    }

    /// Units per second of a `TimeUnit` union: MILLIS, MICROS or NANOS.
    private static func timeUnit(_ reader: inout ThriftCompactReader) throws -> Int64 {
        var units: Int64 = 1000
        try reader.readStruct { _, id, _ in
            units = id == 1 ? 1000 : id == 2 ? 1_000_000 : 1_000_000_000
            return false
        }
        return units
    }

    /// The logical type a legacy `ConvertedType` stands for.
    init?(converted: Int32, scale: Int32?) {
        switch converted {
        case 0: self = .string
        case 1, 2: self = .map
        case 3: self = .list
        case 4: self = .enumeration
        case 5: self = .decimal(scale: scale ?? 0)
        case 6: self = .date
        case 7: self = .time(unitsPerSecond: 1000)
        case 8: self = .time(unitsPerSecond: 1_000_000)
        case 9: self = .timestamp(utc: true, unitsPerSecond: 1000)
        case 10: self = .timestamp(utc: true, unitsPerSecond: 1_000_000)
        case 11: self = .integer(bits: 8, signed: false)
        case 12: self = .integer(bits: 16, signed: false)
        case 13: self = .integer(bits: 32, signed: false)
        case 14: self = .integer(bits: 64, signed: false)
        case 15...18: self = .integer(bits: 64, signed: true)
        case 19: self = .json
        default: return nil
        }
    }
}

/// One node of the flattened schema.
struct SchemaElement {
    var type: PhysicalType?
    var typeLength: Int32?
    var repetition: Repetition = .required
    var name = ""
    var childCount: Int32 = 0
    var convertedType: Int32?
    var scale: Int32?
    var logicalType: LogicalType?

    init(_ reader: inout ThriftCompactReader) throws {
        var unknownType: Int32?
        try reader.readStruct { reader, id, fieldType in
            switch (id, fieldType) {
            case (1, .i32):
                let raw = try reader.i32()
                type = PhysicalType(rawValue: raw)
                if type == nil { unknownType = raw }
            case (2, .i32): typeLength = try reader.i32()
            case (3, .i32):
                let raw = try reader.i32()
                guard let value = Repetition(rawValue: raw) else {
                    throw ParquetError("the schema has the repetition \(raw), which this reader does not know")
                }
                repetition = value
            case (4, .binary): name = try reader.string()
            case (5, .i32): childCount = try reader.i32()
            case (6, .i32): convertedType = try reader.i32()
            case (7, .i32): scale = try reader.i32()
            case (10, .structure): logicalType = try LogicalType(&reader)
            default: return false
            }
            return true
        }
        if let unknownType {
            throw ParquetError(column: name, "has the physical type \(unknownType), which this reader does not know")
        }
        if logicalType == nil || logicalType == .other, let convertedType {
            logicalType = LogicalType(converted: convertedType, scale: scale) ?? logicalType
        }
    }
}

struct RowGroup {
    var columns: [ColumnChunk] = []
    var rowCount: Int64 = 0

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .list): columns = try reader.list { reader, _ in try ColumnChunk(&reader) }
            case (3, .i64): rowCount = try reader.i64()
            default: return false
            }
            return true
        }
    }
}

/// A column chunk's `ColumnMetaData`.
struct ColumnChunk {
    var type: Int32 = 0
    var path: [String] = []
    var codec: Int32 = 0
    var valueCount: Int64 = 0
    var totalUncompressedSize: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
    var hasMetadata = false

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.readStruct { reader, id, type in
            guard id == 3, type == .structure else { return false }
            hasMetadata = true
            try reader.readStruct { reader, id, type in
                switch (id, type) {
                case (1, .i32): self.type = try reader.i32()
                case (3, .list): path = try reader.list { reader, _ in try reader.string() }
                case (4, .i32): codec = try reader.i32()
                case (5, .i64): valueCount = try reader.i64()
                case (6, .i64): totalUncompressedSize = try reader.i64()
                case (7, .i64): totalCompressedSize = try reader.i64()
                case (9, .i64): dataPageOffset = try reader.i64()
                case (11, .i64): dictionaryPageOffset = try reader.i64()
                default: return false
                }
                return true
            }
            return true
        }
    }
}

enum PageType: Int32 {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
}

/// A `PageHeader` with the parts of its data, dictionary and v2 headers this reader uses.
struct PageHeader {
    var type: Int32 = -1
    var uncompressedSize: Int32 = -1
    var compressedSize: Int32 = -1
    var crc: Int32?
    var valueCount: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 3
    var repetitionLevelEncoding: Int32 = 3
    // Data page v2.
    var nullCount: Int32 = 0
    var definitionLevelsLength: Int32 = 0
    var repetitionLevelsLength: Int32 = 0
    var isCompressed = true

    init(_ reader: inout ThriftCompactReader) throws {
        try reader.readStruct { reader, id, type in
            switch (id, type) {
            case (1, .i32): self.type = try reader.i32()
            case (2, .i32): uncompressedSize = try reader.i32()
            case (3, .i32): compressedSize = try reader.i32()
            case (4, .i32): crc = try reader.i32()
            case (5, .structure):
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .i32): valueCount = try reader.i32()
                    case (2, .i32): encoding = try reader.i32()
                    case (3, .i32): definitionLevelEncoding = try reader.i32()
                    case (4, .i32): repetitionLevelEncoding = try reader.i32()
                    default: return false
                    }
                    return true
                }
            case (7, .structure):
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .i32): valueCount = try reader.i32()
                    case (2, .i32): encoding = try reader.i32()
                    default: return false
                    }
                    return true
                }
            case (8, .structure):
                try reader.readStruct { reader, id, type in
                    switch (id, type) {
                    case (1, .i32): valueCount = try reader.i32()
                    case (2, .i32): nullCount = try reader.i32()
                    case (4, .i32): encoding = try reader.i32()
                    case (5, .i32): definitionLevelsLength = try reader.i32()
                    case (6, .i32): repetitionLevelsLength = try reader.i32()
                    case (7, .booleanTrue), (7, .booleanFalse): isCompressed = try reader.boolean()
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        guard uncompressedSize >= 0, compressedSize >= 0, valueCount >= 0 else {
            throw ParquetError.corrupt("a page header has a negative size or count")
        }
    }
}
