/// A cursor over a page's bytes that fails with a `ParquetError` instead of reading past the end.
struct ByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    let column: String

    init(_ bytes: UnsafeRawBufferPointer, column: String) {
        self.bytes = bytes
        self.column = column
    }

    var remaining: Int { bytes.count - position }

    func corrupt(_ what: String) -> ParquetError { ParquetError.corrupt(what, column: column) }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw corrupt("a page ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    /// `count` bytes, as a buffer into the page.
    mutating func take(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw corrupt("a page ends early") }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + count)])
    }

    /// A little-endian unsigned integer of `width` bytes (at most 8).
    mutating func littleEndian(_ width: Int) throws -> UInt64 {
        let raw = try take(width)
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(raw[index]) << (8 * UInt64(index)) }
        return value
    }

    mutating func uleb128() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw corrupt("a varint is too long") }
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func zigzag() throws -> Int64 {
        let raw = try uleb128()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }
}

/// Parquet's RLE / bit-packing hybrid (parquet-format `Encodings.md`): runs of one repeated value and
/// groups of 8 values bit-packed least significant bit first, each run introduced by a ULEB128 header
/// whose low bit says which.
enum HybridRLE {
    /// Decodes `count` values of `bitWidth` bits (0 to 32) from `bytes`, calling `emit` with each.
    ///
    /// - Throws: `ParquetError` when the runs end before `count` values.
    /// - Complexity: O(count + bytes).
    static func decode(
        _ bytes: UnsafeRawBufferPointer, bitWidth: Int, count: Int, column: String, into output: inout [UInt32]
    ) throws {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError.corrupt("a bit width of \(bitWidth) is out of range", column: column)
        }
        var cursor = ByteCursor(bytes, column: column)
        let byteWidth = (bitWidth + 7) / 8
        let mask: UInt64 = bitWidth == 0 ? 0 : (UInt64(1) << UInt64(bitWidth)) - 1
        var left = count
        while left > 0 {
            let header = try cursor.uleb128()
            if header & 1 == 0 {
                let run = header >> 1
                guard run > 0 else { throw cursor.corrupt("an RLE run is empty") }
                let value = UInt32(truncatingIfNeeded: try cursor.littleEndian(byteWidth) & mask)
                let taken = Int(min(run, UInt64(left)))
                output.append(contentsOf: repeatElement(value, count: taken))
                left -= taken
            } else {
                let groups = header >> 1
                guard groups > 0, groups <= UInt64(cursor.remaining + 1) else {
                    throw cursor.corrupt("a bit-packed run is longer than its page")
                }
                let values = Int(groups) * 8
                let packed = try cursor.take(min(cursor.remaining, Int(groups) * bitWidth))
                var buffer: UInt64 = 0
                var bitsInBuffer = 0
                var byteIndex = 0
                for _ in 0..<min(values, left) {
                    while bitsInBuffer < bitWidth {
                        let next = byteIndex < packed.count ? UInt64(packed[byteIndex]) : 0
                        buffer |= next << UInt64(bitsInBuffer)
                        bitsInBuffer += 8
                        byteIndex += 1
                    }
                    output.append(UInt32(truncatingIfNeeded: buffer & mask))
                    buffer = bitWidth == 64 ? 0 : buffer >> UInt64(bitWidth)
                    bitsInBuffer -= bitWidth
                }
                left -= min(values, left)
            }
        }
    }

    /// The bits needed for values up to `maximum`.
    static func bitWidth(of maximum: Int) -> Int {
        maximum == 0 ? 0 : Int.bitWidth - maximum.leadingZeroBitCount
    }
}

/// Parquet's DELTA_BINARY_PACKED encoding (parquet-format `Encodings.md`): a header (block size,
/// miniblocks per block, value count, first value), then blocks of a minimum delta and bit-packed
/// miniblocks of deltas above it.
enum DeltaBinaryPacked {
    /// Decodes the values at the start of `cursor`, leaving it after them.
    ///
    /// - Throws: `ParquetError` for a malformed header or a block that runs past the page.
    /// - Complexity: O(values + bytes).
    static func decode(_ cursor: inout ByteCursor) throws -> [Int64] {
        let blockSize = try cursor.uleb128()
        let miniblocks = try cursor.uleb128()
        let total = try cursor.uleb128()
        var previous = try cursor.zigzag()
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
            (blockSize / miniblocks) % 32 == 0, blockSize <= 1 << 20, total <= UInt64(Int32.max)
        else { throw cursor.corrupt("a DELTA_BINARY_PACKED header is malformed") }
        let perMiniblock = Int(blockSize / miniblocks)
        var values: [Int64] = []
        guard total > 0 else { return values }
        // Each block takes at least its minimum delta and its miniblocks' widths: one byte each.
        guard total <= UInt64(cursor.remaining / (1 + Int(miniblocks)) + 1) * blockSize + 1 else {
            throw cursor.corrupt("a DELTA_BINARY_PACKED page claims more values than it has bytes for")
        }
        values.reserveCapacity(Int(total))
        values.append(previous)
        var left = Int(total) - 1
        while left > 0 {
            let minimum = try cursor.zigzag()
            let widths = try cursor.take(Int(miniblocks))
            for index in 0..<Int(miniblocks) where left > 0 {
                let width = Int(widths[index])
                guard width <= 64 else { throw cursor.corrupt("a miniblock's bit width is over 64") }
                let packed = try cursor.take(min(cursor.remaining, perMiniblock * width / 8))
                var buffer: UInt64 = 0
                var bitsInBuffer = 0
                var byteIndex = 0
                let mask: UInt64 = width == 64 ? .max : (UInt64(1) << UInt64(width)) - 1
                for _ in 0..<min(perMiniblock, left) {
                    var delta: UInt64 = 0
                    var filled = 0
                    while filled < width {
                        if bitsInBuffer == 0 {
                            buffer = byteIndex < packed.count ? UInt64(packed[byteIndex]) : 0
                            byteIndex += 1
                            bitsInBuffer = 8
                        }
                        let take = min(width - filled, bitsInBuffer)
                        let bits = buffer & ((UInt64(1) << UInt64(take)) - 1)
                        delta |= bits << UInt64(filled)
                        buffer >>= UInt64(take)
                        bitsInBuffer -= take
                        filled += take
                    }
                    previous = previous &+ minimum &+ Int64(bitPattern: delta & mask)
                    values.append(previous)
                }
                left -= min(perMiniblock, left)
            }
        }
        return values
    }
}
