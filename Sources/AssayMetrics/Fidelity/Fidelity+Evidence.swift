import AssayCore
import AssayReport
import AssayText
import Foundation

extension Fidelity {
    /// What gives the synthetic set away: the word 1- and 2-grams whose document frequency differs most
    /// between the sides, and the held-out texts the two-sample classifier is surest about.
    ///
    /// N-grams are ranked by the z-score of their log-odds ratio, with ½ added to every count
    /// (Monroe, Colaresi & Quinn 2008, "Fightin' Words", without the prior):
    /// δ = log((a + ½)/(N₁ − a + ½)) − log((b + ½)/(N₀ − b + ½)), z = δ / √(Σ 1/(count + ½)),
    /// a and b the rows of each side containing the n-gram, among the rows the measure used.
    ///
    /// - Complexity: O(tokens of the rows used).
    static func evidence(
        _ test: FidelityMeasures.TwoSampleTest, context: AnalysisContext, originalRows: [Int], syntheticRows: [Int]
    ) -> [Finding] {
        guard let original = context.original, let synthetic = context.synthetic else { return [] }
        var findings: [Finding] = []
        let originalCounts = documentFrequencies(original.tokens, rows: originalRows)
        let syntheticCounts = documentFrequencies(synthetic.tokens, rows: syntheticRows)
        let n0 = Double(originalRows.count)
        let n1 = Double(syntheticRows.count)
        var scored: [(text: String, z: Double, a: Int, b: Int)] = []
        for key in Set(originalCounts.keys).union(syntheticCounts.keys) {
            let a = syntheticCounts[key]?.count ?? 0
            let b = originalCounts[key]?.count ?? 0
            guard a + b >= 5 else { continue }
            let text = syntheticCounts[key]?.text ?? originalCounts[key]?.text ?? ""
            scored.append((text, logOddsZ(a: Double(a), n1: n1, b: Double(b), n0: n0), a, b))
        }
        scored.sort { $0.z != $1.z ? $0.z > $1.z : $0.text < $1.text }
        func percent(_ count: Int, _ total: Double) -> String {
            String(format: "%.1f%%", 100 * Double(count) / max(total, 1))
        }
        for (side, items) in [
            (Side.synthetic, Array(scored.prefix(evidenceCount).filter { $0.z > 0 })),
            (Side.original, Array(scored.reversed().prefix(evidenceCount).filter { $0.z < 0 })),
        ] {
            findings += items.map { item in
                Finding(
                    kind: .discriminativeNgram, side: side, text: item.text,
                    detail:
                        "in \(percent(item.a, n1)) of synthetic rows and \(percent(item.b, n0)) of original rows",
                    score: item.z)
            }
        }
        // The held-out rows each side's classifier is surest about: P(synthetic) highest for synthetic
        // rows, lowest for original ones.
        for (side, corpus, rows) in [
            (Side.synthetic, synthetic, syntheticRows), (Side.original, original, originalRows),
        ] {
            let sign = side == .synthetic ? -1.0 : 1.0
            let surest = test.heldOut.filter { $0.side == (side == .synthetic ? 1 : 0) }.sorted {
                $0.score != $1.score ? sign * $0.score < sign * $1.score : $0.row < $1.row
            }
            for example in surest.prefix(evidenceCount / 2) {
                let row = rows[example.row]
                findings.append(
                    Finding(
                        kind: .distinguishableExample, side: side, row: corpus.rowNumbers[row],
                        text: corpus.texts[row],
                        detail: "the two-sample classifier gives it P(synthetic) = \(format(example.score))",
                        score: example.score))
            }
        }
        return findings
    }

    /// The z-score of the log-odds ratio of a rows in n1 against b rows in n0, ½ added to every count.
    static func logOddsZ(a: Double, n1: Double, b: Double, n0: Double) -> Double {
        let inSynthetic = (a + 0.5, n1 - a + 0.5)
        let inOriginal = (b + 0.5, n0 - b + 0.5)
        let delta: Double = log(inSynthetic.0 / inSynthetic.1) - log(inOriginal.0 / inOriginal.1)
        let variance: Double = 1 / inSynthetic.0 + 1 / inSynthetic.1 + 1 / inOriginal.0 + 1 / inOriginal.1
        return delta / variance.squareRoot()
    }

    /// The rows containing each word 1- and 2-gram, by hash, with the n-gram's text; n-grams made only
    /// of English stopwords are left out (they separate styles, not content, and crowd out the rest).
    static func documentFrequencies(_ stream: TokenStream, rows: [Int]) -> [UInt64: (count: Int, text: String)] {
        var counts: [UInt64: (count: Int, text: String)] = [:]
        for row in rows {
            let range = stream.tokenRange(of: row)
            for order in 1...2 {
                var seen = Set<UInt64>()
                var start = range.lowerBound
                stream.forEachNGram(order: order, of: row) { hash in
                    defer { start += 1 }
                    // 2-grams hash differently from 1-grams (the hash is extended), so one map holds both.
                    guard seen.insert(hash).inserted else { return }
                    if let entry = counts[hash] {
                        counts[hash] = (entry.count + 1, entry.text)
                        return
                    }
                    let words = (start..<(start + order)).map { stream.types[Int(stream.words[$0])] }
                    guard !words.allSatisfy(Stopwords.english.contains) else { return }
                    counts[hash] = (1, words.joined(separator: " "))
                }
            }
        }
        return counts
    }
}
