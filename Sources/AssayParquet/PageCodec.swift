import CBrotli
import CLZ4
import CSnappy
import CZlib
import CZstd

/// A block of memory reused from page to page (and chunk to chunk), so that reading a column does not
/// allocate, fault in and free a fresh buffer for every page.
final class PageBuffer {
    private var storage = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// The first `size` bytes of the buffer, grown when needed; the contents are undefined.
    func reserve(_ size: Int) -> UnsafeMutableRawBufferPointer {
        if storage.count < size {
            storage.deallocate()
            storage = .allocate(byteCount: max(size, storage.count * 2), alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: storage[0..<size])
    }

    deinit {
        storage.deallocate()
    }
}

/// The compression codecs of Parquet pages (`CompressionCodec` in parquet.thrift) and their one-shot
/// decompression into a buffer of the size the page header states.
enum PageCodec: Int32 {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7

    var name: String {
        switch self {
        case .uncompressed: "UNCOMPRESSED"
        case .snappy: "SNAPPY"
        case .gzip: "GZIP"
        case .lzo: "LZO"
        case .brotli: "BROTLI"
        case .lz4: "LZ4 (Hadoop framing)"
        case .zstd: "ZSTD"
        case .lz4Raw: "LZ4_RAW"
        }
    }

    /// Whether this reader decompresses the codec.
    var isSupported: Bool { self != .lzo && self != .lz4 }

    /// The codec of a column chunk's code.
    ///
    /// - Throws: `ParquetError` naming the codec when this reader cannot decompress it.
    static func of(_ code: Int32, column: String) throws -> PageCodec {
        guard let codec = PageCodec(rawValue: code) else {
            throw ParquetError(column: column, "is compressed with the unknown codec \(code)")
        }
        guard codec.isSupported else {
            throw ParquetError(
                column: column,
                "is compressed with \(codec.name), which Assay does not read; rewrite the file with SNAPPY, ZSTD, GZIP, BROTLI or LZ4_RAW (e.g. pyarrow.parquet.write_table(table, path, compression='zstd'))"
            )
        }
        return codec
    }

    /// `input` decompressed to exactly `size` bytes, in `buffer` (the result is valid until its next use);
    /// uncompressed input is returned as it is.
    ///
    /// - Throws: `ParquetError` when the bytes do not decompress to `size` bytes.
    /// - Complexity: O(size).
    func decompress(_ input: UnsafeRawBufferPointer, size: Int, column: String, into buffer: PageBuffer) throws
        -> UnsafeRawBufferPointer
    {
        // No writer makes pages anywhere near this; a damaged size must not allocate gigabytes.
        guard size <= 1 << 28 else {
            throw ParquetError.corrupt("a page claims \(size) bytes uncompressed", column: column)
        }
        if self == .uncompressed {
            guard input.count == size else { throw ParquetError.corrupt("a page's sizes disagree", column: column) }
            return input
        }
        let out = buffer.reserve(size)
        let destination = out.baseAddress
        let source = input.baseAddress
        let produced: Int?
        switch self {
        case .snappy:
            var length = size
            produced =
                snappy_uncompress(
                    source?.assumingMemoryBound(to: CChar.self), input.count,
                    destination?.assumingMemoryBound(to: CChar.self), &length) == SNAPPY_OK ? length : nil
        case .zstd:
            let result = ZSTD_decompress(destination, size, source, input.count)
            produced = ZSTD_isError(result) != 0 ? nil : result
        case .gzip:
            produced = Self.inflate(input, into: out)
        case .brotli:
            var length = size
            produced =
                BrotliDecoderDecompress(
                    input.count, source?.assumingMemoryBound(to: UInt8.self), &length,
                    destination?.assumingMemoryBound(to: UInt8.self)) == BROTLI_DECODER_RESULT_SUCCESS ? length : nil
        case .lz4Raw:
            guard input.count <= Int(Int32.max), size <= Int(Int32.max) else {
                produced = nil
                break
            }
            let result = LZ4_decompress_safe(
                source?.assumingMemoryBound(to: CChar.self), destination?.assumingMemoryBound(to: CChar.self),
                Int32(input.count), Int32(size))
            produced = result < 0 ? nil : Int(result)
        case .uncompressed, .lzo, .lz4:
            produced = nil
        }
        guard produced == size else {
            throw ParquetError(
                column: column, "a \(name) page does not decompress to its stated size; the file is damaged")
        }
        return UnsafeRawBufferPointer(out)
    }

    /// zlib's inflate of a gzip (or zlib) stream into `output`: the bytes written, nil on an error.
    private static func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Int? {
        guard input.count <= Int(UInt32.max), output.count <= Int(UInt32.max) else { return nil }
        var stream = z_stream()
        // 15 + 32: a gzip or zlib header, detected.
        guard assay_inflate_init2(&stream, 15 + 32) == Z_OK else {
            return nil
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        var total = 0
        while true {
            let status = CZlib.inflate(&stream, Z_FINISH)
            total = output.count - Int(stream.avail_out)
            if status == Z_STREAM_END {
                // Several gzip members may follow one another.
                guard stream.avail_in > 0, stream.avail_out > 0 else { return total }
                guard inflateReset(&stream) == Z_OK else { return nil }
                continue
            }
            if status != Z_OK { return stream.avail_out == 0 && stream.avail_in == 0 ? total : nil }
        }
    }
}
