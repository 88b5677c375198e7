import AssayCore

/// The band keys of every text and the size of its shingle set, computed on every core.
///
/// Texts are processed in chunks; a chunk stores its keys band by band, so one band's keys for a chunk are
/// contiguous.
struct BandKeyTable: Sendable {
    private struct Chunk: Sendable {
        /// `keys[band * rows + row]`.
        var keys: [UInt64]
        /// The number of distinct shingles of each row, 0 for the empty text.
        var shingleCounts: [UInt32]
    }

    let count: Int
    let bands: Int
    let shingleSize: Int
    private let chunkRows = 2048
    private let chunks: [Chunk]

    init(_ texts: [String], hasher: MinHasher) {
        count = texts.count
        bands = hasher.options.bands
        shingleSize = hasher.options.shingleSize
        let chunkRows = chunkRows
        let bands = bands
        let shingleSize = shingleSize
        chunks = ParallelMap.map(0..<((texts.count + chunkRows - 1) / chunkRows)) { part in
            let rows = (part * chunkRows)..<min(texts.count, (part + 1) * chunkRows)
            var chunk = Chunk(
                keys: [UInt64](repeating: 0, count: bands * rows.count),
                shingleCounts: [UInt32](repeating: 0, count: rows.count))
            var shingler = Shingler(size: shingleSize)
            var signature = [SIMD8<Int32>](repeating: .zero, count: hasher.vectorCount)
            signature.withUnsafeMutableBufferPointer { signature in
                for (local, row) in rows.enumerated() {
                    shingler.distinctShingles(texts[row])
                    guard !shingler.hashes.isEmpty else { continue }
                    chunk.shingleCounts[local] = UInt32(shingler.hashes.count)
                    shingler.hashes.withUnsafeBufferPointer { hasher.signature($0, into: signature) }
                    hasher.bandKeys(signature) { band, key in chunk.keys[band * rows.count + local] = key }
                }
            }
            return chunk
        }
    }

    /// The key of `row` in `band`.
    func key(row: Int, band: Int) -> UInt64 {
        let chunk = chunks[row / chunkRows]
        return chunk.keys[band * chunk.shingleCounts.count + row % chunkRows]
    }

    /// The number of distinct shingles of `row`.
    func shingleCount(row: Int) -> Int {
        Int(chunks[row / chunkRows].shingleCounts[row % chunkRows])
    }

    /// Calls `body` with each row that has shingles and its key in `band`, rows ascending.
    func forEachKey(band: Int, _ body: (Int, UInt64) -> Void) {
        for (part, chunk) in chunks.enumerated() {
            let rows = chunk.shingleCounts.count
            for local in 0..<rows where chunk.shingleCounts[local] > 0 {
                body(part * chunkRows + local, chunk.keys[band * rows + local])
            }
        }
    }
}
