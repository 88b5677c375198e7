import CZlib

/// The size of data compressed by gzip (zlib deflate, level 9, RFC 1952 framing: a 10-byte header
/// and 8-byte trailer) — the same bytes as Python's `gzip.compress` with its default level.
///
/// Compressed output is counted, not kept; input is fed through a fixed staging buffer. zlib keeps
/// a pointer to its stream, so the stream lives at a fixed heap address owned by this class.
final class GzipSize {
    private let stream: UnsafeMutablePointer<z_stream>
    private var staging: [UInt8] = []
    private var output = [UInt8](repeating: 0, count: 1 << 16)
    private(set) var inputBytes = 0
    private var compressedBytes = 0
    private var finished = false

    init(level: Int32 = 9) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = assay_deflate_init2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)
        precondition(status == Z_OK, "zlib deflateInit2 failed (\(status))")
        staging.reserveCapacity(1 << 16)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Adds bytes to the compressed stream.
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let take = min(rest.count, (1 << 16) - staging.count)
            staging.append(contentsOf: UnsafeBufferPointer(rebasing: rest[..<take]))
            rest = UnsafeBufferPointer(rebasing: rest[take...])
            if staging.count == 1 << 16 { deflateStaging(flush: Z_NO_FLUSH) }
        }
    }

    /// Adds the UTF-8 bytes of `text`, at most its first `limit` bytes, cut before a character that
    /// would not fit whole.
    ///
    /// - Complexity: O(min(bytes, limit)).
    func append(_ text: String, limit: Int = .max) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.count > limit else { return append(bytes) }
            var end = max(0, limit)
            // A continuation byte (10xxxxxx) at the cut belongs to the scalar before it.
            while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            append(UnsafeBufferPointer(rebasing: bytes[..<end]))
        }
    }

    /// Finishes the stream and returns the compressed size in bytes.
    func finish() -> Int {
        if !finished {
            deflateStaging(flush: Z_FINISH)
            finished = true
        }
        return compressedBytes
    }

    private func deflateStaging(flush: Int32) {
        inputBytes += staging.count
        let stream = self.stream
        var produced = 0
        staging.withUnsafeMutableBufferPointer { input in
            stream.pointee.next_in = input.baseAddress
            stream.pointee.avail_in = UInt32(input.count)
            output.withUnsafeMutableBufferPointer { out in
                var status: Int32
                repeat {
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    status = deflate(stream, flush)
                    precondition(status != Z_STREAM_ERROR, "zlib deflate failed")
                    produced += out.count - Int(stream.pointee.avail_out)
                } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && status != Z_STREAM_END)
            }
        }
        compressedBytes += produced
        stream.pointee.next_in = nil
        staging.removeAll(keepingCapacity: true)
    }
}
