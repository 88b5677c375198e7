import CZlib

/// One column chunk read whole: its definition and repetition levels (empty when the column cannot have
/// them: a maximum level of 0) and its non-null values.
struct ColumnData {
    var definitionLevels: [UInt32] = []
    var repetitionLevels: [UInt32] = []
    var values: ColumnValues
    /// Entries (level pairs; rows for a flat column).
    var entryCount: Int
}

/// Reads the pages of one column chunk: dictionary pages, data pages v1 and v2, each decompressed with the
/// chunk's codec and decoded with its encoding (parquet-format `Encodings.md`, `README.md` "Data Pages").
struct ColumnChunkReader {
    let leaf: SchemaNode
    let codec: PageCodec
    let type: PhysicalType
    private var column: String { leaf.path }
    private var dictionary: ColumnValues?
    /// Where pages are decompressed, one after another.
    private let pages = PageBuffer()

    init(leaf: SchemaNode, codec: PageCodec) throws {
        guard let type = leaf.physicalType else { throw ParquetError(column: leaf.path, "has no physical type") }
        if type == .fixedLengthByteArray, leaf.typeLength <= 0 {
            throw ParquetError(column: leaf.path, "is FIXED_LEN_BYTE_ARRAY without a length")
        }
        self.leaf = leaf
        self.codec = codec
        self.type = type
    }

    /// Reads the chunk in `bytes` (its pages, from the first) until `valueCount` entries are read.
    ///
    /// - Throws: `ParquetError` for a damaged page, a wrong checksum or an unsupported encoding.
    /// - Complexity: O(bytes + entries).
    mutating func read(_ bytes: UnsafeRawBufferPointer, valueCount: Int, uncompressedSize: Int) throws -> ColumnData {
        var data = ColumnData(values: ColumnValues(type: type), entryCount: 0)
        if type == .byteArray { data.values.byteArrays.storage.reserveCapacity(min(uncompressedSize, 1 << 30)) }
        var position = 0
        while data.entryCount < valueCount {
            guard position < bytes.count else {
                throw ParquetError.corrupt(
                    "the column chunk ends after \(data.entryCount) of its \(valueCount) values", column: column)
            }
            var thrift = ThriftCompactReader(bytes, at: position)
            let header: PageHeader
            do {
                header = try PageHeader(&thrift)
            } catch var error as ParquetError {
                error.column = column
                throw error
            }
            position = thrift.position
            // Level runs pack many values in few bytes, but no writer puts over a million in a page of a
            // few bytes: a damaged count must not allocate gigabytes.
            guard Int(header.valueCount) <= valueCount - data.entryCount,
                Int(header.valueCount) <= 8 * Int(header.uncompressedSize) + (1 << 20)
            else {
                throw ParquetError.corrupt("a page claims more values than its column chunk has", column: column)
            }
            let size = Int(header.compressedSize)
            guard size <= bytes.count - position else {
                throw ParquetError.corrupt("a page runs past the end of its column chunk", column: column)
            }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[position..<(position + size)])
            position += size
            if let crc = header.crc {
                let actual = crc32(0, payload.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(payload.count))
                guard UInt32(truncatingIfNeeded: actual) == UInt32(bitPattern: crc) else {
                    throw ParquetError(column: column, "a page's CRC-32 checksum does not match; the file is damaged")
                }
            }
            switch PageType(rawValue: header.type) {
            case .dictionaryPage:
                let plain = try codec.decompress(
                    payload, size: Int(header.uncompressedSize), column: column, into: pages)
                guard header.encoding == 0 || header.encoding == 2 else {
                    throw unsupported(encoding: header.encoding, what: "dictionary page")
                }
                var values = ColumnValues(type: type)
                var cursor = ByteCursor(plain, column: column)
                try decodePlain(&cursor, count: Int(header.valueCount), into: &values)
                dictionary = values
            case .dataPage:
                let plain = try codec.decompress(
                    payload, size: Int(header.uncompressedSize), column: column, into: pages)
                var cursor = ByteCursor(plain, column: column)
                let count = Int(header.valueCount)
                let nonNull = try readLevels(&cursor, count: count, header: header, into: &data)
                try decodeValues(&cursor, count: nonNull, encoding: header.encoding, into: &data.values)
                data.entryCount += count
            case .dataPageV2:
                let levelBytes = Int(header.repetitionLevelsLength) + Int(header.definitionLevelsLength)
                guard header.repetitionLevelsLength >= 0, header.definitionLevelsLength >= 0, levelBytes <= size
                else { throw ParquetError.corrupt("a v2 page's level lengths exceed the page", column: column) }
                let count = Int(header.valueCount)
                var levels = ByteCursor(UnsafeRawBufferPointer(rebasing: payload[0..<levelBytes]), column: column)
                let nonNull = try readLevelsV2(&levels, count: count, header: header, into: &data)
                let body = UnsafeRawBufferPointer(rebasing: payload[levelBytes...])
                let plainSize = Int(header.uncompressedSize) - levelBytes
                guard plainSize >= 0 else { throw ParquetError.corrupt("a v2 page's sizes disagree", column: column) }
                let plain =
                    header.isCompressed
                    ? try codec.decompress(body, size: plainSize, column: column, into: pages) : body
                var cursor = ByteCursor(plain, column: column)
                try decodeValues(&cursor, count: nonNull, encoding: header.encoding, into: &data.values)
                data.entryCount += count
            case .indexPage:
                continue
            case nil:
                throw ParquetError.corrupt("a page has the unknown type \(header.type)", column: column)
            }
        }
        guard data.entryCount == valueCount else {
            throw ParquetError.corrupt(
                "the column chunk has \(data.entryCount) values where its metadata says \(valueCount)", column: column)
        }
        return data
    }

    private func unsupported(encoding: Int32, what: String = "page") -> ParquetError {
        let names = [
            0: "PLAIN", 2: "PLAIN_DICTIONARY", 3: "RLE", 4: "BIT_PACKED", 5: "DELTA_BINARY_PACKED",
            6: "DELTA_LENGTH_BYTE_ARRAY", 7: "DELTA_BYTE_ARRAY", 8: "RLE_DICTIONARY", 9: "BYTE_STREAM_SPLIT",
        ]
        let name = names[Int(encoding)] ?? "encoding \(encoding)"
        return ParquetError(
            column: column, "a \(what) is encoded with \(name), which Assay does not read for \(type.name) values")
    }

    /// Reads a v1 page's levels, each run prefixed by its byte length; returns the non-null values that follow.
    private func readLevels(_ cursor: inout ByteCursor, count: Int, header: PageHeader, into data: inout ColumnData)
        throws -> Int
    {
        if leaf.repetitionLevel > 0 {
            guard header.repetitionLevelEncoding == 3 else {
                throw unsupported(encoding: header.repetitionLevelEncoding, what: "repetition level run")
            }
            let length = Int(try cursor.littleEndian(4))
            try HybridRLE.decode(
                try cursor.take(length), bitWidth: HybridRLE.bitWidth(of: leaf.repetitionLevel), count: count,
                column: column, into: &data.repetitionLevels)
        }
        guard leaf.definitionLevel > 0 else { return count }
        guard header.definitionLevelEncoding == 3 else {
            throw unsupported(encoding: header.definitionLevelEncoding, what: "definition level run")
        }
        let length = Int(try cursor.littleEndian(4))
        let start = data.definitionLevels.count
        try HybridRLE.decode(
            try cursor.take(length), bitWidth: HybridRLE.bitWidth(of: leaf.definitionLevel), count: count,
            column: column, into: &data.definitionLevels)
        return try nonNullCount(data.definitionLevels[start...])
    }

    /// Reads a v2 page's levels (not prefixed, not compressed); returns the non-null values that follow.
    private func readLevelsV2(_ cursor: inout ByteCursor, count: Int, header: PageHeader, into data: inout ColumnData)
        throws -> Int
    {
        if leaf.repetitionLevel > 0 {
            try HybridRLE.decode(
                try cursor.take(Int(header.repetitionLevelsLength)),
                bitWidth: HybridRLE.bitWidth(of: leaf.repetitionLevel),
                count: count, column: column, into: &data.repetitionLevels)
        } else {
            _ = try cursor.take(Int(header.repetitionLevelsLength))
        }
        guard leaf.definitionLevel > 0 else { return count }
        let start = data.definitionLevels.count
        try HybridRLE.decode(
            try cursor.take(Int(header.definitionLevelsLength)), bitWidth: HybridRLE.bitWidth(of: leaf.definitionLevel),
            count: count, column: column, into: &data.definitionLevels)
        return try nonNullCount(data.definitionLevels[start...])
    }

    private func nonNullCount(_ levels: ArraySlice<UInt32>) throws -> Int {
        let maximum = UInt32(leaf.definitionLevel)
        var count = 0
        for level in levels {
            if level == maximum {
                count += 1
            } else if level > maximum {
                throw ParquetError.corrupt("a definition level is above the column's maximum", column: column)
            }
        }
        return count
    }

    /// Decodes `count` values in `encoding`.
    private func decodeValues(_ cursor: inout ByteCursor, count: Int, encoding: Int32, into values: inout ColumnValues)
        throws
    {
        switch encoding {
        case 0:
            try decodePlain(&cursor, count: count, into: &values)
        case 2, 8:
            guard let dictionary else {
                throw ParquetError.corrupt("a dictionary-encoded page has no dictionary page before it", column: column)
            }
            let width = Int(try cursor.byte())
            var indices: [UInt32] = []
            try HybridRLE.decode(
                try cursor.take(cursor.remaining), bitWidth: width, count: count, column: column, into: &indices)
            try appendFromDictionary(dictionary, indices: indices, into: &values)
        case 3 where type == .boolean:
            let length = Int(try cursor.littleEndian(4))
            var bits: [UInt32] = []
            try HybridRLE.decode(try cursor.take(length), bitWidth: 1, count: count, column: column, into: &bits)
            values.booleans.append(contentsOf: bits.map { $0 != 0 })
        case 5 where type == .int32 || type == .int64:
            let decoded = try DeltaBinaryPacked.decode(&cursor)
            guard decoded.count >= count else { throw cursor.corrupt("a DELTA_BINARY_PACKED page has too few values") }
            if type == .int32 {
                values.int32s.append(contentsOf: decoded.prefix(count).map { Int32(truncatingIfNeeded: $0) })
            } else {
                values.int64s.append(contentsOf: decoded.prefix(count))
            }
        case 6 where type == .byteArray:
            let lengths = try DeltaBinaryPacked.decode(&cursor)
            guard lengths.count >= count else {
                throw cursor.corrupt("a DELTA_LENGTH_BYTE_ARRAY page has too few values")
            }
            for length in lengths.prefix(count) {
                guard length >= 0 else { throw cursor.corrupt("a byte array has a negative length") }
                values.byteArrays.append(try cursor.take(Int(length)))
            }
        case 7 where type == .byteArray || type == .fixedLengthByteArray:
            let prefixes = try DeltaBinaryPacked.decode(&cursor)
            let suffixes = try DeltaBinaryPacked.decode(&cursor)
            guard prefixes.count >= count, suffixes.count >= count else {
                throw cursor.corrupt("a DELTA_BYTE_ARRAY page has too few values")
            }
            var previous: [UInt8] = []
            for index in 0..<count {
                let prefix = prefixes[index]
                let suffix = suffixes[index]
                guard prefix >= 0, prefix <= previous.count, suffix >= 0 else {
                    throw cursor.corrupt("a DELTA_BYTE_ARRAY prefix is longer than the value before it")
                }
                var value = Array(previous[0..<Int(prefix)])
                value.append(contentsOf: try cursor.take(Int(suffix)))
                value.withUnsafeBytes { values.byteArrays.append($0) }
                previous = value
            }
        case 9 where [.float, .double, .int32, .int64, .fixedLengthByteArray].contains(type):
            try decodeByteStreamSplit(&cursor, count: count, into: &values)
        default:
            throw unsupported(encoding: encoding)
        }
    }

    /// PLAIN: fixed-width little-endian values, booleans one bit each, byte arrays with a 4-byte length.
    private func decodePlain(_ cursor: inout ByteCursor, count: Int, into values: inout ColumnValues) throws {
        func fixed<T>(_ width: Int, _ convert: (UInt64) -> T, _ array: inout [T]) throws {
            let raw = try cursor.take(count * width)
            for index in 0..<count {
                var bits: UInt64 = 0
                for byte in 0..<width { bits |= UInt64(raw[index * width + byte]) << (8 * UInt64(byte)) }
                array.append(convert(bits))
            }
        }
        guard count <= cursor.remaining * 8 else {
            throw cursor.corrupt("a page claims more values than it has bytes for")
        }
        switch type {
        case .boolean:
            let raw = try cursor.take((count + 7) / 8)
            for index in 0..<count { values.booleans.append(raw[index / 8] >> UInt8(index % 8) & 1 == 1) }
        case .int32: try fixed(4, { Int32(truncatingIfNeeded: $0) }, &values.int32s)
        case .int64: try fixed(8, { Int64(bitPattern: $0) }, &values.int64s)
        case .int96: values.int96s.append(contentsOf: try cursor.take(count * 12))
        case .float: try fixed(4, { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }, &values.floats)
        case .double: try fixed(8, { Double(bitPattern: $0) }, &values.doubles)
        case .fixedLengthByteArray:
            for _ in 0..<count { values.byteArrays.append(try cursor.take(leaf.typeLength)) }
        case .byteArray:
            // Each value is a 4-byte little-endian length and its bytes: scanned once for the offsets, then
            // copied in one block.
            let start = cursor.position
            var offsets: [Int] = []
            offsets.reserveCapacity(count)
            var total = values.byteArrays.storage.count
            for _ in 0..<count {
                let length = Int(try cursor.littleEndian(4))
                _ = try cursor.take(length)
                total += length
                offsets.append(total)
            }
            // Grown geometrically: reserving exactly `total` on every page would copy the chunk's bytes per page.
            if values.byteArrays.storage.capacity < total {
                values.byteArrays.storage.reserveCapacity(max(total, 2 * values.byteArrays.storage.capacity))
            }
            var position = start
            for _ in 0..<count {
                let length =
                    Int(cursor.bytes[position]) | Int(cursor.bytes[position + 1]) << 8
                    | Int(cursor.bytes[position + 2]) << 16 | Int(cursor.bytes[position + 3]) << 24
                values.byteArrays.storage.append(
                    contentsOf: UnsafeRawBufferPointer(rebasing: cursor.bytes[(position + 4)..<(position + 4 + length)])
                )
                position += 4 + length
            }
            values.byteArrays.offsets.append(contentsOf: offsets)
        }
    }

    private func appendFromDictionary(_ dictionary: ColumnValues, indices: [UInt32], into values: inout ColumnValues)
        throws
    {
        let size = dictionary.count
        guard dictionary.type == values.type, indices.allSatisfy({ Int($0) < size }) else {
            throw ParquetError.corrupt("a dictionary index is past the end of the dictionary", column: column)
        }
        values.append(from: dictionary, at: indices)
    }

    /// BYTE_STREAM_SPLIT: byte k of every value, then byte k + 1 …
    private func decodeByteStreamSplit(_ cursor: inout ByteCursor, count: Int, into values: inout ColumnValues) throws {
        let width: Int
        switch type {
        case .float, .int32: width = 4
        case .double, .int64: width = 8
        default: width = leaf.typeLength
        }
        let raw = try cursor.take(count * width)
        var joined = [UInt8](repeating: 0, count: count * width)
        for index in 0..<count {
            for byte in 0..<width { joined[index * width + byte] = raw[byte * count + index] }
        }
        try joined.withUnsafeBytes { bytes in
            var plain = ByteCursor(bytes, column: column)
            if type == .fixedLengthByteArray {
                for _ in 0..<count { values.byteArrays.append(try plain.take(width)) }
            } else {
                try decodePlain(&plain, count: count, into: &values)
            }
        }
    }
}
