/// Counting over large arrays of well-mixed 64-bit hashes (n-gram hashes), fast.
///
/// A single hash table over tens of millions of n-grams spends its time in cache and TLB misses.
/// These functions first partition the hashes by their top bits into buckets of a few thousand
/// (two sequential passes), then count inside each bucket with a small table that stays in cache.
public enum HashCounting {
    /// The number of distinct values in `hashes`.
    ///
    /// - Complexity: O(n) time, O(n) extra memory.
    public static func distinctCount(_ hashes: [UInt64]) -> Int {
        distinctCounts(hashes, adding: []).base
    }

    /// The number of distinct values in `base`, and in `base` and `extra` together.
    ///
    /// Counting a multiset and a superset of it costs one pass over the superset's extra part, not
    /// two full counts (within-document n-grams, then the same plus those that cross documents).
    /// - Complexity: O(base.count + extra.count) time and extra memory.
    public static func distinctCounts(_ base: [UInt64], adding extra: [UInt64]) -> (base: Int, union: Int) {
        let bits = partitionBits(base.count + extra.count)
        let (values, _, starts) = partition(base, owners: nil, bits: bits)
        let (extraValues, _, extraStarts) = partition(extra, owners: nil, bits: bits)
        var table = BucketTable(capacityFor: maxBucketSize(starts) + maxBucketSize(extraStarts))
        var distinct = 0
        var added = 0
        values.withUnsafeBufferPointer { values in
            extraValues.withUnsafeBufferPointer { extraValues in
                for bucket in 0..<(starts.count - 1) {
                    table.reset()
                    for i in starts[bucket]..<starts[bucket + 1] where table.insert(values[i]).inserted {
                        distinct += 1
                    }
                    for i in extraStarts[bucket]..<extraStarts[bucket + 1]
                    where table.insert(extraValues[i]).inserted {
                        added += 1
                    }
                }
            }
        }
        return (distinct, distinct + added)
    }

    /// For each owner, Σ over its hashes of (occurrences of that hash among all owners − 1).
    ///
    /// With owners = documents and hashes = each document's distinct 4-grams, this is the inner
    /// sum of the self-repetition score.
    /// - Parameters:
    ///   - hashes: the hashes, each listed once per owner that has it.
    ///   - owners: the owner of each hash, in `0..<ownerCount`.
    /// - Complexity: O(n + ownerCount).
    public static func sharedCounts(hashes: [UInt64], owners: [UInt32], ownerCount: Int) -> [Int] {
        sharedCounts(hashes: hashes, owners: owners, ownerCount: ownerCount, mostFrequent: 0).sums
    }

    /// A hash that many owners share.
    public struct Frequent: Equatable, Sendable {
        public var hash: UInt64
        /// How many owners have it.
        public var count: Int
        /// The smallest owner that has it.
        public var firstOwner: Int
    }

    /// `sharedCounts`, plus the `mostFrequent` hashes held by at least two owners, most shared first
    /// (ties broken by first owner).
    ///
    /// - Complexity: O(n · (1 + mostFrequent)) at worst, O(n + ownerCount) typically.
    public static func sharedCounts(hashes: [UInt64], owners: [UInt32], ownerCount: Int, mostFrequent: Int) -> (
        sums: [Int], mostFrequent: [Frequent]
    ) {
        precondition(hashes.count == owners.count, "one owner per hash")
        // The partition keeps input order inside a bucket, so a hash's first entry has its smallest owner
        // when owners arrive in increasing order.
        let (values, sortedOwners, starts) = partition(hashes, owners: owners, bits: partitionBits(hashes.count))
        var table = BucketTable(capacityFor: maxBucketSize(starts))
        var sums = [Int](repeating: 0, count: ownerCount)
        var top: [Frequent] = []
        func precedes(_ a: Frequent, _ b: Frequent) -> Bool {
            a.count != b.count ? a.count > b.count : a.firstOwner < b.firstOwner
        }
        values.withUnsafeBufferPointer { values in
            for bucket in 0..<(starts.count - 1) {
                table.reset()
                let range = starts[bucket]..<starts[bucket + 1]
                for i in range { table.count(values[i]) }
                for i in range {
                    let occurrences = Int(table.occurrences(of: values[i]))
                    sums[Int(sortedOwners[i])] += occurrences - 1
                    guard mostFrequent > 0, occurrences >= 2 else { continue }
                    let candidate = Frequent(
                        hash: values[i], count: occurrences, firstOwner: Int(sortedOwners[i]))
                    if top.count == mostFrequent, let last = top.last, !precedes(candidate, last) { continue }
                    if top.contains(where: { $0.hash == candidate.hash }) { continue }
                    top.append(candidate)
                    top.sort(by: precedes)
                    if top.count > mostFrequent { top.removeLast() }
                }
            }
        }
        return (sums, top)
    }

    /// Enough top bits that buckets hold about 4,096 hashes (a table of them stays in cache), but no
    /// more than 12: the scatter writes to one place per bucket, and beyond 4,096 of them it thrashes
    /// the cache and the TLB.
    private static func partitionBits(_ count: Int) -> Int {
        var bits = 0
        while (count >> bits) > 4096, bits < 12 { bits += 1 }
        return bits
    }

    /// Hashes grouped by their top `bits` bits: bucket b is `values[starts[b]..<starts[b + 1]]`.
    private static func partition(_ hashes: [UInt64], owners: [UInt32]?, bits: Int) -> ([UInt64], [UInt32], [Int]) {
        if bits == 0 { return (hashes, owners ?? [], [0, hashes.count]) }
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            for hash in hashes { starts[Int(hash >> shift) + 1] += 1 }
        }
        for b in 0..<(1 << bits) { starts[b + 1] += starts[b] }
        var next = starts
        // Every slot is written exactly once by the scatter below, so the arrays start uninitialised.
        let values = [UInt64](unsafeUninitializedCapacity: hashes.count) { values, initialized in
            next.withUnsafeMutableBufferPointer { next in
                for hash in hashes {
                    let bucket = Int(hash >> shift)
                    values[next[bucket]] = hash
                    next[bucket] += 1
                }
            }
            initialized = hashes.count
        }
        var sortedOwners: [UInt32] = []
        if let owners {
            next = starts
            sortedOwners = [UInt32](unsafeUninitializedCapacity: owners.count) { sorted, initialized in
                next.withUnsafeMutableBufferPointer { next in
                    for (hash, owner) in zip(hashes, owners) {
                        let bucket = Int(hash >> shift)
                        sorted[next[bucket]] = owner
                        next[bucket] += 1
                    }
                }
                initialized = owners.count
            }
        }
        return (values, sortedOwners, starts)
    }

    private static func maxBucketSize(_ starts: [Int]) -> Int {
        var largest = 0
        for b in 0..<(starts.count - 1) { largest = max(largest, starts[b + 1] - starts[b]) }
        return largest
    }
}

/// An open-addressing table reused across buckets; a generation stamp clears it in O(1).
private struct BucketTable {
    private var keys: [UInt64]
    private var counts: [UInt32]
    private var stamps: [UInt32]
    private var generation: UInt32 = 0
    private let mask: Int

    init(capacityFor count: Int) {
        var capacity = 16
        while capacity < count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        counts = [UInt32](repeating: 0, count: capacity)
        stamps = [UInt32](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    mutating func reset() {
        generation &+= 1
    }

    /// Inserts `key`; `inserted` is false when it was already there.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> (position: Int, inserted: Bool) {
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key { return (position, false) }
            position = (position + 1) & mask
        }
        stamps[position] = generation
        keys[position] = key
        counts[position] = 0
        return (position, true)
    }

    @inline(__always)
    mutating func count(_ key: UInt64) {
        let position = insert(key).position
        counts[position] += 1
    }

    @inline(__always)
    func occurrences(of key: UInt64) -> UInt32 {
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key { return counts[position] }
            position = (position + 1) & mask
        }
        return 0
    }
}
