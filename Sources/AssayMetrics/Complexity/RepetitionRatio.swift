import Foundation

/// Data-Juicer's repetition ratios on the hashes of a text's n-grams.
enum RepetitionRatio {
    /// `word_repetition_filter`: Σ counts of the n-grams occurring more than once / Σ counts of all
    /// n-grams; 0 without n-grams. Sorts `hashes`.
    ///
    /// - Complexity: O(n log n).
    static func word(_ hashes: inout [UInt64]) -> Double {
        guard !hashes.isEmpty else { return 0 }
        hashes.sort()
        var repeated = 0
        forEachRun(hashes) { count in if count > 1 { repeated += count } }
        return Double(repeated) / Double(hashes.count)
    }

    /// `character_repetition_filter`: with D distinct n-grams, the counts of the ⌊√D⌋ most frequent
    /// n-grams — taking only n-grams that occur more than once — summed, over the count of all
    /// n-grams; 0 without n-grams. Sorts `hashes`; `repeated` is scratch.
    ///
    /// - Complexity: O(n log n).
    static func character(_ hashes: inout [UInt64], repeated: inout [Int]) -> Double {
        guard !hashes.isEmpty else { return 0 }
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
        return Double(repeated[..<top].reduce(0, +)) / Double(hashes.count)
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
