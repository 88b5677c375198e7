/// Seeded sampling of row indices.
public enum Sampling {
    /// `count` distinct indices drawn uniformly without replacement from `0..<population`, in
    /// increasing order (so a subsample keeps the file's order).
    ///
    /// - Complexity: O(population) (a partial Fisher–Yates shuffle).
    public static func withoutReplacement(
        _ count: Int, from population: Int, using random: inout SeededRandom
    ) -> [Int] {
        precondition(count >= 0 && count <= population, "sample larger than the population")
        if count == population { return Array(0..<population) }
        var pool = Array(0..<population)
        for i in 0..<count {
            let j = i + random.below(population - i)
            pool.swapAt(i, j)
        }
        return pool[0..<count].sorted()
    }

    /// `count` indices drawn uniformly with replacement from `0..<population` (a bootstrap resample).
    ///
    /// - Complexity: O(count).
    public static func withReplacement(_ count: Int, from population: Int, using random: inout SeededRandom) -> [Int] {
        (0..<count).map { _ in random.below(population) }
    }

    /// The `q`-quantile of `sorted` (0 ≤ q ≤ 1), linearly interpolated between order statistics
    /// (NumPy's default "linear" method).
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        precondition(!sorted.isEmpty, "quantile of an empty sample")
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// The share of `rows` whose flag is set (rows may repeat, as in a bootstrap resample); nil for no
    /// rows.
    ///
    /// - Complexity: O(rows).
    public static func share(_ flags: [Bool], among rows: [Int]) -> Double? {
        rows.isEmpty ? nil : Double(rows.filter { flags[$0] }.count) / Double(rows.count)
    }

    /// The 95% percentile bootstrap interval of a statistic of `count` rows: the 2.5 and 97.5
    /// percentiles of `statistic` over `resamples` resamples of the rows with replacement (each
    /// resample passed as row indices). Resamples where the statistic is undefined (nil) are dropped;
    /// nil when none is defined.
    ///
    /// - Complexity: `resamples` evaluations of `statistic` on `count` rows.
    public static func bootstrapInterval(
        count: Int, resamples: Int, using random: inout SeededRandom, statistic: ([Int]) -> Double?
    ) -> [Double]? {
        guard count > 0, resamples > 0 else { return nil }
        let draws = (0..<resamples).compactMap { _ in statistic(withReplacement(count, from: count, using: &random)) }
            .sorted()
        guard !draws.isEmpty else { return nil }
        return [quantile(draws, 0.025), quantile(draws, 0.975)]
    }
}
