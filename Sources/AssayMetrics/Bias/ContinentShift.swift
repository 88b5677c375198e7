import AssayCore

/// The continent whose share of place mentions moves most between the sides, by how much, and the 95%
/// margin of that largest move under chance.
///
/// A row counts once per country it names, so a row naming Japan and China gives Asia two mentions; the
/// shares are of all mentions on a side. Chance is measured by permutation (Good 2005, ch. 3): the rows
/// naming a place are pooled and dealt out again at random to two sides of the original sizes, each row with
/// all its mentions (they cluster in rows, so mentions are not independent draws), `permutations` times.
/// The margin is the ⌈0.95 · (permutations + 1)⌉-th smallest of the permutations' largest shift of any of
/// the six continents, so the interval `shift ± margin` excludes 0 exactly when the permutation test of the
/// largest shift rejects at 5% (p = (1 + permutations at least as large) / (1 + permutations) < 0.05;
/// Phipson & Smyth 2010): choosing the continent that moves most does not make a chance shift look real (the
/// max-statistic method; Westfall & Young 1993), and two random halves of one set, which are exchangeable,
/// are flagged in at most 5% of splits. A 95% bootstrap interval of the chosen continent's shift flagged
/// 10–30% of random half-splits of 60–200 AG News rows.
struct ContinentShift: Equatable {
    /// The continent whose share moves most (the first of `continents` on a tie).
    var continent: String
    /// Its share of the mentions on each side.
    var originalShare: Double
    var syntheticShare: Double
    /// Place mentions and rows naming a place, on each side.
    var originalMentions: Int
    var syntheticMentions: Int
    var originalRows: Int
    var syntheticRows: Int
    /// The 95% permutation margin of the largest shift; nil without permutations.
    var margin: Double?

    /// The synthetic share minus the original's.
    var shift: Double { syntheticShare - originalShare }

    /// `shift ± margin`, within the shift's range [−1, 1]; nil without permutations.
    var interval: [Double]? { margin.map { [max(-1, shift - $0), min(1, shift + $0)] } }

    /// Whether the interval excludes no shift.
    var excludesZero: Bool { margin.map { abs(shift) > $0 } ?? false }

    /// Compares `original` and `synthetic`, each row naming a place given as its mentions per continent, in the
    /// order of `continents`; nil when a side has no mention.
    ///
    /// - Complexity: O(`permutations` · rows · continents).
    init?(
        original: [[Int]], synthetic: [[Int]], continents: [String], permutations: Int,
        using random: inout SeededRandom
    ) {
        /// Mentions per continent, summed over `rows`.
        func totals(_ rows: [[Int]]) -> [Int] {
            rows.reduce(into: [Int](repeating: 0, count: continents.count)) { sums, row in
                for (c, count) in row.enumerated() { sums[c] += count }
            }
        }
        let o = totals(original)
        let s = totals(synthetic)
        guard let shifts = ContinentShift.shifts(o, s) else { return nil }
        let k = shifts.indices.max { abs(shifts[$0]) < abs(shifts[$1]) } ?? 0
        (originalMentions, syntheticMentions) = (o.reduce(0, +), s.reduce(0, +))
        continent = continents[k]
        originalShare = Double(o[k]) / Double(originalMentions)
        syntheticShare = Double(s[k]) / Double(syntheticMentions)
        (originalRows, syntheticRows) = (original.count, synthetic.count)
        guard permutations > 0 else { return }

        // Both sides' rows, row r's mentions at r · K ..< (r + 1) · K, and the order they are dealt in.
        let width = continents.count
        let pooled = (original + synthetic).flatMap { $0 }
        let all = zip(o, s).map { $0 + $1 }
        var order = Array(0..<(original.count + synthetic.count))
        var largest: [Double] = []
        for _ in 0..<permutations {
            // A partial Fisher–Yates shuffle deals the first `originalRows` rows to the original side.
            var dealt = [Int](repeating: 0, count: width)
            for i in 0..<originalRows {
                order.swapAt(i, i + random.below(order.count - i))
                let start = order[i] * width
                for c in 0..<width { dealt[c] += pooled[start + c] }
            }
            guard let chance = ContinentShift.shifts(dealt, zip(all, dealt).map { $0 - $1 }) else { continue }
            largest.append(chance.map(abs).max() ?? 0)
        }
        guard !largest.isEmpty else { return }
        let rank = Int((0.95 * Double(largest.count + 1)).rounded(.up))
        margin = largest.sorted()[min(rank, largest.count) - 1]
    }

    /// Each continent's share of `synthetic`'s mentions minus its share of `original`'s; nil when a side has
    /// no mention.
    static func shifts(_ original: [Int], _ synthetic: [Int]) -> [Double]? {
        let (o, s) = (Double(original.reduce(0, +)), Double(synthetic.reduce(0, +)))
        guard o > 0, s > 0 else { return nil }
        return zip(synthetic, original).map { Double($0) / s - Double($1) / o }
    }
}
