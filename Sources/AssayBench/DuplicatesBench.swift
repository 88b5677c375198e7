// Benchmark of near-duplicate detection (release build; `AssayBench duplicates [N]`). Not part of `swift test`.
//
// Generates N short texts (10–15 Zipf-distributed words, capitalised, some with a full stop) with a fixed seed,
// makes 1% of the rows a copy of an earlier row with one word changed and 1% an exact copy of an earlier row,
// then times `TextNormalization.normalized` and `NearDuplicates.within` (default options: 5-scalar shingles,
// 20 bands × 5 rows, Jaccard ≥ 0.8) and prints throughput, the pairs found, the recall of the injected pairs
// and the peak resident memory.
import AssayCore
import AssayText
import Foundation

/// Normalisation and MinHash near duplicates on `textCount` generated texts.
func duplicatesBench(textCount: Int) {
    print(
        "assay duplicates bench — \(textCount) texts, \(ProcessInfo.processInfo.activeProcessorCount) cores, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var generator = TextGenerator()
    var texts: [String] = []
    texts.reserveCapacity(textCount)
    var nearPairs: [(source: Int, copy: Int)] = []
    var exactPairs: [(source: Int, copy: Int)] = []
    let generation = seconds {
        for row in 0..<textCount {
            let kind = row == 0 ? 2 : generator.random.below(100)
            if kind == 0 {
                let source = generator.random.below(row)
                texts.append(generator.changingOneWord(of: texts[source]))
                nearPairs.append((source, row))
            } else if kind == 1 {
                let source = generator.random.below(row)
                texts.append(texts[source])
                exactPairs.append((source, row))
            } else {
                texts.append(generator.sentence(wordCount: 10 + generator.random.below(6)))
            }
        }
    }
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let megabytes = Double(bytes) / 1e6
    print(
        String(
            format: "generated %.1f MB of text in %.2f s (%d near copies, %d exact copies injected)", megabytes,
            generation, nearPairs.count, exactPairs.count))

    let originals = texts
    let chunk = 4096
    var normalized: [String] = []
    let normalizing = seconds {
        let parts = ParallelMap.map(0..<((originals.count + chunk - 1) / chunk)) { part in
            originals[(part * chunk)..<min(originals.count, (part + 1) * chunk)].map(TextNormalization.normalized)
        }
        normalized.reserveCapacity(originals.count)
        for part in parts { normalized.append(contentsOf: part) }
    }
    print(
        label("normalise")
            + String(
                format: "%7.2f s  %10.0f texts/s  %6.1f MB/s", normalizing, Double(textCount) / normalizing,
                megabytes / normalizing))

    var pairs: [SimilarPair] = []
    let searching = seconds { pairs = NearDuplicates.within(normalized) }
    print(
        label("NearDuplicates.within")
            + String(
                format: "%7.2f s  %10.0f texts/s  %6.1f MB/s   (%d pairs)", searching, Double(textCount) / searching,
                megabytes / searching, pairs.count))
    var groups: [[Int]] = []
    let grouping = seconds { groups = NearDuplicates.groups(pairs, count: textCount) }
    print(
        label("NearDuplicates.groups")
            + String(format: "%7.2f s   (%d groups, %d rows in them)", grouping, groups.count, groups.joined().count))
    let total = normalizing + searching + grouping
    print(
        label("TOTAL")
            + String(
                format: "%7.2f s  %10.0f texts/s   ← normalise + within + groups, %d cores", total,
                Double(textCount) / total, ProcessInfo.processInfo.activeProcessorCount))

    // Recall: an injected pair counts when its true Jaccard (after normalisation) reaches the threshold.
    let threshold = MinHashOptions().threshold
    let found = Set(pairs.map { UInt64($0.a) << 32 | UInt64($0.b) })
    func recall(_ injected: [(source: Int, copy: Int)]) -> (eligible: Int, found: Int) {
        var eligible = 0
        var hits = 0
        for (source, copy) in injected
        where NearDuplicates.jaccard(normalized[source], normalized[copy]) >= threshold {
            eligible += 1
            if found.contains(UInt64(min(source, copy)) << 32 | UInt64(max(source, copy))) { hits += 1 }
        }
        return (eligible, hits)
    }
    let near = recall(nearPairs)
    let exact = recall(exactPairs)
    print(
        String(
            format:
                "recall, one word changed: %d of %d injected pairs with Jaccard ≥ %.1f found (%.4f); %d more fell below it",
            near.found, near.eligible, threshold, Double(near.found) / Double(max(near.eligible, 1)),
            nearPairs.count - near.eligible))
    print(
        String(
            format: "recall, exact copies:     %d of %d found (%.4f)", exact.found, exact.eligible,
            Double(exact.found) / Double(max(exact.eligible, 1))))
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}

/// `name` padded to the column the figures start in.
private func label(_ name: String) -> String {
    name.padding(toLength: 24, withPad: " ", startingAt: 0)
}

extension TextGenerator {
    /// `wordCount` Zipf words, the first capitalised, a full stop after one text in three.
    mutating func sentence(wordCount: Int) -> String {
        var text = word().capitalized
        for _ in 1..<wordCount {
            text += " "
            text += word()
        }
        return random.below(3) == 0 ? text + "." : text
    }

    /// `text` with one of its words, chosen at random, replaced by a different Zipf word.
    mutating func changingOneWord(of text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        let position = random.below(words.count)
        var replacement = word()
        while replacement == words[position].lowercased() { replacement = word() }
        words[position] = replacement
        return words.joined(separator: " ")
    }
}
