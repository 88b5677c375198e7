import Foundation
import Testing

@testable import AssayMetrics

/// The shared distances, divergences and tests against SciPy, scikit-learn and hand-worked values.
@Suite struct DivergencesTests {
    // MARK: Category distributions

    @Test func totalVariationByHand() {
        #expect(Divergences.totalVariation([1, 0], [0, 1]) == 1)
        #expect(close(Divergences.totalVariation([0.5, 0.5], [0.9, 0.1]), 0.4, tolerance: 1e-15))
        // Counts are normalised first: [2, 2] is [0.5, 0.5] and [9, 1] is [0.9, 0.1].
        #expect(close(Divergences.totalVariation([2, 2], [9, 1]), 0.4, tolerance: 1e-15))
        #expect(Divergences.totalVariation([3, 1], [6, 2]) == 0)
    }

    @Test func jensenShannonInBitsByHand() {
        #expect(Divergences.jensenShannon([1, 0], [0, 1]) == 1)
        #expect(Divergences.jensenShannon([3, 1], [6, 2]) == 0)
        // m = (0.7, 0.3): ½·[½·log₂(0.5/0.7) + ½·log₂(0.5/0.3)] + ½·[0.9·log₂(0.9/0.7) + 0.1·log₂(0.1/0.3)]
        // = ½·[½·log₂(25/21)] + ½·[0.9·log₂(9/7) − 0.1·log₂ 3]; SciPy: jensenshannon(…, base=2)² = 0.146793….
        let byHand = 0.25 * log2(25.0 / 21) + 0.5 * (0.9 * log2(9.0 / 7) - 0.1 * log2(3.0))
        #expect(abs(byHand - 0.14679310243605215) < 1e-15)
        #expect(close(Divergences.jensenShannon([0.5, 0.5], [0.9, 0.1]), 0.14679310243605215, tolerance: 1e-15))
        #expect(close(Divergences.jensenShannon([2, 2], [9, 1]), 0.14679310243605215, tolerance: 1e-15))
        #expect(close(Divergences.jensenShannon([1, 2, 3, 0], [0, 2, 2, 4]), 0.3682808558862431, tolerance: 1e-15))
    }

    /// `scipy.stats.chi2.sf(x, k)` (SciPy 1.16).
    @Test(arguments: [
        (3.841458820694124, 1, 0.04999999999999989), (10, 4, 0.04042768199451279), (0.5, 3, 0.9188914116546758),
        (50, 10, 2.669083424904495e-07), (1e-3, 2, 0.9995001249791693), (200, 5, 2.8406228986415534e-41),
    ])
    func chiSquareSurvivalMatchesSciPy(statistic: Double, degrees: Int, expected: Double) {
        let p = Divergences.upperRegularizedGamma(Double(degrees) / 2, statistic / 2)
        #expect(abs(p - expected) <= 1e-10 * max(expected, 1e-30) + 1e-15, "\(p) vs \(expected)")
    }

    /// `scipy.stats.chi2_contingency([[30, 10, 5], [20, 20, 15]], correction=False)`:
    /// statistic 9.427609427609427, 2 degrees of freedom, p 0.0089705820741722.
    @Test func chiSquareHomogeneityMatchesSciPy() throws {
        let result = try #require(Divergences.chiSquare([30, 10, 5], [20, 20, 15]))
        #expect(abs(result.statistic - 9.427609427609427) < 1e-12)
        #expect(result.degrees == 2)
        #expect(abs(result.pValue - 0.0089705820741722) < 1e-12)
        // A category empty on both sides is dropped; one category left is no test.
        #expect(Divergences.chiSquare([30, 0, 10], [20, 0, 20])?.degrees == 1)
        #expect(Divergences.chiSquare([3, 0], [4, 0]) == nil)
    }

    // MARK: Samples of a number

    // {1, 2, 3} vs {2, 3, 4}: the distribution functions differ by 1/3 on [1, 4), so KS = 1/3 and
    // W1 = 3 · 1/3 = 1.
    @Test func distancesOfShiftedSamples() {
        #expect(close(Divergences.kolmogorovSmirnov([1, 2, 3], [2, 3, 4]), 1.0 / 3))
        #expect(close(Divergences.wasserstein([1, 2, 3], [2, 3, 4]), 1))
        #expect(Divergences.kolmogorovSmirnov([1, 2], [2, 1]) == 0)
        #expect(Divergences.wasserstein([1, 2], [2, 1]) == 0)
        #expect(Divergences.kolmogorovSmirnov([], [1]) == nil)
        #expect(Divergences.wasserstein([1], []) == nil)
    }

    // {0, 1, 1, 2} vs {1, 3}, with ties: F_a = 1/4, 3/4, 1, 1 and F_b = 0, 1/2, 1/2, 1 at 0, 1, 2, 3:
    // KS = max(1/4, 1/4, 1/2, 0) = 1/2; W1 = 1/4·1 + 1/4·1 + 1/2·1 = 1 (scipy: 0.5 and 1.0).
    @Test func distancesWithTiesAndUnequalSizes() {
        #expect(close(Divergences.kolmogorovSmirnov([0, 1, 1, 2], [1, 3]), 0.5))
        #expect(close(Divergences.wasserstein([0, 1, 1, 2], [1, 3]), 1))
        // scipy.stats.ks_2samp(a, b).statistic and scipy.stats.wasserstein_distance(a, b).
        let a = [0.35, 0.82, 0.33, -1.3, 0.91, 0.45, -0.54]
        let b = [1.66, 1.23, 1.09, 0.56, 1.59]
        #expect(close(Divergences.kolmogorovSmirnov(a, b), 0.8))
        #expect(close(Divergences.wasserstein(a, b), 1.080_285_714_285_714_3, tolerance: 1e-12))
    }

    // MARK: Scores

    @Test func rocAUCCountsTiesAsHalf() {
        // Positives 0.4 and 0.8 against negatives 0.1, 0.35, 0.4: 0.4 beats two and ties one (2.5 pairs),
        // 0.8 beats three: 5.5 of 6 pairs.
        #expect(
            close(
                Divergences.rocAUC(
                    scores: [0.1, 0.4, 0.35, 0.8, 0.4], positives: [false, true, false, true, false]),
                5.5 / 6, tolerance: 1e-15))
        // scikit-learn's documented example: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75.
        #expect(
            close(
                Divergences.rocAUC(scores: [0.1, 0.4, 0.35, 0.8], positives: [false, false, true, true]), 0.75,
                tolerance: 1e-15))
        #expect(Divergences.rocAUC(scores: [1, 1, 1], positives: [true, false, false]) == 0.5)
        #expect(Divergences.rocAUC(scores: [2, 1], positives: [true, false]) == 1)
        #expect(Divergences.rocAUC(scores: [2, 1], positives: [false, true]) == 0)
        #expect(Divergences.rocAUC(scores: [0.3, 0.7], positives: [true, true]) == nil)
    }
}
