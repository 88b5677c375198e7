import AssayCore

#if canImport(Glibc)
    import Glibc
#endif

/// One record of a band run: a text's key in a band, and the text's global row.
struct BandRunRecord: Equatable {
    var band: UInt32
    var key: UInt64
    var row: UInt32

    /// Whether `self` comes before `other` in a run's order, (band, key, row).
    @inline(__always)
    func precedes(_ other: BandRunRecord) -> Bool {
        if band != other.band { return band < other.band }
        if key != other.key { return key < other.key }
        return row < other.row
    }
}

/// Reads the records of one band run in order through a fixed buffer, checking them as it goes.
///
/// Owns the file descriptor and the buffer, released in `deinit`. The header is read and checked against the
/// file's size on opening; each record is checked to follow the one before it in its band.
final class BandRunReader {
    /// The file, as the caller named it.
    let path: String
    let header: BandRunFile.Header
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    /// The records in `buffer`, and the next one to hand out.
    private var buffered = 0
    private var position = 0
    /// The file offset of the first record not yet in `buffer`, and the records not yet in it.
    private var fileOffset = BandRunFile.headerSize
    private var unread: Int
    /// The band of the next record, the records left in that band, and the last record handed out.
    private var band: UInt32 = 0
    private var leftInBand: Int
    private var last: BandRunRecord?

    /// Opens the run at `path` with a buffer of `bufferBytes` bytes (at least one record).
    ///
    /// - Throws: `AssayError(.input)` naming the file when it cannot be read, is not a run, is of another format
    ///   version, or its size is not its header's.
    init(path: String, bufferBytes: Int) throws {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw AssayError(.input, file: path, "cannot be read (\(String(cString: strerror(errno))))")
        }
        let records = max(1, bufferBytes / BandRunFile.recordSize)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(records * BandRunFile.recordSize, BandRunFile.headerSize), alignment: 8)
        do {
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                throw AssayError(.input, file: path, "cannot be read (\(String(cString: strerror(errno))))")
            }
            let fileSize = Int(status.st_size)
            let headerBytes = UnsafeMutableRawBufferPointer(
                rebasing: buffer[0..<min(fileSize, BandRunFile.headerSize)])
            try Self.readFully(descriptor, into: headerBytes, at: 0, path: path)
            header = try BandRunFile.decodeHeader(UnsafeRawBufferPointer(headerBytes), fileSize: fileSize, path: path)
        } catch {
            close(descriptor)
            buffer.deallocate()
            throw error
        }
        self.descriptor = descriptor
        self.buffer = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(records * BandRunFile.recordSize)])
        unread = header.recordCount
        leftInBand = header.textCount
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The next record, or nil after the last one.
    ///
    /// - Throws: `AssayError(.input)` naming the file when it cannot be read, has shrunk since it was opened, or
    ///   holds a record out of order (a damaged file).
    @inline(__always)
    func next() throws -> BandRunRecord? {
        if position == buffered {
            guard unread > 0 else { return nil }
            try refill()
        }
        while leftInBand == 0 {
            band += 1
            leftInBand = header.textCount
            last = nil
        }
        let offset = position * BandRunFile.recordSize
        let record = BandRunRecord(
            band: band, key: UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
            row: UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)))
        if let last, !last.precedes(record) {
            let index = header.recordCount - unread - buffered + position
            throw AssayError(
                .input, file: path,
                "is a damaged band run: record \(index) (row \(record.row), band \(band)) is out of order; write it again"
            )
        }
        last = record
        position += 1
        leftInBand -= 1
        return record
    }

    /// Reads the next records into the buffer.
    private func refill() throws {
        let count = min(unread, buffer.count / BandRunFile.recordSize)
        let bytes = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(count * BandRunFile.recordSize)])
        try Self.readFully(descriptor, into: bytes, at: fileOffset, path: path)
        fileOffset += bytes.count
        unread -= count
        buffered = count
        position = 0
    }

    /// Fills `bytes` from `descriptor` at `offset`.
    ///
    /// - Throws: `AssayError(.input)` naming `path` when the read fails or the file ends first.
    private static func readFully(
        _ descriptor: Int32, into bytes: UnsafeMutableRawBufferPointer, at offset: Int, path: String
    ) throws {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return }
            let got = pread(descriptor, base + done, bytes.count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                throw AssayError(.input, file: path, "cannot be read (\(String(cString: strerror(errno))))")
            }
            if got == 0 {
                throw AssayError(
                    .input, file: path,
                    "is truncated: it ended at byte \(offset + done) while being read; write it again")
            }
            done += got
        }
    }
}
