import AssayCore

/// The streaming k-way merge of band runs (`BandRunFile`): every band key that two rows or more share, over
/// all the runs, without holding the keys in memory.
///
/// Each run is read in order through a buffer of its own; a binary heap holds the current record of each run,
/// ordered by (band, key, row, run), so records come out in the order of one sorted file of them all. The
/// records of one (band, key) are consecutive in that order, and a group of two or more is handed to the
/// caller. Memory is O(F · buffer + largest group) for F runs, whatever their size.
///
/// The groups are the buckets of `NearDuplicates`'s LSH banding: over runs of texts numbered by their global
/// rows, `NearDuplicates.forEachCandidatePair(inBucket:)` on each group gives the candidate pairs that
/// `NearDuplicates.within` on all the texts at once verifies.
public enum BandRunMerge {
    /// The buffer of each run, by default: 1 MiB (87,381 records).
    public static let defaultBufferBytes = 1 << 20

    /// What a merge read and found.
    public struct Totals: Sendable, Equatable {
        /// The runs merged.
        public var files = 0
        /// The texts of all the runs (their headers' counts), each with one record per band.
        public var texts = 0
        /// The records read.
        public var records = 0
        /// The groups handed to the caller: (band, key) shared by two rows or more.
        public var groups = 0
        /// The rows of the largest group, 0 when there is none.
        public var largestGroup = 0

        public init() {}
    }

    /// Calls `body` once for every (band, key) that two rows or more share over the runs at `paths`, in
    /// (band, key) order, with the rows ascending.
    ///
    /// - Parameters:
    ///   - paths: the runs, each holding rows no other one holds.
    ///   - hashes: the MinHash settings every run must have; nil to require only that they agree.
    ///   - bufferBytes: the read buffer of each run.
    ///   - body: called with each group.
    /// - Returns: The files, texts, records and groups.
    /// - Throws: `AssayError(.input)` naming the file, as one line, when a run cannot be read, is not a run, is
    ///   of another format version, is truncated or damaged (a record out of order), has other MinHash settings
    ///   than the first run (or than `hashes`), or holds a row another run (or itself) holds too with the same
    ///   key (as when one shard's run is given twice); whatever `body` throws.
    /// - Complexity: O(R log F) for R records in F runs; memory O(F · bufferBytes + largest group).
    @discardableResult
    public static func forEachGroup(
        of paths: [String], expecting hashes: MinHashSignatures.Hashes? = nil,
        bufferBytes: Int = defaultBufferBytes, _ body: (BandKeyGroup) throws -> Void
    ) throws -> Totals {
        let readers = try paths.map { try BandRunReader(path: $0, bufferBytes: bufferBytes) }
        var totals = Totals()
        totals.files = readers.count
        if let first = readers.first {
            let expected = hashes ?? first.header.hashes
            for reader in readers where reader.header.hashes != expected {
                let source = hashes == nil ? "those of \(first.path)" : "the expected ones"
                throw AssayError(
                    .input, file: reader.path,
                    "has MinHash settings \(BandRunFile.describe(reader.header.hashes)), not \(source) "
                        + "(\(BandRunFile.describe(expected))): write every run with the same settings")
            }
        }
        totals.texts = readers.reduce(0) { $0 + $1.header.textCount }

        var heap = RecordHeap()
        for (index, reader) in readers.enumerated() {
            if let record = try reader.next() { heap.insert(record, from: index) }
        }
        var group = BandKeyGroup(band: -1, key: 0, rows: [])
        var lastReader = -1
        func flush() throws {
            guard group.rows.count >= 2 else { return }
            totals.groups += 1
            totals.largestGroup = max(totals.largestGroup, group.rows.count)
            try body(group)
        }
        while let (record, index) = heap.first {
            totals.records += 1
            let row = Int(record.row)
            if Int(record.band) == group.band, record.key == group.key {
                if group.rows.last == row {
                    let other = readers[lastReader].path
                    let holder = lastReader == index ? "twice" : "as \(other) does"
                    throw AssayError(
                        .input, file: readers[index].path,
                        "holds row \(row) \(holder): give each row to one run, and each run to the merge once")
                }
                group.rows.append(row)
            } else {
                try flush()
                group.band = Int(record.band)
                group.key = record.key
                group.rows.removeAll(keepingCapacity: true)
                group.rows.append(row)
            }
            lastReader = index
            heap.replaceFirst(with: try readers[index].next())
        }
        try flush()
        return totals
    }
}

/// A binary min-heap of the current record of each run, by (band, key, row, run).
private struct RecordHeap {
    private struct Entry {
        var record: BandRunRecord
        var run: Int
    }

    private var entries: [Entry] = []

    /// The least record and its run, nil when empty.
    var first: (BandRunRecord, Int)? { entries.first.map { ($0.record, $0.run) } }

    mutating func insert(_ record: BandRunRecord, from run: Int) {
        entries.append(Entry(record: record, run: run))
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(entries[child], entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Replaces the least record with the next record of its run, or removes it when the run has ended.
    ///
    /// - Complexity: O(log F) for F runs.
    @inline(__always)
    mutating func replaceFirst(with next: BandRunRecord?) {
        if let next {
            entries[0].record = next
        } else {
            let last = entries.removeLast()
            guard !entries.isEmpty else { return }
            entries[0] = last
        }
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < entries.count else { return }
            let right = left + 1
            let child = right < entries.count && precedes(entries[right], entries[left]) ? right : left
            guard precedes(entries[child], entries[parent]) else { return }
            entries.swapAt(child, parent)
            parent = child
        }
    }

    /// Whether `a` comes before `b`: by record, then by run.
    @inline(__always)
    private func precedes(_ a: Entry, _ b: Entry) -> Bool {
        if a.record.band != b.record.band { return a.record.band < b.record.band }
        if a.record.key != b.record.key { return a.record.key < b.record.key }
        if a.record.row != b.record.row { return a.record.row < b.record.row }
        return a.run < b.run
    }
}
