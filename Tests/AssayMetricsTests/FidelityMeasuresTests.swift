import AssayCore
import AssayLinalg
import Foundation
import Testing

@testable import AssayMetrics

// The reference values below come from this script (numpy 2.4.6, scipy 1.17.1, scikit-learn 1.9.1,
// prdc 0.2, mauve-text 0.4.0 with faiss-cpu 1.15.1; `pip install numpy scipy scikit-learn prdc mauve-text
// faiss-cpu`). Every matrix entry is a double expression of `u`, rounded to float32 — so the Swift test
// builds bit-identical matrices — then widened to float64, so the references compute in float64:
//
//     import numpy as np
//     from scipy.linalg import sqrtm
//     from scipy.spatial.distance import jensenshannon
//     from sklearn.covariance import ledoit_wolf_shrinkage
//     from prdc import compute_prdc
//     from mauve.compute_mauve import get_divergence_curve_for_multinomials, compute_area_under_curve, compute_mauve
//     M64 = (1 << 64) - 1
//     def mix(z):  # AssayCore's StableHash.finalize (SplitMix64's finaliser)
//         z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
//         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
//         return z ^ (z >> 31)
//     def u(salt, i, j):  # a multiple of 2^-23 in [-1, 1)
//         return ((mix(salt * 1_000_003 + i * 1_000 + j) >> 40) - 2**23) / 2**23
//     def matrix(rows, cols, f):
//         return np.array([[f(i, j) for j in range(cols)] for i in range(rows)], dtype=np.float32).astype(np.float64)
//
//     real = matrix(150, 6, lambda i, j: u(1, i, j))
//     fake = matrix(120, 6, lambda i, j: 0.5 * u(2, i, j) if j == 1 else u(2, i, j) + (0.5 if j == 0 else 0.0))
//     for k in [5, 1, 3]: print(k, compute_prdc(real, fake, k))
//     print(compute_prdc(np.array([[0.], [1], [3], [7], [20]]), np.array([[1.], [2], [5], [11]]), 1))
//
//     def frechet(x, y, shrink=lambda x, s: s):
//         sx, sy = shrink(x, np.cov(x, rowvar=False)), shrink(y, np.cov(y, rowvar=False))
//         return ((x.mean(0) - y.mean(0)) ** 2).sum() + np.trace(sx) + np.trace(sy) - 2 * np.trace(sqrtm(sx @ sy).real)
//     def lw(x, s):  # FidelityMeasures' rule when N < d
//         if x.shape[0] >= x.shape[1]: return s
//         a, d = ledoit_wolf_shrinkage(x), s.shape[0]
//         return (1 - a) * s + a * np.trace(s) / d * np.eye(d)
//     P = matrix(300, 8, lambda i, j: u(3, i, j) + 0.5 * u(3, i, (j + 1) % 8) + 0.1 * j)
//     Q = matrix(250, 8, lambda i, j: 1.3 * u(5, i, j) + 0.2 + (0.6 * u(5, i, 0) if j == 2 else 0.0))
//     small = matrix(6, 10, lambda i, j: u(7, i, j) + 0.05 * j)
//     large = matrix(40, 10, lambda i, j: 0.8 * u(8, i, j))
//     other = matrix(9, 10, lambda i, j: 0.8 * u(8, i, j) + 0.3)
//     print(frechet(P, Q), frechet(small, large, lw), frechet(small, other, lw))
//
//     def area(p, q):  # compute_mauve's own steps, from the histograms on
//         p = np.asarray(p, float) / np.sum(p); q = np.asarray(q, float) / np.sum(q)
//         x, y = get_divergence_curve_for_multinomials(p, q, np.linspace(1e-6, 1 - 1e-6, 25), 5).T
//         i1, i2 = np.argsort(x), np.argsort(y)
//         return 0.5 * (compute_area_under_curve(x[i1], y[i1]) + compute_area_under_curve(y[i2], x[i2]))
//     print(area([2, 3, 5], [2, 3, 5]), area([3, 1, 0, 0], [0, 0, 1, 3]), area([1, 1], [9, 1]),
//           area([7, 2, 1, 0], [1, 1, 1, 1]), area([1, 2, 3, 4, 5], [5, 4, 3, 2, 1]), area([1] * 4, [1] * 4))
//     near = matrix(300, 16, lambda i, j: (4.0 if j == i % 8 else 0.0) + 0.5 * u(11, i, j))
//     same = matrix(300, 16, lambda i, j: (4.0 if j == i % 8 else 0.0) + 0.5 * u(12, i, j))
//     apart = matrix(300, 16, lambda i, j: (4.0 if j == 8 + i % 8 else 0.0) + 0.5 * u(12, i, j))
//     print(compute_mauve(p_features=near, q_features=same).mauve, compute_mauve(p_features=near, q_features=apart).mauve)
//     noiseP = matrix(700, 12, lambda i, j: u(13, i, j))
//     noiseQ = matrix(640, 12, lambda i, j: u(14, i, j) + (0.3 if j == 0 else 0.0))
//     print(compute_mauve(p_features=noiseP, q_features=noiseQ).mauve, compute_mauve(p_features=noiseP, q_features=noiseQ, seed=7).mauve)
//     print(jensenshannon([0.5, 0.5], [0.9, 0.1], base=2) ** 2, jensenshannon([1, 2, 3, 0], [0, 2, 2, 4], base=2) ** 2)

/// The fidelity measures against `prdc`, SciPy's `sqrtm`, mauve-text's own functions and hand-worked
/// values. Serialized: OpenBLAS keeps global thread state.
@Suite(.serialized) struct FidelityMeasuresTests {
    /// `u` of the Python script: a multiple of 2⁻²³ in [−1, 1), exact in `Float`.
    static func u(_ salt: Int, _ i: Int, _ j: Int) -> Double {
        let hash = StableHash.finalize(UInt64(salt * 1_000_003 + i * 1_000 + j))
        return Double(Int(hash >> 40) - (1 << 23)) / Double(1 << 23)
    }

    /// `matrix` of the Python script: each entry computed in `Double`, then rounded to `Float`.
    static func matrix(_ rows: Int, _ columns: Int, _ entry: (Int, Int) -> Double) -> Matrix {
        Matrix(
            rows: rows, columns: columns, values: (0..<rows * columns).map { Float(entry($0 / columns, $0 % columns)) })
    }

    static let real = matrix(150, 6) { i, j in u(1, i, j) }
    static let fake = matrix(120, 6) { i, j in j == 1 ? 0.5 * u(2, i, j) : u(2, i, j) + (j == 0 ? 0.5 : 0) }

    private func close(_ a: Double?, _ b: Double, _ tolerance: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    // MARK: Precision, recall, density, coverage

    /// `compute_prdc(real, fake, k)`: (k, precision, recall, density, coverage).
    static let prdcReferences: [(Int, Double, Double, Double, Double)] = [
        (5, 0.9666666666666667, 0.8333333333333334, 0.9533333333333334, 0.8533333333333334),
        (1, 0.5583333333333333, 0.34, 0.8916666666666667, 0.3333333333333333),
        (3, 0.8833333333333333, 0.68, 0.8611111111111112, 0.6466666666666666),
    ]

    @Test(arguments: prdcReferences)
    func prdcMatchesThePrdcPackage(reference: (Int, Double, Double, Double, Double)) throws {
        let result = try #require(FidelityMeasures.prdc(real: Self.real, fake: Self.fake, k: reference.0))
        // Shares of 150 and 120 rows: equal up to the last bit of the division.
        #expect(abs(result.precision - reference.1) < 1e-12)
        #expect(abs(result.recall - reference.2) < 1e-12)
        #expect(abs(result.density - reference.3) < 1e-12)
        #expect(abs(result.coverage - reference.4) < 1e-12)
    }

    @Test func prdcCountsDistanceTiesAsOutside() throws {
        // One dimension, k = 1. Real radii: r(0) = 1, r(1) = 1, r(3) = 2, r(7) = 4, r(20) = 13; fake radii:
        // r(1) = 1, r(2) = 1, r(5) = 3, r(11) = 6. Fake 5 is at exactly r(3) = 2 from real 3 and fake 11 at
        // exactly r(7) = 4 from real 7: with strict < neither counts, so every fake row lies in exactly one
        // real ball (1 in 1's, 2 in 3's, 5 in 7's, 11 in 20's): precision 1, density 4/4 = 1 (1.5 if the
        // ties counted). Recall: 1, 3, 7 lie in fake balls, 0 and 20 do not: 3/5. Coverage: every real row
        // but 0 (nearest fake at 1, not < 1): 4/5. `compute_prdc` gives the same four numbers.
        let real = Matrix(rows: 5, columns: 1, values: [0, 1, 3, 7, 20])
        let fake = Matrix(rows: 4, columns: 1, values: [1, 2, 5, 11])
        let result = try #require(FidelityMeasures.prdc(real: real, fake: fake, k: 1))
        #expect(result == FidelityMeasures.PRDC(precision: 1, recall: 0.6, density: 1, coverage: 0.8))
    }

    @Test func prdcOfASetWithItselfIsOne() throws {
        // Every fake row is a real row (distance 0 < its radius), so precision, recall and coverage are 1.
        // Real row i's ball holds itself and its k − 1 nearest others (no distance ties here), so the
        // counts sum to N·k and density = N·k/(k·N) = 1.
        let result = try #require(FidelityMeasures.prdc(real: Self.real, fake: Self.real))
        #expect(result == FidelityMeasures.PRDC(precision: 1, recall: 1, density: 1, coverage: 1))
    }

    @Test func prdcNeedsMoreThanKRowsASide() {
        #expect(FidelityMeasures.prdc(real: Self.real, fake: Self.fake.selecting(rows: Array(0..<5))) == nil)
        #expect(FidelityMeasures.prdc(real: Self.real.selecting(rows: Array(0..<5)), fake: Self.fake) == nil)
        #expect(FidelityMeasures.prdc(real: Self.real, fake: Self.fake.selecting(rows: Array(0..<6))) != nil)
    }

    @Test func prdcIsTheSameWithMoreTilesThanOne() throws {
        // 1,100 × 1,030 rows cross the 1,024-row tiles; the reference is the same pair cut into pieces
        // below the tile size: the per-row results do not depend on the tiling.
        let real = Self.matrix(1_100, 6) { i, j in Self.u(13, i, j) }
        let fake = Self.matrix(1_030, 6) { i, j in Self.u(14, i, j) + (j == 0 ? 0.25 : 0) }
        let tiled = try #require(FidelityMeasures.prdc(real: real, fake: fake))
        let pair = FidelityMeasures.CentredPair(real, fake)
        let realRadii = FidelityMeasures.kthNeighborSquaredDistances(pair.real, k: 5, slack: pair.slack)
        let fakeRadii = FidelityMeasures.kthNeighborSquaredDistances(pair.fake, k: 5, slack: pair.slack)
        let small = FidelityMeasures.crossComparisons(pair, realRadii: realRadii, fakeRadii: fakeRadii, tileRows: 97)
        #expect(Double(small.insideCounts.count { $0 > 0 }) / 1_030 == tiled.precision)
        #expect(Double(small.recalled.count { $0 }) / 1_100 == tiled.recall)
        #expect(Double(small.covered.count { $0 }) / 1_100 == tiled.coverage)
        #expect(Double(small.insideCounts.reduce(0) { $0 + Int($1) }) / (5 * 1_030) == tiled.density)
    }

    // MARK: Fréchet distance

    @Test func frechetMatchesScipySqrtm() throws {
        let p = Self.matrix(300, 8) { i, j in Self.u(3, i, j) + 0.5 * Self.u(3, i, (j + 1) % 8) + 0.1 * Double(j) }
        let q = Self.matrix(250, 8) { i, j in 1.3 * Self.u(5, i, j) + 0.2 + (j == 2 ? 0.6 * Self.u(5, i, 0) : 0) }
        // `Float` covariances: to about 10⁻⁶ of Tr Σ_P + Tr Σ_Q = 7.92 (measured: 8·10⁻⁷ off).
        #expect(close(FidelityMeasures.frechet(p, q), 1.1810516494718133, 5e-6))
        #expect(close(FidelityMeasures.frechet(q, p), 1.1810516494718133, 5e-6))
    }

    @Test func frechetShrinksASideWithFewerRowsThanDimensions() throws {
        let small = Self.matrix(6, 10) { i, j in Self.u(7, i, j) + 0.05 * Double(j) }
        let large = Self.matrix(40, 10) { i, j in 0.8 * Self.u(8, i, j) }
        let other = Self.matrix(9, 10) { i, j in 0.8 * Self.u(8, i, j) + 0.3 }
        // scikit-learn's Ledoit–Wolf shrinkage of `small` is 0.8613 and of `other` 0.5803; without it the
        // distances would be 2.849 and 2.936.
        #expect(close(FidelityMeasures.frechet(small, large), 1.4060942774560719, 5e-6))
        #expect(close(FidelityMeasures.frechet(small, other), 1.6008462348208257, 5e-6))
    }

    @Test func frechetByHand() throws {
        // {0, 2} and {1, 3}: |μ_P − μ_Q|² = 1, Σ_P = Σ_Q = 2 (N − 1), Tr (Σ_P Σ_Q)^{1/2} = 2: 1 + 2 + 2 − 4.
        let p = Matrix(rows: 2, columns: 1, values: [0, 2])
        let q = Matrix(rows: 2, columns: 1, values: [1, 3])
        #expect(close(FidelityMeasures.frechet(p, q), 1, 1e-6))
        // A set against itself: 0 up to `Float` rounding of Σ.
        #expect(close(FidelityMeasures.frechet(Self.real, Self.real), 0, 1e-5))
        // A translation by t adds |t|² only: here t = (0.5, 0, …) on the first coordinate of `real`.
        var shifted = Self.real
        for i in 0..<shifted.rows { shifted[i, 0] += 0.5 }
        #expect(close(FidelityMeasures.frechet(Self.real, shifted), 0.25, 1e-5))
        #expect(FidelityMeasures.frechet(p.selecting(rows: [0]), q) == nil)
    }

    // MARK: MAUVE

    /// mauve-text's area for (p, q), from its own `get_divergence_curve_for_multinomials` and
    /// `compute_area_under_curve`.
    static let mauveReferences: [([Double], [Double], Double)] = [
        ([2, 3, 5], [2, 3, 5], 1.0),
        ([3, 1, 0, 0], [0, 0, 1, 3], 0.004072096261961256),
        ([1, 1], [9, 1], 0.6710958126174331),
        ([7, 2, 1, 0], [1, 1, 1, 1], 0.4387526187085258),
        ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], 0.5999035464100215),
    ]

    @Test(arguments: mauveReferences)
    func mauveAreaMatchesMauveText(reference: ([Double], [Double], Double)) {
        let area = FidelityMeasures.mauve(histogramP: reference.0, histogramQ: reference.1)
        #expect(abs(area - reference.2) < 1e-12)
        // Swapping the sides swaps the coordinates, and the score averages both orientations.
        #expect(abs(FidelityMeasures.mauve(histogramP: reference.1, histogramQ: reference.0) - area) < 1e-12)
    }

    @Test func mauveAreaOfEqualHistogramsIsOneEvenWhenEveryPointTies() {
        // p = q uniform: every point of the curve is exactly (1, 1) or an extreme. mauve-text's unstable
        // argsort returns 0.75 here; ordering ties along the curve gives the exact area, 1.
        #expect(FidelityMeasures.mauve(histogramP: [1, 1, 1, 1], histogramQ: [1, 1, 1, 1]) == 1)
        #expect(FidelityMeasures.mauve(histogramP: [5], histogramQ: [2]) == 1)
    }

    @Test func mauveAreaOfDisjointHistogramsDependsOnlyOnTheMixtureWeights() {
        // With disjoint supports KL(q‖R) = −log(1 − λ) and KL(p‖R) = −log λ, so the interior points are
        // ((1 − λ)⁵, λ⁵) whatever the histograms: the trapezoid area of those 25 points and the extremes.
        let weights = (0..<25).map { 1e-6 + Double($0) * (1 - 2e-6) / 24 }
        var points = [(0.0, 1.0)] + weights.reversed().map { (pow(1 - $0, 5), pow($0, 5)) } + [(1.0, 0.0)]
        points.sort { $0.0 < $1.0 }
        var area = 0.0
        for i in 1..<points.count { area += (points[i].0 - points[i - 1].0) * (points[i].1 + points[i - 1].1) / 2 }
        #expect(abs(FidelityMeasures.mauve(histogramP: [0, 4, 0, 9], histogramQ: [3, 0, 1, 0]) - area) < 1e-12)
        #expect(abs(area - 0.004072096261961256) < 1e-12)
    }

    /// 300 rows around the unit points 4·e_c, c = first + i mod 8, in 16 dimensions, plus noise of ±0.5.
    static func clusters(salt: Int, first: Int) -> Matrix {
        matrix(300, 16) { i, j in (j == first + i % 8 ? 4 : 0) + 0.5 * u(salt, i, j) }
    }

    @Test func mauveSeparatesIdenticalFromDisjointDistributions() throws {
        let near = Self.clusters(salt: 11, first: 0)
        let same = Self.clusters(salt: 12, first: 0)
        let apart = Self.clusters(salt: 12, first: 8)
        // mauve-text (faiss k-means, its default seed 25) on the same matrices.
        let identical = try #require(FidelityMeasures.mauve(near, same, seed: 25))
        let disjoint = try #require(FidelityMeasures.mauve(near, apart, seed: 25))
        #expect(abs(identical - 0.9764030551132251) < 1e-9)
        #expect(abs(disjoint - 0.004072096261961256) < 1e-9)
        #expect(FidelityMeasures.mauve(near, same, seed: 25) == identical)
        #expect(FidelityMeasures.mauve(near.selecting(rows: [0]), same, seed: 25) == nil)
    }

    @Test(arguments: [(UInt64(25), 0.926864430667956), (7, 0.9406374962791946)])
    func mauveOfUnclusteredNoiseIsMauveTexts(seed: UInt64, expected: Double) throws {
        // No cluster structure: 1,340 rows in 12 dimensions, k = 64. Only the same starting rows (faiss's
        // rand_perm from std::mt19937), centre updates and splits reach mauve-text's histograms.
        let p = Self.matrix(700, 12) { i, j in Self.u(13, i, j) }
        let q = Self.matrix(640, 12) { i, j in Self.u(14, i, j) + (j == 0 ? 0.3 : 0) }
        let value = try #require(FidelityMeasures.mauve(p, q, seed: seed))
        #expect(abs(value - expected) < 1e-9)
    }

    @Test func mauveClusterCountRoundsHalfToEvenAsPython() {
        #expect(FidelityMeasures.mauveClusterCount(25, 100) == 2)  // round(2.5) = 2
        #expect(FidelityMeasures.mauveClusterCount(35, 40) == 4)  // round(3.5) = 4
        #expect(FidelityMeasures.mauveClusterCount(4, 4) == 2)  // max(2, 0)
        #expect(FidelityMeasures.mauveClusterCount(10_000, 12_000) == 1_000)
    }

    // MARK: The two-sample test

    @Test func twoSampleTestCannotTellTwoHalvesOfOneDistributionApart() throws {
        let original = Self.matrix(400, 8) { i, j in Self.u(21, i, j) }
        let synthetic = Self.matrix(400, 8) { i, j in Self.u(22, i, j) }
        let test = try #require(FidelityMeasures.classifierTwoSample(original: original, synthetic: synthetic, seed: 3))
        #expect(abs(test.auc - 0.5) < 0.1)
    }

    @Test func twoSampleTestTellsSeparatedSetsApart() throws {
        let original = Self.matrix(400, 8) { i, j in Self.u(21, i, j) }
        let synthetic = Self.matrix(301, 8) { i, j in Self.u(22, i, j) + (j == 0 ? 2 : 0) }
        let test = try #require(FidelityMeasures.classifierTwoSample(original: original, synthetic: synthetic, seed: 3))
        #expect(test.auc > 0.99)
        // Held out: ⌈400/2⌉ = 200 original rows, then ⌈301/2⌉ = 151 synthetic ones, each ascending.
        let originalRows = test.heldOut.filter { $0.side == 0 }.map(\.row)
        let syntheticRows = test.heldOut.filter { $0.side == 1 }.map(\.row)
        #expect(originalRows.count == 200 && syntheticRows.count == 151)
        #expect(test.heldOut.map(\.side) == [Int](repeating: 0, count: 200) + [Int](repeating: 1, count: 151))
        #expect(originalRows == originalRows.sorted() && Set(originalRows).count == 200)
        #expect(syntheticRows == syntheticRows.sorted() && Set(syntheticRows).count == 151)
        #expect(test.heldOut.allSatisfy { $0.score >= 0 && $0.score <= 1 })
        #expect(
            test.auc
                == Divergences.rocAUC(
                    scores: test.heldOut.map(\.score), positives: test.heldOut.map { $0.side == 1 }))
        #expect(FidelityMeasures.classifierTwoSample(original: original, synthetic: synthetic, seed: 3) == test)
        #expect(
            FidelityMeasures.classifierTwoSample(original: original, synthetic: synthetic, seed: 4)?.heldOut
                != test.heldOut)
        #expect(
            FidelityMeasures.classifierTwoSample(original: original.selecting(rows: [0]), synthetic: synthetic, seed: 3)
                == nil)
    }
}
