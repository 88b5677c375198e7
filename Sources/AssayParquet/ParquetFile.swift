import Foundation

/// A Parquet file opened for reading (apache/parquet-format): its footer read and checked, its columns
/// read on demand, one row group at a time, only those asked for.
///
/// Supported: data pages v1 and v2 and dictionary pages; PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY, RLE,
/// DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT; UNCOMPRESSED,
/// SNAPPY, GZIP, ZSTD, BROTLI and LZ4_RAW; page CRC-32 checksums when written; optional, repeated and
/// nested fields (structs, lists, maps) rebuilt from their levels. Not supported, with an error naming
/// them: encrypted files, LZO and Hadoop-framed LZ4, and FIXED_LEN_BYTE_ARRAY columns other than UUID,
/// DECIMAL and text.
public final class ParquetFile {
    public let path: String
    /// The rows of the file.
    public let rowCount: Int
    /// The names of the top-level fields, in schema order.
    public let fieldNames: [String]
    /// The rows of each row group.
    public var rowGroupRowCounts: [Int] { metadata.rowGroups.map { Int($0.rowCount) } }
    /// The writer the footer names (`parquet-cpp-arrow version 17.0.0`), when it does.
    public var createdBy: String? { metadata.createdBy }

    private let metadata: FileMetadata
    let schema: SchemaNode
    private let leaves: [SchemaNode]
    private let handle: FileHandle
    private let fileSize: Int
    /// Where column chunks are read, one after another.
    private let chunks = PageBuffer()

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// Opens `path` and reads its footer.
    ///
    /// - Throws: `ParquetError` when the file cannot be read, is not Parquet (wrong magic), is encrypted,
    ///   or its footer is cut or malformed.
    public init(path: String) throws {
        self.path = path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ParquetError("cannot be opened; check that it exists and that you may read it")
        }
        self.handle = handle
        let size: UInt64
        do {
            size = try handle.seekToEnd()
        } catch {
            throw ParquetError("cannot be read (\(error.localizedDescription))")
        }
        fileSize = Int(size)
        guard fileSize >= 12 else {
            throw ParquetError(
                "is \(fileSize) bytes, too short for Parquet (a file has at least 12); is it really Parquet?")
        }
        let head = try Self.read(handle, offset: 0, count: 4)
        let tail = try Self.read(handle, offset: fileSize - 8, count: 8)
        if Array(tail[4...]) == Array("PARE".utf8) {
            throw ParquetError("is an encrypted Parquet file, which Assay does not read; decrypt it first")
        }
        guard head == Self.magic, Array(tail[4...]) == Self.magic else {
            throw ParquetError(
                "does not start and end with the Parquet magic bytes PAR1; it is not Parquet, or it is cut short")
        }
        let footerLength = Int(tail[0]) | Int(tail[1]) << 8 | Int(tail[2]) << 16 | Int(tail[3]) << 24
        guard footerLength > 0, footerLength <= fileSize - 12 else {
            throw ParquetError.corrupt("the footer length \(footerLength) does not fit the file's \(fileSize) bytes")
        }
        let footer = try Self.read(handle, offset: fileSize - 8 - footerLength, count: footerLength)
        metadata = try footer.withUnsafeBytes { bytes in
            var reader = ThriftCompactReader(bytes)
            do {
                return try FileMetadata(&reader)
            } catch let error as ParquetError {
                throw ParquetError("its footer cannot be read: \(error.message)")
            }
        }
        schema = try SchemaNode.tree(metadata.schema)
        leaves = schema.leaves
        guard metadata.rowCount >= 0, metadata.rowGroups.allSatisfy({ $0.rowCount >= 0 }),
            metadata.rowGroups.reduce(0, { $0 + $1.rowCount }) == metadata.rowCount
        else { throw ParquetError.corrupt("the row groups' row counts do not add up to the file's") }
        for group in metadata.rowGroups where group.columns.count != leaves.count {
            throw ParquetError.corrupt(
                "a row group has \(group.columns.count) column chunks where the schema has \(leaves.count) columns")
        }
        rowCount = Int(metadata.rowCount)
        fieldNames = schema.children.map(\.name)
    }

    deinit {
        try? handle.close()
    }

    /// `count` bytes of the file from `offset`.
    private static func read(_ handle: FileHandle, offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try readFully(handle, into: $0, at: offset) }
        return bytes
    }

    /// Reads the top-level fields named `fields` (those the file has; others are ignored) one row group at
    /// a time, calling `body` with each group's values by field name, one per row, and the group's rows.
    /// Only the columns under those fields are read, so memory follows them, one row group at a time.
    ///
    /// - Throws: `ParquetError` for a damaged page, an unsupported codec or encoding, or invalid UTF-8 in a
    ///   text column; whatever `body` throws.
    /// - Complexity: O(bytes of the columns read + their values).
    public func forEachRowGroup(
        fields: Set<String>, _ body: (_ values: [String: [ParquetValue]], _ rows: Int) throws -> Void
    ) throws {
        let wanted = schema.children.filter { fields.contains($0.name) }
        var firstRow = 0
        for group in metadata.rowGroups {
            var assembler = RecordAssembler()
            for field in wanted {
                for leaf in leaves[field.leafRange] {
                    assembler.add(leaf, data: try readChunk(group.columns[leaf.leafIndex ?? 0], leaf: leaf))
                }
            }
            var values: [String: [ParquetValue]] = [:]
            for field in wanted {
                values[field.name] = try assembler.assemble(field, rowCount: Int(group.rowCount), firstRow: firstRow)
            }
            try body(values, Int(group.rowCount))
            firstRow += Int(group.rowCount)
        }
    }

    /// Reads and decodes one column chunk.
    private func readChunk(_ chunk: ColumnChunk, leaf: SchemaNode) throws -> ColumnData {
        guard chunk.hasMetadata else {
            throw ParquetError(column: leaf.path, "a column chunk has no metadata (it may be in another file)")
        }
        guard chunk.type == leaf.physicalType?.rawValue else {
            throw ParquetError.corrupt("the column chunk's type differs from the schema's", column: leaf.path)
        }
        let codec = try PageCodec.of(chunk.codec, column: leaf.path)
        var start = chunk.dataPageOffset
        if let dictionary = chunk.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        let length = chunk.totalCompressedSize
        guard start >= 4, length >= 0, start <= Int64(fileSize), length <= Int64(fileSize) - start,
            chunk.valueCount >= 0, chunk.valueCount <= Int64(Int32.max) * 64
        else {
            throw ParquetError.corrupt("a column chunk lies outside the file", column: leaf.path)
        }
        let bytes = chunks.reserve(Int(length))
        try Self.readFully(handle, into: bytes, at: Int(start))
        var reader = try ColumnChunkReader(leaf: leaf, codec: codec)
        return try reader.read(
            UnsafeRawBufferPointer(bytes), valueCount: Int(chunk.valueCount),
            uncompressedSize: Int(max(0, chunk.totalUncompressedSize)))
    }

    /// Fills `buffer` with the file's bytes from `offset` (pread, no copy through `Data`).
    private static func readFully(_ handle: FileHandle, into buffer: UnsafeMutableRawBufferPointer, at offset: Int)
        throws
    {
        var done = 0
        while done < buffer.count {
            let count = pread(
                handle.fileDescriptor, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            guard count > 0 else {
                if count < 0, errno == EINTR { continue }
                throw count == 0
                    ? ParquetError.corrupt("the file ends early")
                    : ParquetError("cannot be read (\(String(cString: strerror(errno))))")
            }
            done += count
        }
    }
}
