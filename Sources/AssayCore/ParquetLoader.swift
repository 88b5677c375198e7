import AssayParquet
import Crypto
import Foundation

/// Feeds the rows of a Parquet file to a `ColumnBuilder`: only the top-level fields the builder needs are
/// read, one row group at a time, and each row becomes the record a JSON Lines file would give (nested
/// lists and structs as arrays and objects; see `ParquetValue` for dates and timestamps). Rows are
/// numbered from 1 across the file and cited as `file:row`.
enum ParquetLoader {
    /// Reads `path` into `builder`.
    ///
    /// - Throws: `AssayError` (`.input`) naming the file (and the column) for a file that is not Parquet,
    ///   is damaged or uses what the reader does not support; the builder's errors for the rows.
    /// - Complexity: O(bytes of the columns read + their values); memory one row group of them.
    static func read(_ path: String, into builder: inout ColumnBuilder) throws -> DatasetLoader.FileRead {
        let file: ParquetFile
        do {
            file = try ParquetFile(path: path)
        } catch let error as ParquetError {
            throw AssayError(.input, file: path, line: error.row, field: error.column, error.message)
        }
        let allFields = file.fieldNames.sorted()
        var row = 0
        do {
            try file.forEachRowGroup(fields: builder.topLevelFields) { columns, count in
                for index in 0..<count {
                    row += 1
                    var record: [String: JSONValue] = [:]
                    for (name, values) in columns { record[name] = json(values[index]) }
                    try builder.add(line: row, row: row) { path in
                        // A missing key lists every top-level field of the file, not only those read.
                        switch path.resolve(in: record) {
                        case .missing(let part, let within, _) where within.isEmpty:
                            return .missing(part: part, within: within, keys: allFields)
                        case let found:
                            return found
                        }
                    }
                }
            }
        } catch let error as ParquetError {
            throw AssayError(.input, file: path, line: error.row, field: error.column, error.message)
        }
        let hash = try sha256(of: path)
        return DatasetLoader.FileRead(format: .parquet, sha256: hash.hex, byteCount: hash.bytes, rowSpan: row)
    }

    /// A Parquet value as JSON.
    static func json(_ value: ParquetValue) -> JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .integer(let number): .integer(number)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(json))
        case .record(let fields): .object(fields.mapValues(json))
        }
    }

    /// A Parquet value as compact JSON bytes: a record's keys sorted, a number that is not finite as null.
    static func jsonBytes(_ value: ParquetValue) -> [UInt8] {
        switch value {
        case .null: return Array("null".utf8)
        case .bool(let flag): return Array((flag ? "true" : "false").utf8)
        case .integer(let number): return Array(String(number).utf8)
        case .number(let number): return number.isFinite ? Array("\(number)".utf8) : Array("null".utf8)
        case .string(let text): return JSONBytes.quoted(text)
        case .list(let items):
            var bytes: [UInt8] = [UInt8(ascii: "[")]
            for (position, item) in items.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += jsonBytes(item)
            }
            return bytes + [UInt8(ascii: "]")]
        case .record(let fields):
            var bytes: [UInt8] = [UInt8(ascii: "{")]
            for (position, key) in fields.keys.sorted().enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += JSONBytes.quoted(key) + [UInt8(ascii: ":")] + jsonBytes(fields[key] ?? .null)
            }
            return bytes + [UInt8(ascii: "}")]
        }
    }

    /// The SHA-256 and size of the file as stored, read in blocks.
    private static func sha256(of path: String) throws -> (hex: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw AssayError(.input, file: path, "cannot be read; check its permissions")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let block = try? handle.read(upToCount: 1 << 22), !block.isEmpty {
            hasher.update(data: block)
            bytes += block.count
        }
        return (DatasetLoader.hex(hasher.finalize()), bytes)
    }
}
