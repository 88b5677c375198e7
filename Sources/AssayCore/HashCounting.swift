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
        let (values, _, starts) = partition(hashes, owners: nil)
        var table = BucketTable(capacityFor: maxBucketSize(starts))
        var distinct = 0
        values.withUnsafeBufferPointer { values in
            for bucket in 0..<(starts.count - 1) {
                table.reset()
                for i in starts[bucket]..<starts[bucket + 1] where table.insert(values[i]).inserted {
                    distinct += 1
                }
            }
        }
        return distinct
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
        precondition(hashes.count == owners.count, "one owner per hash")
        let (values, sortedOwners, starts) = partition(hashes, owners: owners)
        var table = BucketTable(capacityFor: maxBucketSize(starts))
        var sums = [Int](repeating: 0, count: ownerCount)
        values.withUnsafeBufferPointer { values in
            for bucket in 0..<(starts.count - 1) {
                table.reset()
                let range = starts[bucket]..<starts[bucket + 1]
                for i in range { table.count(values[i]) }
                for i in range { sums[Int(sortedOwners[i])] += Int(table.occurrences(of: values[i])) - 1 }
            }
        }
        return sums
    }

    /// Hashes grouped by their top bits: bucket b is `values[starts[b]..<starts[b + 1]]`.
    private static func partition(_ hashes: [UInt64], owners: [UInt32]?) -> ([UInt64], [UInt32], [Int]) {
        var bits = 0
        while (hashes.count >> bits) > 4096, bits < 16 { bits += 1 }
        if bits == 0 { return (hashes, owners ?? [], [0, hashes.count]) }
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        starts.withUnsafeMutableBufferPointer { starts in
            for hash in hashes { starts[Int(hash >> shift) + 1] += 1 }
        }
        for b in 0..<(1 << bits) { starts[b + 1] += starts[b] }
        var next = starts
        var values = [UInt64](repeating: 0, count: hashes.count)
        var sortedOwners = [UInt32](repeating: 0, count: owners == nil ? 0 : hashes.count)
        hashes.withUnsafeBufferPointer { hashes in
            values.withUnsafeMutableBufferPointer { values in
                next.withUnsafeMutableBufferPointer { next in
                    if let owners {
                        owners.withUnsafeBufferPointer { owners in
                            sortedOwners.withUnsafeMutableBufferPointer { sortedOwners in
                                for i in 0..<hashes.count {
                                    let bucket = Int(hashes[i] >> shift)
                                    let position = next[bucket]
                                    next[bucket] = position + 1
                                    values[position] = hashes[i]
                                    sortedOwners[position] = owners[i]
                                }
                            }
                        }
                    } else {
                        for hash in hashes {
                            let bucket = Int(hash >> shift)
                            let position = next[bucket]
                            next[bucket] = position + 1
                            values[position] = hash
                        }
                    }
                }
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
