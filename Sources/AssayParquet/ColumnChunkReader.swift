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
    mutating func read(_ bytes: UnsafeRawBufferPointer, valueCount: Int) throws -> ColumnData {
        var data = ColumnData(
            values: ColumnValues(type: type), entryCount: 0)
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
                let plain = try codec.decompress(payload, size: Int(header.uncompressedSize), column: column)
                guard header.encoding == 0 || header.encoding == 2 else {
                    throw unsupported(encoding: header.encoding, what: "dictionary page")
                }
                var values = ColumnValues(type: type)
                try plain.withUnsafeBytes { raw in
                    var cursor = ByteCursor(raw, column: column)
                    try decodePlain(&cursor, count: Int(header.valueCount), into: &values)
                }
                dictionary = values
            case .dataPage:
                let plain = try codec.decompress(payload, size: Int(header.uncompressedSize), column: column)
                try plain.withUnsafeBytes { raw in
                    var cursor = ByteCursor(raw, column: column)
                    let count = Int(header.valueCount)
                    let nonNull = try readLevels(&cursor, count: count, header: header, into: &data)
                    try decodeValues(&cursor, count: nonNull, encoding: header.encoding, into: &data.values)
                    data.entryCount += count
                }
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
                    header.isCompressed ? try codec.decompress(body, size: plainSize, column: column) : Array(body)
                try plain.withUnsafeBytes { raw in
                    var cursor = ByteCursor(raw, column: column)
                    try decodeValues(&cursor, count: nonNull, encoding: header.encoding, into: &data.values)
                }
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
            guard case .boolean(var booleans) = values else { return }
            booleans.append(contentsOf: bits.map { $0 != 0 })
            values = .boolean(booleans)
        case 5 where type == .int32 || type == .int64:
            let decoded = try DeltaBinaryPacked.decode(&cursor)
            guard decoded.count >= count else { throw cursor.corrupt("a DELTA_BINARY_PACKED page has too few values") }
            switch values {
            case .int32(var ints):
                ints.append(contentsOf: decoded.prefix(count).map { Int32(truncatingIfNeeded: $0) })
                values = .int32(ints)
            case .int64(var ints):
                ints.append(contentsOf: decoded.prefix(count))
                values = .int64(ints)
            default: break
            }
        case 6 where type == .byteArray:
            let lengths = try DeltaBinaryPacked.decode(&cursor)
            guard lengths.count >= count, case .bytes(var arrays) = values else {
                throw cursor.corrupt("a DELTA_LENGTH_BYTE_ARRAY page has too few values")
            }
            for length in lengths.prefix(count) {
                guard length >= 0 else { throw cursor.corrupt("a byte array has a negative length") }
                arrays.append(try cursor.take(Int(length)))
            }
            values = .bytes(arrays)
        case 7 where type == .byteArray || type == .fixedLengthByteArray:
            let prefixes = try DeltaBinaryPacked.decode(&cursor)
            let suffixes = try DeltaBinaryPacked.decode(&cursor)
            guard prefixes.count >= count, suffixes.count >= count, case .bytes(var arrays) = values else {
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
                value.withUnsafeBytes { arrays.append($0) }
                previous = value
            }
            values = .bytes(arrays)
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
            array.reserveCapacity(array.count + count)
            for index in 0..<count {
                var bits: UInt64 = 0
                for byte in 0..<width { bits |= UInt64(raw[index * width + byte]) << (8 * UInt64(byte)) }
                array.append(convert(bits))
            }
        }
        guard count <= cursor.remaining * 8 else {
            throw cursor.corrupt("a page claims more values than it has bytes for")
        }
        switch values {
        case .boolean(var booleans):
            let raw = try cursor.take((count + 7) / 8)
            for index in 0..<count { booleans.append(raw[index / 8] >> UInt8(index % 8) & 1 == 1) }
            values = .boolean(booleans)
        case .int32(var ints):
            try fixed(4, { Int32(truncatingIfNeeded: $0) }, &ints)
            values = .int32(ints)
        case .int64(var ints):
            try fixed(8, { Int64(bitPattern: $0) }, &ints)
            values = .int64(ints)
        case .int96(var bytes):
            bytes.append(contentsOf: try cursor.take(count * 12))
            values = .int96(bytes)
        case .float(var floats):
            try fixed(4, { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) }, &floats)
            values = .float(floats)
        case .double(var doubles):
            try fixed(8, { Double(bitPattern: $0) }, &doubles)
            values = .double(doubles)
        case .bytes(var arrays):
            arrays.storage.reserveCapacity(arrays.storage.count + cursor.remaining)
            if type == .fixedLengthByteArray {
                for _ in 0..<count { arrays.append(try cursor.take(leaf.typeLength)) }
            } else {
                for _ in 0..<count {
                    let length = Int(try cursor.littleEndian(4))
                    arrays.append(try cursor.take(length))
                }
            }
            values = .bytes(arrays)
        }
    }

    private func appendFromDictionary(_ dictionary: ColumnValues, indices: [UInt32], into values: inout ColumnValues)
        throws
    {
        let size = dictionary.count
        guard indices.allSatisfy({ Int($0) < size }) else {
            throw ParquetError.corrupt("a dictionary index is past the end of the dictionary", column: column)
        }
        switch (dictionary, values) {
        case (.boolean(let entries), .boolean(var out)):
            out.append(contentsOf: indices.map { entries[Int($0)] })
            values = .boolean(out)
        case (.int32(let entries), .int32(var out)):
            out.append(contentsOf: indices.map { entries[Int($0)] })
            values = .int32(out)
        case (.int64(let entries), .int64(var out)):
            out.append(contentsOf: indices.map { entries[Int($0)] })
            values = .int64(out)
        case (.float(let entries), .float(var out)):
            out.append(contentsOf: indices.map { entries[Int($0)] })
            values = .float(out)
        case (.double(let entries), .double(var out)):
            out.append(contentsOf: indices.map { entries[Int($0)] })
            values = .double(out)
        case (.int96(let entries), .int96(var out)):
            for index in indices { out.append(contentsOf: entries[(Int(index) * 12)..<(Int(index) * 12 + 12)]) }
            values = .int96(out)
        case (.bytes(let entries), .bytes(var out)):
            entries.storage.withUnsafeBytes { storage in
                for index in indices {
                    let range = entries.offsets[Int(index)]..<entries.offsets[Int(index) + 1]
                    out.append(UnsafeRawBufferPointer(rebasing: storage[range]))
                }
            }
            values = .bytes(out)
        default:
            throw ParquetError.corrupt("the dictionary's type differs from the column's", column: column)
        }
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
                guard case .bytes(var arrays) = values else { return }
                for _ in 0..<count { arrays.append(try plain.take(width)) }
                values = .bytes(arrays)
            } else {
                try decodePlain(&plain, count: count, into: &values)
            }
        }
    }
}
