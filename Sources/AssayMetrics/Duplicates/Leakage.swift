import AssayCore
import AssayLinalg
import AssayReport
import AssayText

/// Synthetic rows that copy the original: exactly, nearly (as `Duplicates` defines near), or through a
/// shared word 13-gram.
struct Leakage {
    /// How a synthetic row matches an original row, strictest first.
    enum Match: Int, Comparable {
        case exact, normalized, minhash, cosine

        static func < (a: Match, b: Match) -> Bool { a.rawValue < b.rawValue }
    }

    /// The original row each synthetic row copies, by the strictest test it passes; nil for none.
    let copies: [(match: Match, row: Int, score: Double)?]
    /// For each synthetic row sharing a 13-gram: the original row, the shared span's first token and
    /// its length in tokens.
    let shared: [(row: Int, start: Int, length: Int)?]
    /// The token stream the spans index (the synthetic texts').
    let syntheticTokens: TokenStream

    static let order = RowNgrams.leakageOrder

    init(original: TextView, synthetic: TextView, context: AnalysisContext) {
        var exact: [String: Int] = [:]
        var normalized: [String: Int] = [:]
        for row in original.texts.indices.reversed() {
            exact[original.exactKeys[row]] = row
            if !original.normalized[row].isEmpty { normalized[original.normalized[row]] = row }
        }
        var copies = [(match: Match, row: Int, score: Double)?](repeating: nil, count: synthetic.texts.count)
        func offer(_ row: Int, _ candidate: (match: Match, row: Int, score: Double)) {
            guard let current = copies[row] else {
                copies[row] = candidate
                return
            }
            if candidate.match < current.match
                || (candidate.match == current.match && candidate.score > current.score)
            {
                copies[row] = candidate
            }
        }
        for row in synthetic.texts.indices {
            if let match = exact[synthetic.exactKeys[row]] {
                offer(row, (.exact, match, 1))
            } else if !synthetic.normalized[row].isEmpty, let match = normalized[synthetic.normalized[row]] {
                offer(row, (.normalized, match, 1))
            }
        }
        // The signatures the search within each side made.
        let options = MinHashOptions(threshold: context.settings.nearJaccard)
        if let querySignatures = context.minHashSignatures(.synthetic, options: options),
            let baseSignatures = context.minHashSignatures(.original, options: options)
        {
            for pair in NearDuplicates.across(
                queries: synthetic.normalized, signatures: querySignatures, base: original.normalized,
                signatures: baseSignatures, threshold: options.threshold)
            {
                offer(pair.a, (.minhash, pair.b, pair.jaccard))
            }
        }
        if original.wholeText, synthetic.wholeText, let nearest = context.nearestOriginal() {
            let threshold = Float(context.settings.nearCosine)
            for row in synthetic.texts.indices {
                guard let best = nearest.neighbors(of: row).first, best.similarity >= threshold else { continue }
                offer(row, (.cosine, best.index, Double(best.similarity)))
            }
        }
        self.copies = copies

        let originalTokens = original.wholeText ? original.corpus.tokens : TokenStream(texts: original.texts)
        syntheticTokens = synthetic.wholeText ? synthetic.corpus.tokens : TokenStream(texts: synthetic.texts)
        shared = Leakage.sharedSpans(original: originalTokens, synthetic: syntheticTokens)
    }

    /// For each synthetic document, the longest run of its word 13-grams found in the original, as the
    /// original row of the run's first 13-gram, the run's first token and its length in tokens.
    ///
    /// - Complexity: O(tokens · 13) with a hash map of the original's 13-grams.
    static func sharedSpans(original: TokenStream, synthetic: TokenStream) -> [(row: Int, start: Int, length: Int)?] {
        var first: [UInt64: Int32] = [:]
        for document in (0..<original.documentCount).reversed() {
            original.forEachNGram(order: order, of: document) { first[$0] = Int32(document) }
        }
        return (0..<synthetic.documentCount).map { document -> (row: Int, start: Int, length: Int)? in
            guard !first.isEmpty else { return nil }
            var best: (row: Int, start: Int, length: Int)?
            var runStart = -1
            var runRow = 0
            var position = synthetic.tokenRange(of: document).lowerBound
            var previousHit = false
            synthetic.forEachNGram(order: order, of: document) { hash in
                if let row = first[hash] {
                    if !previousHit {
                        runStart = position
                        runRow = Int(row)
                    }
                    let length = position - runStart + order
                    if length > best?.length ?? 0 { best = (runRow, runStart, length) }
                    previousHit = true
                } else {
                    previousHit = false
                }
                position += 1
            }
            return best
        }
    }

    func metrics(context: AnalysisContext) -> [MetricResult] {
        let exact = copies.map { $0?.match == .exact }
        let near = copies.map { $0 != nil }
        let ngram = shared.map { $0 != nil }
        let classes = context.synthetic.map(LabelledRows.init) ?? LabelledRows(labels: nil, names: [])
        return [(Duplicates.exactLeakage, exact), (Duplicates.nearLeakage, near), (Duplicates.ngramLeakage, ngram)]
            .map { descriptor, flags in
                Duplicates.shareMetric(descriptor, flags: flags, settings: context.settings, classes: classes)
            }
    }

    /// Every copied row (strictest and most similar first), then the `Duplicates.findingLimit` rows sharing
    /// the longest spans.
    func findings(original: TextView, synthetic: TextView) -> [Finding] {
        var copied: [(synthetic: Int, match: (match: Match, row: Int, score: Double))] = []
        for (row, copy) in copies.enumerated() {
            if let copy { copied.append((row, copy)) }
        }
        copied.sort { a, b in
            if a.match.match != b.match.match { return a.match.match < b.match.match }
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            return a.synthetic < b.synthetic
        }
        var findings = copied.map { item in
            let (row, match) = (item.synthetic, item.match)
            let how: String
            switch match.match {
            case .exact: how = "an exact copy"
            case .normalized: how = "a copy up to case, spacing and punctuation"
            case .minhash: how = "a near copy (Jaccard of character 5-grams \(format(match.score)))"
            case .cosine: how = "a near copy by meaning (embedding cosine \(format(match.score)))"
            }
            return Finding(
                kind: .leakedPair, side: .synthetic, row: synthetic.corpus.rowNumbers[row],
                text: synthetic.texts[row], detail: "\(how) of original row \(original.corpus.rowNumbers[match.row])",
                score: match.score, related: [original.related(match.row, side: .original, score: match.score)])
        }
        let spans = shared.indices.compactMap { row in shared[row].map { (synthetic: row, span: $0) } }
            .sorted { $0.span.length != $1.span.length ? $0.span.length > $1.span.length : $0.synthetic < $1.synthetic }
        findings += spans.prefix(Duplicates.findingLimit).map { item in
            let words = (item.span.start..<(item.span.start + item.span.length)).map {
                syntheticTokens.types[Int(syntheticTokens.words[$0])]
            }
            return Finding(
                kind: .sharedNgram, side: .synthetic,
                row: synthetic.corpus.rowNumbers[item.synthetic], text: synthetic.texts[item.synthetic],
                detail:
                    "\(item.span.length) words in a row shared with original row \(original.corpus.rowNumbers[item.span.row]): “\(words.joined(separator: " "))”",
                score: Double(item.span.length),
                related: [original.related(item.span.row, side: .original, score: nil)])
        }
        return findings
    }
}
