import AssayCore

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
        return verify(candidates(signatures), queries: (texts, keys), base: (texts, keys), threshold: threshold)
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

    /// Stops with a message when `options` cannot make signatures: a shingle size, band count or rows per band
    /// that is not positive.
    static func validate(_ options: MinHashOptions) {
        precondition(options.shingleSize > 0, "the shingle size must be positive")
        precondition(options.bands > 0 && options.rowsPerBand > 0, "bands and rows per band must be positive")
    }

    /// The candidate pairs of `within`, before verification: the pairs (a < b) of rows that share a band key
    /// in some band, as `forEachCandidatePair(inBucket:)` takes them from each bucket, packed (`pack`),
    /// sorted, each once.
    ///
    /// - Complexity: O(b · N log N) for N texts, plus the candidates.
    static func candidates(_ signatures: MinHashSignatures) -> [UInt64] {
        let keys = signatures.keys
        let perBand = ParallelMap.map(0..<keys.bands) { band in
            var candidates: [UInt64] = []
            forEachBucket(band: band, tables: [keys]) { members in
                forEachCandidatePair(inBucket: members) { candidates.append(pack($0, $1)) }
            }
            return candidates
        }
        return merge(perBand)
    }

    /// Calls `body` with the candidate pairs (a, b), a < b, of one band bucket: every pair of a bucket of at
    /// most `largeBucket` (64) members, else each member with the first one only.
    ///
    /// The rule `within` applies to each bucket; a merge of band runs (`BandRunMerge`) applies it to each of
    /// its groups to get the same candidates.
    /// - Parameter members: the rows that share a band key, ascending, at least two.
    /// - Complexity: O(m²) for m ≤ 64 members, else O(m).
    package static func forEachCandidatePair(inBucket members: [Int], _ body: (Int, Int) -> Void) {
        if members.count <= largeBucket {
            for i in 0..<members.count {
                for j in (i + 1)..<members.count { body(members[i], members[j]) }
            }
        } else {
            for j in 1..<members.count { body(members[0], members[j]) }
        }
    }

    /// A candidate pair as one integer, a in the high half, so integer order is (a, b) order.
    @inline(__always)
    static func pack(_ a: Int, _ b: Int) -> UInt64 {
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
