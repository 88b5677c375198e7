import AssayCore

/// The settings of near-duplicate detection: shingles, MinHash signature and LSH banding, threshold.
public struct MinHashOptions: Sendable, Equatable {
    /// The shingle length in Unicode scalars: a text's shingles are its runs of this many consecutive scalars.
    public var shingleSize: Int
    /// The number of LSH bands b.
    public var bands: Int
    /// The number of MinHash values per band r; the signature has b · r values.
    public var rowsPerBand: Int
    /// The least Jaccard similarity of two texts' shingle sets, verified exactly, for them to be a pair.
    public var threshold: Double
    /// The seed of the MinHash functions.
    public var seed: UInt64

    /// Options with the given values: by default 5-scalar shingles, 20 bands of 5 rows (100 hash
    /// functions) and a Jaccard threshold of 0.8.
    public init(
        shingleSize: Int = 5, bands: Int = 20, rowsPerBand: Int = 5, threshold: Double = 0.8, seed: UInt64 = 0x5EED
    ) {
        self.shingleSize = shingleSize
        self.bands = bands
        self.rowsPerBand = rowsPerBand
        self.threshold = threshold
        self.seed = seed
    }

    /// The number of MinHash functions, b · r.
    public var hashCount: Int { bands * rowsPerBand }

    /// The probability that two texts whose shingle sets have Jaccard similarity `s` share a band key in at
    /// least one band, so become a candidate pair: 1 − (1 − s^r)^b.
    ///
    /// Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", 3rd ed., §3.4.2. With b = 20, r = 5 it is
    /// 0.9996 at s = 0.8, 0.975 at s = 0.7, 0.80 at s = 0.6 and 0.0064 at s = 0.2.
    public func candidateProbability(jaccard s: Double) -> Double {
        1 - power(1 - power(s, rowsPerBand), bands)
    }

    private func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}

/// Two rows whose shingle sets have Jaccard similarity `jaccard`, at least the threshold.
public struct SimilarPair: Sendable, Equatable {
    /// The first row: the smaller one for `NearDuplicates.within`, the query row for `across`.
    public let a: Int
    /// The second row: the larger one for `within`, the base row for `across`.
    public let b: Int
    /// The exact Jaccard similarity of the two rows' shingle sets.
    public let jaccard: Double

    public init(a: Int, b: Int, jaccard: Double) {
        self.a = a
        self.b = b
        self.jaccard = jaccard
    }
}

/// Near-duplicate texts: MinHash signatures, LSH banding for candidates, exact Jaccard for the verdict.
///
/// A text's **shingles** are its runs of k = `shingleSize` consecutive Unicode scalars, each hashed to 64
/// bits; a text of fewer than k scalars (but at least one) is a single shingle, itself; the empty text has
/// no shingles and pairs with nothing. Two texts are near duplicates when the Jaccard similarity of their
/// shingle sets, J(A, B) = |A ∩ B| / |A ∪ B|, is at least `threshold`. The texts are compared as given:
/// pass `TextNormalization.normalized` texts to ignore case, punctuation and spacing.
///
/// **MinHash** (Broder, "On the resemblance and containment of documents", 1997): for a random hash
/// function h, P[min h(A) = min h(B)] = J(A, B). Here there are b · r functions
/// hᵢ(x) = (aᵢ · x + cᵢ) mod 2³², x being the low 32 bits of the shingle hash, aᵢ odd and cᵢ drawn from
/// `SeededRandom(seed:stream:)`; they are evaluated eight at a time in `SIMD8<Int32>` lanes, the minimum
/// taken over every shingle of the text.
///
/// **LSH banding** (Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", ch. 3): the signature is cut
/// into b bands of r values, each band hashed to one 64-bit key; texts that share a key in any band are
/// candidates. A pair with Jaccard s becomes a candidate with probability 1 − (1 − s^r)^b
/// (`MinHashOptions.candidateProbability`): 0.9996 at s = 0.8 with b = 20, r = 5. Every candidate pair
/// is then **verified** with the exact Jaccard of the two shingle sets, so no reported pair is below the
/// threshold; a pair above it is missed only if it never shares a band key.
///
/// **Large buckets.** In a band bucket of more than 64 texts (many copies of one text), every member is
/// compared only with the bucket's first member, not with every other: 10,000 copies cost 9,999
/// comparisons, not 50 million. The pairs then form a star, which is enough for `groups` to connect the
/// copies, but `within` does not list every pair of such a bucket, and a member similar to other members
/// yet not to the first one is not paired through that bucket.
///
/// A bucket of at most 64 texts compares all its pairs, so a band yields at most 63 · N / 2 candidates for
/// N texts; unrelated short texts that share common words do fill such buckets (1,000,000 generated
/// 10–15-word texts give 5.4 million distinct candidates over 20 bands, of which 15,619 pass).
///
/// Only the b band keys and the shingle-set size of each text are kept (8 · b + 4 bytes per text); the
/// shingle sets are recomputed for the candidate pairs, and a pair whose set sizes alone put its Jaccard
/// below the threshold (J ≤ min(|A|, |B|) / max(|A|, |B|)) is rejected without that. Signatures and
/// verification run on every core; results do not depend on the number of cores: pairs come sorted by (a, b).
public enum NearDuplicates {
    /// A band bucket with more members than this compares each member with its first member only.
    static let largeBucket = 64

    /// The pairs (a < b) of `texts` whose shingle sets have Jaccard similarity at least `options.threshold`,
    /// sorted by (a, b).
    ///
    /// - Parameters:
    ///   - texts: the texts, already normalised as the comparison needs (`TextNormalization.normalized`).
    ///   - options: shingle size, bands, rows per band, threshold and seed.
    /// - Returns: each pair once, with its exact Jaccard similarity. In a band bucket of more than 64 texts
    ///   only the pairs with the bucket's first text are listed (see the type's documentation).
    /// - Complexity: O(L · (k + b · r)) for the signatures of texts of total length L scalars and shingle
    ///   size k, O(b · N log N) for the buckets of N texts, and O(C · ℓ · k) to verify C candidate pairs of
    ///   texts of length ℓ. Memory: 8 · b + 4 bytes per text plus the candidate pairs (8 bytes each).
    public static func within(_ texts: [String], options: MinHashOptions = .init()) -> [SimilarPair] {
        within(texts, signatures: MinHashSignatures(texts, options: options), threshold: options.threshold)
    }

    /// `within(_:options:)` on signatures already computed: the pairs of `texts` whose shingle sets have
    /// Jaccard similarity at least `threshold`, sorted by (a, b).
    ///
    /// - Parameter signatures: the signatures of `texts`, row for row.
    public static func within(_ texts: [String], signatures: MinHashSignatures, threshold: Double) -> [SimilarPair] {
        precondition(signatures.count == texts.count, "signatures of other texts")
        let keys = signatures.keys
        let perBand = ParallelMap.map(0..<keys.bands) { band in
            var candidates: [UInt64] = []
            forEachBucket(band: band, tables: [keys]) { members in
                if members.count <= largeBucket {
                    for i in 0..<members.count {
                        for j in (i + 1)..<members.count { candidates.append(pack(members[i], members[j])) }
                    }
                } else {
                    for j in 1..<members.count { candidates.append(pack(members[0], members[j])) }
                }
            }
            return candidates
        }
        return verify(merge(perBand), queries: (texts, keys), base: (texts, keys), threshold: threshold)
    }

    /// The pairs (a: a row of `queries`, b: a row of `base`) whose shingle sets have Jaccard similarity at
    /// least `options.threshold`, sorted by (a, b).
    ///
    /// - Parameters:
    ///   - queries: the texts to look up, already normalised.
    ///   - base: the texts to find them in, already normalised the same way.
    ///   - options: shingle size, bands, rows per band, threshold and seed.
    /// - Returns: each pair once. In a band bucket of more than 64 texts of both sides together, each query
    ///   is paired only with the bucket's first base text and each base text with its first query.
    /// - Complexity: as `within` on the Q + B texts of both sides.
    public static func across(queries: [String], base: [String], options: MinHashOptions = .init())
        -> [SimilarPair]
    {
        across(
            queries: queries, signatures: MinHashSignatures(queries, options: options), base: base,
            signatures: MinHashSignatures(base, options: options), threshold: options.threshold)
    }

    /// `across(queries:base:options:)` on signatures already computed (with the same options): the pairs
    /// (a: a row of `queries`, b: a row of `base`) whose shingle sets have Jaccard similarity at least
    /// `threshold`, sorted by (a, b).
    public static func across(
        queries: [String], signatures querySignatures: MinHashSignatures, base: [String],
        signatures baseSignatures: MinHashSignatures, threshold: Double
    ) -> [SimilarPair] {
        precondition(
            querySignatures.count == queries.count && baseSignatures.count == base.count, "signatures of other texts")
        precondition(querySignatures.hashes == baseSignatures.hashes, "signatures made with different options")
        let queryKeys = querySignatures.keys
        let baseKeys = baseSignatures.keys
        let queryCount = queries.count
        let perBand = ParallelMap.map(0..<queryKeys.bands) { band in
            var candidates: [UInt64] = []
            forEachBucket(band: band, tables: [queryKeys, baseKeys]) { members in
                // Members ascend, so the queries come first.
                let split = members.firstIndex { $0 >= queryCount } ?? members.count
                guard split > 0, split < members.count else { return }
                if members.count <= largeBucket {
                    for q in 0..<split {
                        for b in split..<members.count { candidates.append(pack(members[q], members[b] - queryCount)) }
                    }
                } else {
                    let firstBase = members[split] - queryCount
                    for q in 0..<split { candidates.append(pack(members[q], firstBase)) }
                    for b in (split + 1)..<members.count {
                        candidates.append(pack(members[0], members[b] - queryCount))
                    }
                }
            }
            return candidates
        }
        return verify(merge(perBand), queries: (queries, queryKeys), base: (base, baseKeys), threshold: threshold)
    }

    /// The connected components of the graph on rows `0..<count` whose edges are `pairs`, by union–find:
    /// only components of two or more rows, each sorted ascending, ordered by their first row.
    ///
    /// Near-duplicate pairs are not transitive (A ~ B and B ~ C without A ~ C); a group holds every row
    /// linked to another by a chain of pairs.
    /// - Parameters:
    ///   - pairs: edges between rows in `0..<count` (the `a` and `b` of `within`).
    ///   - count: the number of rows.
    /// - Complexity: O(count + pairs.count · α(count)) time, O(count) memory.
    public static func groups(_ pairs: [SimilarPair], count: Int) -> [[Int]] {
        var parent = Array(0..<count)
        func root(_ row: Int) -> Int {
            var row = row
            while parent[row] != row {
                parent[row] = parent[parent[row]]
                row = parent[row]
            }
            return row
        }
        for pair in pairs {
            precondition(
                pair.a >= 0 && pair.a < count && pair.b >= 0 && pair.b < count, "pair rows must be in 0..<count")
            let (x, y) = (root(pair.a), root(pair.b))
            // The smaller root wins, so a component's root is its smallest row.
            if x < y { parent[y] = x } else if y < x { parent[x] = y }
        }
        var sizes = [Int32](repeating: 0, count: count)
        for row in 0..<count { sizes[root(row)] += 1 }
        var slot = [Int32](repeating: -1, count: count)
        var result: [[Int]] = []
        for row in 0..<count {
            let top = root(row)
            guard sizes[top] >= 2 else { continue }
            if slot[top] < 0 {
                slot[top] = Int32(result.count)
                result.append([])
                result[result.count - 1].reserveCapacity(Int(sizes[top]))
            }
            result[Int(slot[top])].append(row)
        }
        return result
    }

    /// The exact Jaccard similarity of the shingle sets of `a` and `b`, |A ∩ B| / |A ∪ B| (0 when both are
    /// empty texts).
    ///
    /// - Complexity: O(ℓ log ℓ) for texts of ℓ scalars.
    public static func jaccard(_ a: String, _ b: String, shingleSize: Int = 5) -> Double {
        precondition(shingleSize > 0, "the shingle size must be positive")
        var first = Shingler(size: shingleSize)
        var second = Shingler(size: shingleSize)
        first.shingleSet(a)
        second.shingleSet(b)
        return jaccard(sortedUnique: first.hashes, second.hashes)
    }

    // MARK: Candidates

    fileprivate static func validate(_ options: MinHashOptions) {
        precondition(options.shingleSize > 0, "the shingle size must be positive")
        precondition(options.bands > 0 && options.rowsPerBand > 0, "bands and rows per band must be positive")
    }

    /// A candidate pair as one integer, a in the high half, so integer order is (a, b) order.
    @inline(__always)
    private static func pack(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(truncatingIfNeeded: a) << 32 | UInt64(truncatingIfNeeded: b)
    }

    /// Calls `body` with the members of every bucket of two or more rows of `band`: the rows, over the
    /// tables one after another (the second table's rows numbered after the first's), that share the band
    /// key, ascending.
    ///
    /// Each row is packed with the top bits of its key into one integer, so one sort of integers groups the
    /// keys; the rare rows whose keys share those top bits but differ below are split by their full keys.
    /// - Complexity: O(N log N) for N rows.
    static func forEachBucket(band: Int, tables: [BandKeyTable], _ body: ([Int]) -> Void) {
        let total = tables.reduce(0) { $0 + $1.count }
        guard total >= 2 else { return }
        precondition(total <= Int(UInt32.max), "at most 2³² − 1 texts")
        let rowBits = Int.bitWidth - (total - 1).leadingZeroBitCount
        let rowMask = UInt64(1) << rowBits - 1
        var packed: [UInt64] = []
        packed.reserveCapacity(total)
        var offset = 0
        for table in tables {
            table.forEachKey(band: band) { row, key in
                packed.append(key & ~rowMask | UInt64(offset + row))
            }
            offset += table.count
        }
        packed.sort()
        func fullKey(_ member: Int) -> UInt64 {
            var member = member
            for table in tables {
                if member < table.count { return table.key(row: member, band: band) }
                member -= table.count
            }
            preconditionFailure("a member beyond the tables")
        }
        var members: [Int] = []
        var start = 0
        while start < packed.count {
            let prefix = packed[start] >> rowBits
            var end = start + 1
            while end < packed.count, packed[end] >> rowBits == prefix { end += 1 }
            if end - start >= 2 {
                members.removeAll(keepingCapacity: true)
                for i in start..<end { members.append(Int(packed[i] & rowMask)) }
                let keys = members.map(fullKey)
                if keys.allSatisfy({ $0 == keys[0] }) {
                    body(members)
                } else {
                    let order = (0..<members.count).sorted { (keys[$0], members[$0]) < (keys[$1], members[$1]) }
                    var first = 0
                    while first < order.count {
                        var last = first + 1
                        while last < order.count, keys[order[last]] == keys[order[first]] { last += 1 }
                        if last - first >= 2 { body(order[first..<last].map { members[$0] }) }
                        first = last
                    }
                }
            }
            start = end
        }
    }

    /// The candidates of every band, sorted, each once.
    private static func merge(_ perBand: [[UInt64]]) -> [UInt64] {
        var all: [UInt64] = []
        all.reserveCapacity(perBand.reduce(0) { $0 + $1.count })
        for candidates in perBand { all.append(contentsOf: candidates) }
        sortAndRemoveDuplicates(&all)
        return all
    }

    // MARK: Verification

    /// The candidates (packed (a, b), sorted) whose exact Jaccard is at least `threshold`, a indexing the
    /// `queries` texts and b the `base` texts.
    ///
    /// A pair whose shingle-set sizes m ≤ n have m / n below the threshold is skipped unshingled, since
    /// J(A, B) ≤ min(|A|, |B|) / max(|A|, |B|). Otherwise |A ∩ B| is counted by looking each shingle of b up
    /// in a hash set of a's, marking what it finds so a repeated shingle counts once, and
    /// J = |A ∩ B| / (|A| + |B| − |A ∩ B|) with the set sizes kept from the signature pass. The candidates are
    /// cut into chunks verified in parallel; inside a chunk consecutive pairs mostly share a, whose set is
    /// built once.
    private static func verify(
        _ candidates: [UInt64], queries: (texts: [String], keys: BandKeyTable),
        base: (texts: [String], keys: BandKeyTable), threshold: Double
    ) -> [SimilarPair] {
        let chunk = 4096
        let chunkCount = (candidates.count + chunk - 1) / chunk
        let parts = ParallelMap.map(0..<chunkCount) { part in
            var first = Shingler(size: queries.keys.shingleSize)
            var second = Shingler(size: base.keys.shingleSize)
            var current = -1
            var found: [SimilarPair] = []
            for candidate in candidates[(part * chunk)..<min(candidates.count, (part + 1) * chunk)] {
                let a = Int(candidate >> 32)
                let b = Int(candidate & 0xFFFF_FFFF)
                let (sizeA, sizeB) = (queries.keys.shingleCount(row: a), base.keys.shingleCount(row: b))
                if Double(min(sizeA, sizeB)) / Double(max(sizeA, sizeB)) < threshold { continue }
                if a != current {
                    first.distinctShingles(queries.texts[a])
                    current = a
                }
                second.shingle(base.texts[b])
                first.table.unmarkAll()
                var shared = 0
                for hash in second.hashes where first.table.mark(hash) { shared += 1 }
                let similarity = Double(shared) / Double(sizeA + sizeB - shared)
                if similarity >= threshold { found.append(SimilarPair(a: a, b: b, jaccard: similarity)) }
            }
            return found
        }
        return Array(parts.joined())
    }

    /// |A ∩ B| / |A ∪ B| of two sorted arrays without repeats, by one merge.
    static func jaccard(sortedUnique a: [UInt64], _ b: [UInt64]) -> Double {
        var i = 0
        var j = 0
        var shared = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] {
                i += 1
            } else if a[i] > b[j] {
                j += 1
            } else {
                shared += 1
                i += 1
                j += 1
            }
        }
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }
}

/// The shingle hashes of texts, with scratch buffers reused from text to text.
struct Shingler {
    let size: Int
    private var scalars: [UInt32] = []
    /// The hashes of the last text's shingles, in text order, repeats included (after `shingle`), or its
    /// shingle set (after `distinctShingles` or `shingleSet`).
    private(set) var hashes: [UInt64] = []
    /// The shingle set of the last `distinctShingles` text, for membership tests.
    var table = ShingleTable()

    init(size: Int) {
        self.size = size
    }

    /// Fills `hashes` with the hash of every run of `size` consecutive scalars of `text` (the whole text
    /// when it is shorter; nothing when it is empty).
    ///
    /// A shingle's hash is FNV-1a over its scalar values, one 32-bit value per step, then the SplitMix64
    /// finaliser (`StableHash.finalize`).
    /// - Complexity: O(ℓ · size) for ℓ scalars.
    mutating func shingle(_ text: String) {
        scalars.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        var text = text
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    scalars.append(UInt32(byte))
                    i += 1
                } else {
                    let (scalar, length) = UTF8Scalar.decode(bytes, at: i)
                    scalars.append(scalar.value)
                    i += length
                }
            }
        }
        guard !scalars.isEmpty else { return }
        let width = min(size, scalars.count)
        scalars.withUnsafeBufferPointer { scalars in
            for start in 0...(scalars.count - width) {
                var hash = StableHash.fnvOffset
                for k in start..<(start + width) { hash = (hash ^ UInt64(scalars[k])) &* StableHash.fnvPrime }
                hashes.append(StableHash.finalize(hash))
            }
        }
    }

    /// Fills `hashes` with the shingle set of `text` in order of first occurrence, and `table` with the same set.
    ///
    /// - Complexity: O(ℓ · size) for ℓ scalars.
    mutating func distinctShingles(_ text: String) {
        shingle(text)
        table.removeAll(keepingCapacityFor: hashes.count)
        var kept = 0
        for i in 0..<hashes.count where table.insert(hashes[i]) {
            hashes[kept] = hashes[i]
            kept += 1
        }
        hashes.removeLast(hashes.count - kept)
    }

    /// Fills `hashes` with the shingle set of `text`: its shingle hashes sorted, each once.
    ///
    /// - Complexity: O(ℓ log ℓ) for ℓ scalars.
    mutating func shingleSet(_ text: String) {
        shingle(text)
        sortAndRemoveDuplicates(&hashes)
    }
}

/// Sorts `values` ascending and keeps one of each, in place.
///
/// - Complexity: O(n log n).
private func sortAndRemoveDuplicates(_ values: inout [UInt64]) {
    values.sort()
    var kept = 0
    for i in 0..<values.count where i == 0 || values[i] != values[kept - 1] {
        values[kept] = values[i]
        kept += 1
    }
    values.removeLast(values.count - kept)
}

/// A set of shingle hashes (already well mixed) by open addressing, emptied in O(1) between texts, with a
/// mark per member for counting each member of an intersection once.
///
/// A slot belongs to the current set when its stamp is the set's generation; a member is marked when its
/// mark is the current round. Emptying the set or starting a round only increments a counter.
struct ShingleTable {
    private var keys: [UInt64] = []
    private var stamps: [UInt32] = []
    private var marks: [UInt32] = []
    private var generation: UInt32 = 1
    private var round: UInt32 = 1
    private var mask = -1
    /// The number of members.
    private(set) var count = 0

    /// Empties the set, with room for `capacity` members at a load of at most one half.
    mutating func removeAll(keepingCapacityFor capacity: Int) {
        count = 0
        if keys.count < 2 * capacity || generation == UInt32.max {
            var size = 16
            while size < 2 * capacity { size <<= 1 }
            size = max(size, keys.count)
            keys = [UInt64](repeating: 0, count: size)
            stamps = [UInt32](repeating: 0, count: size)
            marks = [UInt32](repeating: 0, count: size)
            mask = size - 1
            generation = 1
            round = 1
        } else {
            generation += 1
        }
    }

    /// Adds `key`; whether it was new. The set must have room (`removeAll(keepingCapacityFor:)`).
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Bool {
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key { return false }
            position = (position + 1) & mask
        }
        stamps[position] = generation
        keys[position] = key
        marks[position] = 0
        count += 1
        return true
    }

    /// Starts a new round of marks: every member unmarked.
    mutating func unmarkAll() {
        if round == UInt32.max {
            for i in 0..<marks.count { marks[i] = 0 }
            round = 0
        }
        round += 1
    }

    /// Marks `key` if it is a member not yet marked this round; whether it did.
    @inline(__always)
    mutating func mark(_ key: UInt64) -> Bool {
        guard count > 0 else { return false }
        var position = Int(truncatingIfNeeded: key) & mask
        while stamps[position] == generation {
            if keys[position] == key {
                if marks[position] == round { return false }
                marks[position] = round
                return true
            }
            position = (position + 1) & mask
        }
        return false
    }
}

/// The b · r MinHash functions hᵢ(x) = (aᵢ · x + cᵢ) mod 2³² in `SIMD8` lanes, and the band keys they give.
///
/// The values are compared as signed 32-bit integers, which orders them as the unsigned values
/// (aᵢ · x + cᵢ + 2³¹) mod 2³², the same family with cᵢ shifted: baseline x86-64 (SSE2) has a signed
/// 32-bit compare but no unsigned one, and this halves the cost of the minimum.
struct MinHasher: Sendable {
    let options: MinHashOptions
    private let multipliers: [SIMD8<Int32>]
    private let increments: [SIMD8<Int32>]

    init(_ options: MinHashOptions) {
        self.options = options
        var random = SeededRandom(seed: options.seed, stream: "minhash")
        var multipliers: [SIMD8<Int32>] = []
        var increments: [SIMD8<Int32>] = []
        for _ in 0..<((options.hashCount + 7) / 8) {
            var a = SIMD8<Int32>()
            var c = SIMD8<Int32>()
            for lane in 0..<8 {
                let bits = random.next()
                a[lane] = Int32(truncatingIfNeeded: bits) | 1
                c[lane] = Int32(truncatingIfNeeded: bits >> 32)
            }
            multipliers.append(a)
            increments.append(c)
        }
        self.multipliers = multipliers
        self.increments = increments
    }

    /// The number of `SIMD8` vectors of the signature.
    var vectorCount: Int { multipliers.count }

    /// Writes the MinHash signature of the shingle hashes `hashes` (not empty) into `signature`: lane i
    /// holds minₓ hᵢ(x) over the low 32 bits x of each hash.
    ///
    /// The hot loop. Two 8-lane vectors of functions are done per pass over the hashes, their minima kept
    /// in registers; with 5-scalar shingles of short texts it runs at about 1.5 µs per 80-character text
    /// and 100 functions on one core.
    /// - Complexity: O(hashes.count · b · r).
    @inline(__always)
    func signature(_ hashes: UnsafeBufferPointer<UInt64>, into signature: UnsafeMutableBufferPointer<SIMD8<Int32>>) {
        multipliers.withUnsafeBufferPointer { multipliers in
            increments.withUnsafeBufferPointer { increments in
                var v = 0
                while v + 2 <= multipliers.count {
                    let (a0, c0, a1, c1) = (multipliers[v], increments[v], multipliers[v + 1], increments[v + 1])
                    var low0 = SIMD8<Int32>(repeating: .max)
                    var low1 = low0
                    for hash in hashes {
                        let x = SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: hash))
                        let value0 = a0 &* x &+ c0
                        let value1 = a1 &* x &+ c1
                        low0 = low0.replacing(with: value0, where: value0 .< low0)
                        low1 = low1.replacing(with: value1, where: value1 .< low1)
                    }
                    signature[v] = low0
                    signature[v + 1] = low1
                    v += 2
                }
                if v < multipliers.count {
                    let (a, c) = (multipliers[v], increments[v])
                    var low = SIMD8<Int32>(repeating: .max)
                    for hash in hashes {
                        let value = a &* SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: hash)) &+ c
                        low = low.replacing(with: value, where: value .< low)
                    }
                    signature[v] = low
                }
            }
        }
    }

    /// The key of each band of `signature`: its r values hashed into 64 bits with the band's number.
    @inline(__always)
    func bandKeys(_ signature: UnsafeMutableBufferPointer<SIMD8<Int32>>, _ body: (Int, UInt64) -> Void) {
        let rows = options.rowsPerBand
        UnsafeRawBufferPointer(signature).withMemoryRebound(to: UInt32.self) { values in
            for band in 0..<options.bands {
                var key = StableHash.finalize(UInt64(band) &+ 0x9E37_79B9_7F4A_7C15)
                for row in (band * rows)..<(band * rows + rows) {
                    key = StableHash.extend(key, with: UInt64(values[row]))
                }
                body(band, key)
            }
        }
    }
}

/// The MinHash band keys and shingle-set sizes of a list of texts: what `NearDuplicates` compares, computed
/// once and usable both for the pairs within the texts and for the pairs across them and other texts.
public struct MinHashSignatures: Sendable {
    /// Everything of the options the signatures depend on (the threshold is not).
    public struct Hashes: Sendable, Hashable {
        public let shingleSize: Int
        public let bands: Int
        public let rowsPerBand: Int
        public let seed: UInt64
    }

    /// The shingle size, bands, rows per band and seed the signatures were made with.
    public let hashes: Hashes
    let keys: BandKeyTable

    /// The signatures of `texts` (already normalised as the comparison needs).
    ///
    /// - Complexity: O(L · (k + b · r)) for texts of total length L scalars, on every core.
    public init(_ texts: [String], options: MinHashOptions = .init()) {
        NearDuplicates.validate(options)
        hashes = Hashes(
            shingleSize: options.shingleSize, bands: options.bands, rowsPerBand: options.rowsPerBand,
            seed: options.seed)
        keys = BandKeyTable(texts, hasher: MinHasher(options))
    }

    /// The number of texts.
    public var count: Int { keys.count }
}

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
