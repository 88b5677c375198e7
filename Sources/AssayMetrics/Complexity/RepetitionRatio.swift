import Foundation

/// Data-Juicer's repetition ratios on the hashes of a text's n-grams: their numerators (`ComplexityCounts.values`
/// divides).
enum RepetitionRatio {
    /// The numerator of `word_repetition_filter`'s ratio (Σ counts of the n-grams occurring more than once /
    /// Σ counts of all n-grams; 0 without n-grams): Σ counts of the n-grams occurring more than once. Sorts
    /// `hashes`.
    ///
    /// - Complexity: O(n log n).
    static func wordRepeats(_ hashes: inout [UInt64]) -> Int {
        hashes.sort()
        var repeated = 0
        forEachRun(hashes) { count in if count > 1 { repeated += count } }
        return repeated
    }

    /// The numerator of `character_repetition_filter`'s ratio (with D distinct n-grams, the counts of the ⌊√D⌋
    /// most frequent n-grams — taking only n-grams that occur more than once — summed, over the count of all
    /// n-grams; 0 without n-grams): that sum. Sorts `hashes`; `repeated` is scratch.
    ///
    /// - Complexity: O(n log n).
    static func characterRepeats(_ hashes: inout [UInt64], repeated: inout [Int]) -> Int {
        hashes.sort()
        repeated.removeAll(keepingCapacity: true)
        var distinct = 0
        forEachRun(hashes) { count in
            distinct += 1
            if count > 1 { repeated.append(count) }
        }
        let top = min(Int(Double(distinct).squareRoot()), repeated.count)
        guard top > 0 else { return 0 }
        repeated.sort(by: >)
        return repeated[..<top].reduce(0, +)
    }

    /// Calls `body` with the length of each run of equal values of `sorted`.
    private static func forEachRun(_ sorted: [UInt64], _ body: (Int) -> Void) {
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            body(end - start)
            start = end
        }
    }
}
