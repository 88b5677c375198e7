import CZlib
import CZstd
import Foundation

/// Compressed datasets: `.gz` (gzip, every member of a multi-member file) and `.zst` (Zstandard, every
/// frame), inflated in fixed-size chunks: JSON Lines are parsed chunk by chunk as they are inflated
/// (`forEachChunk`), other formats from one inflated buffer (`decompress`).
public enum Compression: String, Sendable, CaseIterable {
    case gzip
    case zstd

    /// The file-name suffix that names it.
    public var suffix: String {
        switch self {
        case .gzip: ".gz"
        case .zstd: ".zst"
        }
    }

    /// The compression `path`'s last extension names, if any.
    public init?(path: String) {
        guard let found = Compression.allCases.first(where: { path.lowercased().hasSuffix($0.suffix) }) else {
            return nil
        }
        self = found
    }

    /// The uncompressed bytes of `data`, read from `file`.
    ///
    /// - Throws: `AssayError` (`.input`) naming `file` when the data is corrupt or cut short.
    /// - Complexity: O(compressed + uncompressed bytes); memory is the uncompressed size.
    public func decompress(_ data: Data, file: String) throws -> Data {
        var output = Data()
        try forEachChunk(of: data, file: file) { output.append($0) }
        return output
    }

    /// Calls `body` with each piece of the uncompressed bytes of `data`, in order, at most 1 MiB at a
    /// time; the piece is valid only during the call.
    ///
    /// - Returns: the number of uncompressed bytes.
    /// - Throws: `AssayError` (`.input`) naming `file` when the data is corrupt or cut short (after
    ///   `body` has seen the bytes before the damage), or what `body` throws.
    /// - Complexity: O(compressed + uncompressed bytes); memory is one chunk.
    @discardableResult
    public func forEachChunk(
        of data: Data, file: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Int {
        switch self {
        case .gzip: try Self.gunzip(data, file: file, body)
        case .zstd: try Self.unzstd(data, file: file, body)
        }
    }

    private static let chunk = 1 << 20

    private static func gunzip(
        _ data: Data, file: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Int {
        var produced = 0
        var stream = z_stream()
        // 15 window bits + 32: accept a gzip or a zlib header.
        guard assay_inflate_init2(&stream, 15 + 32) == Z_OK else {
            throw AssayError(.runtime, file: file, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress, !input.isEmpty else {
                throw AssayError(.input, file: file, "the gzip file is empty; compress a dataset into it")
            }
            var fed = 0
            while true {
                if stream.avail_in == 0 && fed < input.count {
                    // zlib counts input in 32 bits: feed a larger file in pieces.
                    let piece = min(input.count - fed, Int(UInt32.max))
                    stream.next_in = UnsafeMutablePointer(mutating: base + fed)
                    stream.avail_in = uInt(piece)
                    fed += piece
                }
                let status = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let count = chunk - Int(stream.avail_out)
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
                produced += count
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow (`cat a.gz b.gz > ab.gz`).
                    guard stream.avail_in > 0 || fed < input.count else { return }
                    inflateReset(&stream)
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0 && fed == input.count:
                    throw AssayError(
                        .input, file: file,
                        "the gzip data ends early, after \(produced) uncompressed bytes; is the file cut short?")
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw AssayError(
                        .input, file: file,
                        "corrupt gzip data after \(produced) uncompressed bytes (\(reason)); check the file")
                }
            }
        }
        return produced
    }

    private static func unzstd(
        _ data: Data, file: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> Int {
        guard let stream = ZSTD_createDStream() else {
            throw AssayError(.runtime, file: file, "zstd could not start decompressing")
        }
        defer { ZSTD_freeDStream(stream) }
        ZSTD_initDStream(stream)
        var total = 0
        var buffer = [UInt8](repeating: 0, count: chunk)
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard !input.isEmpty else {
                throw AssayError(.input, file: file, "the zstd file is empty; compress a dataset into it")
            }
            var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
            var pending = 0
            while source.pos < source.size || pending > 0 {
                var produced = 0
                pending = try buffer.withUnsafeMutableBytes { out in
                    var target = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                    let result = ZSTD_decompressStream(stream, &target, &source)
                    produced = target.pos
                    if ZSTD_isError(result) != 0 {
                        throw AssayError(
                            .input, file: file,
                            "corrupt zstd data (\(String(cString: ZSTD_getErrorName(result)))); check the file")
                    }
                    return result
                }
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<produced])) }
                total += produced
                if source.pos == source.size && produced == 0 && pending > 0 {
                    throw AssayError(
                        .input, file: file,
                        "the zstd data ends early, after \(total) uncompressed bytes; is the file cut short?")
                }
            }
        }
        return total
    }
}
