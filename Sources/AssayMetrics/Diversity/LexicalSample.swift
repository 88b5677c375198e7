import AssayCore
import AssayText
import Foundation

/// The lexical diversity measures of METRICS.md, computed on a set of rows of one corpus.
///
/// Every measure reads the corpus's shared `TokenStream` (word ids and n-gram hashes computed
/// once); none tokenizes again. `rows` may be the whole corpus, a size-matched subsample or one
/// class; the measures see only those rows, in that order.
package struct LexicalSample: Sendable {
    package let stream: TokenStream
    package let texts: [String]
    package let rows: [Int]

    package init(corpus: Corpus, rows: [Int]) {
        self.stream = corpus.tokens
        self.texts = corpus.texts
        self.rows = rows
    }

    /// The number of tokens in the rows.
    package var tokenCount: Int {
        rows.reduce(0) { $0 + stream.tokenRange(of: $1).count }
    }

    // MARK: Corpus-level (type-count) measures

    /// Distinct-n (Li et al. 2016): |unique(G_n)| / |G_n| over n-grams inside documents.
    ///
    /// - Returns: nil when no row has n tokens.
    /// - Complexity: O(tokens · maxOrder).
    package func distinct(order: Int) -> Double? {
        ngramProfile().distinct[order - 1]
    }

    /// The n-gram diversity score (Shaib et al., `diversity` package): Σ_{n=1..4} distinct-n with
    /// the rows joined by spaces, so that n-grams cross document boundaries.
    ///
    /// - Returns: nil when the rows hold fewer than 4 tokens in all.
    /// - Complexity: O(tokens · maxOrder).
    package func ngramDiversityScore() -> Double? {
        ngramProfile().ngramDiversityScore
    }

    /// Distinct-1…4 inside documents and the n-gram diversity score across them, from one sweep over
    /// the rows' tokens that derives each n-gram's hash from the one a word shorter.
    ///
    /// - Complexity: O(tokens · maxOrder) time and memory.
    package func ngramProfile() -> NGramProfile {
        let maxOrder = TokenStream.maxOrder
        let tokens = tokenCount
        // Per order ≥ 2: the n-grams inside rows, and those that cross a row boundary once the rows
        // are joined; together they are the joined corpus's n-grams.
        var within = (2...maxOrder).map { _ in [UInt64]() }
        var crossing = (2...maxOrder).map { _ in [UInt64]() }
        for k in within.indices { within[k].reserveCapacity(tokens) }
        // The word hashes of the rows in order, and where each row ends.
        var sequence: [UInt64] = []
        sequence.reserveCapacity(tokens)
        var ends: [Int] = []
        ends.reserveCapacity(rows.count)
        for row in rows {
            for position in stream.tokenRange(of: row) {
                sequence.append(stream.typeHashes[Int(stream.words[position])])
            }
            ends.append(sequence.count)
        }
        sequence.withUnsafeBufferPointer { sequence in
            var rowEnd = 0
            var endIndex = 0
            for start in 0..<sequence.count {
                while start >= rowEnd {
                    rowEnd = ends[endIndex]
                    endIndex += 1
                }
                var hash = sequence[start]
                var order = 2
                while order <= maxOrder, start + order <= sequence.count {
                    hash = StableHash.extend(hash, with: sequence[start + order - 1])
                    if start + order <= rowEnd {
                        within[order - 2].append(hash)
                    } else {
                        crossing[order - 2].append(hash)
                    }
                    order += 1
                }
            }
        }
        let vocabulary = Double(vocabularySize())
        var distinct: [Double?] = [tokens > 0 ? vocabulary / Double(tokens) : nil]
        var score: Double? = tokens >= maxOrder ? vocabulary / Double(tokens) : nil
        for order in 2...maxOrder {
            let inside = within[order - 2]
            let across = crossing[order - 2]
            let counts = HashCounting.distinctCounts(inside, adding: across)
            distinct.append(inside.isEmpty ? nil : Double(counts.base) / Double(inside.count))
            if let sum = score { score = sum + Double(counts.union) / Double(inside.count + across.count) }
        }
        return NGramProfile(distinct: distinct, ngramDiversityScore: score)
    }

    /// The most bytes of one row the compression ratio reads: 64 KiB (two deflate windows, some 10,000
    /// words of English). zlib at level 9 reads only 2–5 MB/s of natural text, and a row is compressed
    /// again in each of the side's subsamples (50 by default) and in its class; a row of 15 MB cost
    /// minutes. Capped, a row costs at most 64 KiB of deflate per sample whatever its length.
    package static let compressionRowBytes = 1 << 16

    /// The gzip compression ratio: bytes(join(D, " ")) / bytes(gzip(join(D, " "))), zlib level 9, each
    /// row counted with at most its first `compressionRowBytes` bytes (cut at a character boundary).
    /// Higher means more repetitive.
    ///
    /// - Complexity: O(Σ min(bytes of a row, 64 KiB)).
    package func compressionRatio() -> Double? {
        let gzip = GzipSize()
        for (k, row) in rows.enumerated() {
            if k > 0 { gzip.append(" ") }
            gzip.append(texts[row], limit: LexicalSample.compressionRowBytes)
        }
        let compressed = gzip.finish()
        let raw = gzip.inputBytes
        return raw > 0 ? Double(raw) / Double(compressed) : nil
    }

    /// Vocabulary size: the number of distinct words in the rows.
    ///
    /// - Complexity: O(tokens), plus O(types of the corpus) when the rows hold a good share of its tokens.
    package func vocabularySize() -> Int {
        let words = SampleWords(self)
        if let global = words.globalIDs { return global.count }
        var seen = [Bool](repeating: false, count: words.typeCount)
        var count = 0
        for word in words.ids where !seen[Int(word)] {
            seen[Int(word)] = true
            count += 1
        }
        return count
    }

    /// Type–token ratio V/N over the rows.
    package func typeTokenRatio() -> Double? {
        let tokens = tokenCount
        return tokens > 0 ? Double(vocabularySize()) / Double(tokens) : nil
    }

    /// MATTR (Covington & McFall 2010): the mean TTR of every window of `window` consecutive tokens
    /// of the rows' token stream, in row order (as `lexicalrichness` computes it on one text).
    ///
    /// - Returns: nil when the rows hold fewer than `window` tokens.
    /// - Complexity: O(tokens), plus O(types of the corpus) when the rows hold a good share of its tokens.
    package func movingAverageTTR(window: Int = 50) -> Double? {
        let words = SampleWords(self)
        let tokens = words.ids
        guard tokens.count >= window else { return nil }
        var counts = [Int32](repeating: 0, count: words.typeCount)
        var distinct = 0
        for word in tokens[0..<window] {
            if counts[Int(word)] == 0 { distinct += 1 }
            counts[Int(word)] += 1
        }
        var sum = Double(distinct)
        for end in window..<tokens.count {
            let leaving = Int(tokens[end - window])
            counts[leaving] -= 1
            if counts[leaving] == 0 { distinct -= 1 }
            let entering = Int(tokens[end])
            if counts[entering] == 0 { distinct += 1 }
            counts[entering] += 1
            sum += Double(distinct)
        }
        return sum / Double(tokens.count - window + 1) / Double(window)
    }

    /// HD-D (McCarthy & Jarvis 2007, as `lexicalrichness` computes it): Σ_t [1 − C(N − f_t, 42) / C(N, 42)] / 42,
    /// the expected TTR of a random draw of 42 tokens.
    ///
    /// - Returns: nil when the rows hold fewer than `draws` tokens.
    /// - Complexity: O(tokens + types · draws) at worst; frequencies that repeat are computed once.
    package func hdd(draws: Int = 42) -> Double? {
        let words = SampleWords(self)
        var frequencies = [Int](repeating: 0, count: words.typeCount)
        for word in words.ids { frequencies[Int(word)] += 1 }
        if let global = words.globalIDs {
            // Sum in the corpus's word order, as the corpus's own ids would: the same bits either way.
            let order = global.indices.sorted { global[$0] < global[$1] }
            frequencies = order.map { frequencies[$0] }
        }
        let total = words.ids.count
        guard total >= draws else { return nil }
        var contributionByFrequency: [Int: Double] = [:]
        var sum = 0.0
        for frequency in frequencies where frequency > 0 {
            if let known = contributionByFrequency[frequency] {
                sum += known
                continue
            }
            // P(no occurrence in the draw) = C(N − f, draws) / C(N, draws) = Π_i (N − f − i) / (N − i).
            var absent = 1.0
            if total - frequency < draws {
                absent = 0
            } else {
                for i in 0..<draws { absent *= Double(total - frequency - i) / Double(total - i) }
            }
            let contribution = (1 - absent) / Double(draws)
            contributionByFrequency[frequency] = contribution
            sum += contribution
        }
        return sum
    }

    // MARK: Per-document measures (averaged, so bootstrapped over documents)

    /// Self-repetition (Salkar et al. 2022): with c(g) the number of rows containing word 4-gram g,
    /// row i scores log(1 + Σ_{g ∈ set4(d_i)} (c(g) − 1)). One score per row; the metric is their mean.
    ///
    /// - Complexity: O(tokens).
    package func selfRepetitionScores(order: Int = 4) -> [Double] {
        sharedNGrams(order: order, mostFrequent: 0).sums.map { log(1 + Double($0)) }
    }

    /// The word n-grams found in the most rows (at least two), most shared first: the phrases a
    /// templated generator repeats.
    ///
    /// - Complexity: O(tokens).
    package func repeatedPhrases(order: Int = 4, top: Int = 10) -> [RepeatedPhrase] {
        sharedNGrams(order: order, mostFrequent: top).mostFrequent.map { frequent in
            let row = rows[frequent.firstOwner]
            let range = stream.tokenRange(of: row)
            let ngrams = stream.ngrams(order: order, of: row)
            let offset = ngrams.firstIndex(of: frequent.hash) ?? 0
            let words = (0..<order).map { stream.types[Int(stream.words[range.lowerBound + offset + $0])] }
            return RepeatedPhrase(text: words.joined(separator: " "), rows: frequent.count, firstRow: row)
        }
    }

    /// Each row's distinct n-grams, counted across rows.
    private func sharedNGrams(order: Int, mostFrequent: Int) -> (
        sums: [Int], mostFrequent: [HashCounting.Frequent]
    ) {
        var hashes: [UInt64] = []
        var owners: [UInt32] = []
        var local: [UInt64] = []
        for (k, row) in rows.enumerated() {
            local.removeAll(keepingCapacity: true)
            stream.forEachNGram(order: order, of: row) { local.append($0) }
            local.sort()
            forEachRun(local) { hash, _ in
                hashes.append(hash)
                owners.append(UInt32(k))
            }
        }
        return HashCounting.sharedCounts(
            hashes: hashes, owners: owners, ownerCount: rows.count, mostFrequent: mostFrequent)
    }

    /// The `TokenStream` hashes of the English stopwords.
    static let stopwordHashes = Set(Stopwords.english.map(StableHash.string))

    /// TarGEN's vocabulary: per row, the number of distinct non-stopword words (NLTK English list);
    /// the metric is their sum Σ_i |set(non-stopword tokens of d_i)|.
    ///
    /// - Complexity: O(tokens + types of the rows), plus O(types of the corpus) when the rows hold a good
    ///   share of its tokens.
    package func targenVocabularyCounts() -> [Double] {
        let words = SampleWords(self)
        // By hash, so that rows known by their word hashes only (a sharded report's every row) count alike.
        let isStopword = (0..<words.typeCount).map {
            LexicalSample.stopwordHashes.contains(stream.typeHashes[words.global($0)])
        }
        var lastRow = [Int32](repeating: -1, count: words.typeCount)
        var start = 0
        return words.rowEnds.enumerated().map { k, end in
            defer { start = end }
            var count = 0
            for position in start..<end {
                let word = Int(words.ids[position])
                if !isStopword[word], lastRow[word] != Int32(k) {
                    lastRow[word] = Int32(k)
                    count += 1
                }
            }
            return Double(count)
        }
    }

    /// MTLD (McCarthy & Jarvis 2010) of each row with at least one token: the mean of a forward and a
    /// backward pass, each N / factors, a factor ending where the running TTR falls to 0.72 or
    /// below, the remainder adding (1 − TTR) / (1 − 0.72); a row whose TTR never falls counts one
    /// factor (`lexicalrichness`).
    ///
    /// - Complexity: O(tokens), plus O(types of the corpus) when the rows hold a good share of its tokens.
    package func mtldScores(threshold: Double = 0.72) -> [Double] {
        let words = SampleWords(self)
        var stamp = [Int32](repeating: -1, count: words.typeCount)
        var generation: Int32 = 0
        var scores: [Double] = []
        scores.reserveCapacity(rows.count)
        var start = 0
        for end in words.rowEnds {
            let range = start..<end
            start = end
            guard !range.isEmpty else { continue }
            var passes = 0.0
            for reversed in [false, true] {
                var factors = 0.0
                var types = 0
                var tokens = 0
                var ttr = 1.0
                generation += 1
                for offset in 0..<range.count {
                    let position = reversed ? range.upperBound - 1 - offset : range.lowerBound + offset
                    let word = Int(words.ids[position])
                    tokens += 1
                    if stamp[word] != generation {
                        stamp[word] = generation
                        types += 1
                    }
                    ttr = Double(types) / Double(tokens)
                    if ttr <= threshold {
                        factors += 1
                        types = 0
                        tokens = 0
                        generation += 1
                    }
                }
                if tokens > 0 { factors += (1 - ttr) / (1 - threshold) }
                if factors == 0 {
                    // The whole row never fell to the threshold and its last segment was all new
                    // words: lexicalrichness counts one factor (TTR of the row is then 1).
                    factors = 1
                }
                passes += Double(range.count) / factors
            }
            scores.append(passes / 2)
        }
        return scores
    }

    /// Self-BLEU (Zhu et al. 2018, Texygen): BLEU-4 of each hypothesis row against all other rows
    /// as references — uniform weights, clipped counts against the most frequent occurrence in any
    /// single reference, the closest reference length (shorter on ties) for the brevity penalty,
    /// NLTK's smoothing method 1 (ε = 0.1 added to zero precision numerators, denominators at
    /// least 1) and a score of 0 when no unigram matches.
    ///
    /// - Parameter hypotheses: positions in `rows` of the rows to score.
    /// - Returns: one score per hypothesis; empty when there is a single row (no references).
    /// - Complexity: O(tokens · log) to index every row, O(tokens of the hypotheses) to score.
    package func selfBLEUScores(hypotheses: [Int]) -> [Double] {
        guard rows.count > 1 else { return [] }
        let maxOrder = TokenStream.maxOrder
        // Only the hypotheses' n-grams matter: index them, then scan every row for those alone.
        var wanted = HashIndex(expectedCount: 1024)
        var local: [UInt64] = []
        for k in hypotheses {
            collectNGrams(of: rows[k], into: &local)
            for hash in local { _ = wanted.insert(hash) }
        }
        // For each wanted n-gram: the largest count in any single row, which row, and the second largest.
        var best = [Int32](repeating: 0, count: wanted.count)
        var bestRow = [Int32](repeating: -1, count: wanted.count)
        var second = [Int32](repeating: 0, count: wanted.count)
        var slots: [Int] = []
        for (k, row) in rows.enumerated() {
            slots.removeAll(keepingCapacity: true)
            for order in 1...maxOrder {
                stream.forEachNGram(order: order, of: row) { hash in
                    if let slot = wanted.slot(of: hash) { slots.append(slot) }
                }
            }
            guard !slots.isEmpty else { continue }
            slots.sort()
            var start = 0
            while start < slots.count {
                var end = start + 1
                while end < slots.count, slots[end] == slots[start] { end += 1 }
                let slot = slots[start]
                let count = Int32(end - start)
                if count > best[slot] {
                    second[slot] = best[slot]
                    best[slot] = count
                    bestRow[slot] = Int32(k)
                } else if count > second[slot] {
                    second[slot] = count
                }
                start = end
            }
        }
        let lengths = rows.map { stream.tokenRange(of: $0).count }.sorted()
        return hypotheses.map { k in
            let row = rows[k]
            let length = stream.tokenRange(of: row).count
            var numerators = [Int](repeating: 0, count: maxOrder + 1)
            for order in 1...maxOrder {
                local = stream.ngrams(order: order, of: row)
                local.sort()
                forEachRun(local) { hash, count in
                    guard let slot = wanted.slot(of: hash) else { return }
                    let reference = bestRow[slot] == Int32(k) ? second[slot] : best[slot]
                    numerators[order] += Int(min(count, reference))
                }
            }
            guard numerators[1] > 0 else { return 0 }
            var logSum = 0.0
            for order in 1...maxOrder {
                let denominator = Double(max(1, length - order + 1))
                let precision =
                    numerators[order] == 0 ? 0.1 / denominator : Double(numerators[order]) / denominator
                logSum += log(precision) / Double(maxOrder)
            }
            let reference = Double(closestReferenceLength(to: length, sortedLengths: lengths))
            let hypothesis = Double(length)
            let brevity = hypothesis > reference ? 1 : exp(1 - reference / hypothesis)
            return brevity * exp(logSum)
        }
    }

    /// All n-gram hashes (orders 1...4) of a row, sorted, in `buffer`.
    private func collectNGrams(of row: Int, into buffer: inout [UInt64]) {
        buffer.removeAll(keepingCapacity: true)
        for order in 1...TokenStream.maxOrder { stream.forEachNGram(order: order, of: row) { buffer.append($0) } }
        buffer.sort()
    }

    /// Calls `body` with each distinct value of sorted `values` and how often it occurs.
    private func forEachRun(_ values: [UInt64], _ body: (UInt64, Int32) -> Void) {
        var start = 0
        while start < values.count {
            var end = start + 1
            while end < values.count, values[end] == values[start] { end += 1 }
            body(values[start], Int32(end - start))
            start = end
        }
    }

    /// The reference length closest to `length` among `sortedLengths` less one copy of `length`
    /// itself (the hypothesis), the shorter one on a tie (NLTK `closest_ref_length`).
    private func closestReferenceLength(to length: Int, sortedLengths: [Int]) -> Int {
        // First index with a value ≥ length.
        var low = 0
        var high = sortedLengths.count
        while low < high {
            let middle = (low + high) / 2
            if sortedLengths[middle] < length { low = middle + 1 } else { high = middle }
        }
        // sortedLengths[low] == length is the hypothesis itself; a second copy is an exact match.
        if low + 1 < sortedLengths.count, sortedLengths[low + 1] == length { return length }
        let shorter = low > 0 ? sortedLengths[low - 1] : nil
        let longer = low + 1 < sortedLengths.count ? sortedLengths[low + 1] : nil
        switch (shorter, longer) {
        case (let s?, let l?): return length - s <= l - length ? s : l
        case (let s?, nil): return s
        case (nil, let l?): return l
        case (nil, nil): return length
        }
    }
}
