import AssayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A band run: the MinHash band keys of some texts, written sorted, so that the runs of many shards merge by
/// one streaming pass (`BandRunMerge`) instead of an index of every key in memory.
///
/// A run is one binary file, every integer little-endian:
///
/// | Offset | Size | Field |
/// |-------:|-----:|-------|
/// | 0 | 8 | magic: the ASCII bytes `ASSAYBND` |
/// | 8 | 4 | format version (`formatVersion`, 1), UInt32 |
/// | 12 | 4 | shingle size k, UInt32 |
/// | 16 | 4 | bands b, UInt32 |
/// | 20 | 4 | rows per band r, UInt32 |
/// | 24 | 8 | MinHash seed, UInt64 |
/// | 32 | 8 | texts T: the texts with at least one shingle, UInt64 |
/// | 40 | 8 | records: b · T, UInt64 |
/// | 48 | 12 · b · T | the records |
///
/// The records come in b sections, band 0 first; section j holds one record per text, its key in band j, so
/// the band of a record is its position divided by T and is not stored. A record is 12 bytes: the band key
/// (UInt64, `MinHasher.bandKeys`) then the text's global row (UInt32). Within a section records are sorted by
/// (key, row), strictly: the file as a whole is sorted by (band, key, row). An empty text has no shingles and
/// so no key (it pairs with nothing in `NearDuplicates` either) and is left out.
///
/// Global rows are the caller's numbering of the whole dataset, 0 ..< 2³², each in one run only. Runs merge
/// only with runs of the same shingle size, bands, rows per band and seed.
public enum BandRunFile {
    /// The first 8 bytes of every run: `ASSAYBND`.
    public static let magic: [UInt8] = Array("ASSAYBND".utf8)
    /// The format version this Assay writes and reads.
    public static let formatVersion = 1
    /// The size of the header in bytes.
    public static let headerSize = 48
    /// The size of one record in bytes: the key (8) and the row (4).
    public static let recordSize = 12

    /// What a run's header says.
    public struct Header: Sendable, Equatable {
        /// The shingle size, bands, rows per band and seed the keys were made with.
        public var hashes: MinHashSignatures.Hashes
        /// The texts in the run: those with at least one shingle.
        public var textCount: Int
        /// The records in the run: one per text and band.
        public var recordCount: Int { textCount * hashes.bands }
        /// The size of the whole file in bytes.
        public var fileSize: Int { BandRunFile.headerSize + BandRunFile.recordSize * recordCount }
    }

    /// Writes the band keys of `signatures` as a run, atomically (`AtomicFiles.write`): the file is there
    /// complete or not at all.
    ///
    /// - Parameters:
    ///   - signatures: the MinHash signatures of some texts.
    ///   - rows: the global row of each text of `signatures`, in the same order; distinct.
    ///   - path: the file to write; its folder is created if missing.
    /// - Throws: `AssayError(.input)` when a row is outside 0 ..< 2³² − 1; `AssayError(.runtime)` when the file
    ///   cannot be written.
    /// - Complexity: O(b · T log T) for T texts and b bands, on every core; memory the file's size plus one
    ///   band's records (16 bytes each) per core.
    public static func write(_ signatures: MinHashSignatures, rows: [Int], to path: String) throws {
        precondition(rows.count == signatures.count, "one global row for each text of the signatures")
        if let row = rows.first(where: { $0 < 0 || $0 >= Int(UInt32.max) }) {
            throw AssayError(
                .input, file: path,
                "row \(row) is outside 0 ..< 4,294,967,295, the rows a band run can hold: number the rows from 0")
        }
        precondition(Set(rows).count == rows.count, "the global rows of a run must be distinct")
        let table = signatures.keys
        let textCount = (0..<table.count).count(where: { table.shingleCount(row: $0) > 0 })
        let header = Header(hashes: signatures.hashes, textCount: textCount)
        var data = Data(count: header.fileSize)
        data.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            encode(header, into: raw)
            let sections = SendablePointer(base + headerSize)
            _ = ParallelMap.map(0..<header.hashes.bands) { band in
                var records: [(key: UInt64, row: UInt32)] = []
                records.reserveCapacity(textCount)
                table.forEachKey(band: band) { text, key in records.append((key, UInt32(rows[text]))) }
                records.sort { ($0.key, $0.row) < ($1.key, $1.row) }
                let section = sections.pointer + band * textCount * recordSize
                for (index, record) in records.enumerated() {
                    section.storeBytes(of: record.key.littleEndian, toByteOffset: index * recordSize, as: UInt64.self)
                    section.storeBytes(
                        of: record.row.littleEndian, toByteOffset: index * recordSize + 8, as: UInt32.self)
                }
            }
        }
        try AtomicFiles.write(data, to: path)
    }

    /// The header of the run at `path`, checked against the file's size.
    ///
    /// - Throws: `AssayError(.input)` naming the file when it cannot be read, is not a run, is of another
    ///   format version, or is truncated or longer than its header says.
    public static func header(of path: String) throws -> Header {
        try BandRunReader(path: path, bufferBytes: recordSize).header
    }

    /// Writes `header`'s 48 bytes at the start of `raw`.
    static func encode(_ header: Header, into raw: UnsafeMutableRawBufferPointer) {
        for (offset, byte) in magic.enumerated() { raw[offset] = byte }
        raw.storeBytes(of: UInt32(formatVersion).littleEndian, toByteOffset: 8, as: UInt32.self)
        raw.storeBytes(of: UInt32(header.hashes.shingleSize).littleEndian, toByteOffset: 12, as: UInt32.self)
        raw.storeBytes(of: UInt32(header.hashes.bands).littleEndian, toByteOffset: 16, as: UInt32.self)
        raw.storeBytes(of: UInt32(header.hashes.rowsPerBand).littleEndian, toByteOffset: 20, as: UInt32.self)
        raw.storeBytes(of: header.hashes.seed.littleEndian, toByteOffset: 24, as: UInt64.self)
        raw.storeBytes(of: UInt64(header.textCount).littleEndian, toByteOffset: 32, as: UInt64.self)
        raw.storeBytes(of: UInt64(header.recordCount).littleEndian, toByteOffset: 40, as: UInt64.self)
    }

    /// The header in the first bytes of the file at `path`, `fileSize` bytes long, checked against that size.
    ///
    /// - Parameter bytes: the file's first `min(fileSize, headerSize)` bytes.
    /// - Throws: `AssayError(.input)` naming `path` when the bytes are not a run's header, of another version,
    ///   inconsistent, or the size is not the header's.
    static func decodeHeader(_ bytes: UnsafeRawBufferPointer, fileSize: Int, path: String) throws -> Header {
        guard bytes.count >= magic.count, zip(bytes, magic).allSatisfy({ $0 == $1 }) else {
            throw AssayError(.input, file: path, "is not a MinHash band run (it does not start with ASSAYBND)")
        }
        guard bytes.count >= headerSize else {
            throw AssayError(
                .input, file: path,
                "is truncated: a band run's header is \(headerSize) bytes, the file has \(bytes.count); write it again")
        }
        func integer(_ offset: Int, _ type: UInt32.Type) -> UInt64 {
            UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }
        func integer(_ offset: Int, _ type: UInt64.Type) -> UInt64 {
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }
        let version = integer(8, UInt32.self)
        guard version == formatVersion else {
            throw AssayError(
                .input, file: path,
                "is a band run of format version \(version); this Assay reads version \(formatVersion): write the runs again"
            )
        }
        let (shingleSize, bands, rowsPerBand) = (
            integer(12, UInt32.self), integer(16, UInt32.self), integer(20, UInt32.self)
        )
        let (texts, records) = (integer(32, UInt64.self), integer(40, UInt64.self))
        // Texts are UInt32 rows, so T < 2³²; with b < 2³² the product cannot overflow, and a file of at most
        // Int.max / 16 records has a size an Int holds.
        guard shingleSize > 0, bands > 0, rowsPerBand > 0, texts <= UInt64(UInt32.max), records == texts * bands,
            records <= UInt64(Int.max / 16)
        else {
            throw AssayError(
                .input, file: path,
                "is a damaged band run: its header gives \(shingleSize)-scalar shingles, \(bands) bands × "
                    + "\(rowsPerBand) rows, \(texts) texts and \(records) records; write it again")
        }
        let header = Header(
            hashes: MinHashSignatures.Hashes(
                shingleSize: Int(shingleSize), bands: Int(bands), rowsPerBand: Int(rowsPerBand),
                seed: integer(24, UInt64.self)),
            textCount: Int(texts))
        if fileSize < header.fileSize {
            throw AssayError(
                .input, file: path,
                "is truncated: its header promises \(header.recordCount) records (\(header.fileSize) bytes), the file "
                    + "has \(fileSize) bytes; write it again")
        }
        if fileSize > header.fileSize {
            throw AssayError(
                .input, file: path,
                "is a damaged band run: the file has \(fileSize) bytes, its header gives \(header.recordCount) records "
                    + "(\(header.fileSize) bytes); write it again")
        }
        return header
    }

    /// How a run's settings read in an error: "5-scalar shingles, 20 bands × 5 rows, seed 0x5EED".
    static func describe(_ hashes: MinHashSignatures.Hashes) -> String {
        "\(hashes.shingleSize)-scalar shingles, \(hashes.bands) bands × \(hashes.rowsPerBand) rows, seed 0x"
            + String(hashes.seed, radix: 16, uppercase: true)
    }
}

/// A pointer handed to the tasks of `ParallelMap`, each writing its own part of the memory.
private struct SendablePointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer

    init(_ pointer: UnsafeMutableRawPointer) {
        self.pointer = pointer
    }
}
