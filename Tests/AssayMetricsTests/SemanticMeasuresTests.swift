import AssayCore
import AssayLinalg
import Foundation
import Testing

@testable import AssayMetrics

/// The semantic measures against their O(N²) and O(N³) definitions, computed here with plain loops,
/// and against values worked out by hand. Serialized: OpenBLAS keeps global thread state.
@Suite(.serialized) struct SemanticMeasuresTests {
    private func agrees(_ a: Double?, _ b: Double?, tolerance: Double = 1e-5) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance
    }

    /// N rows around three class centres, labelled 0, 1, 2, scaled to unit length — or, when
    /// `unit` is false, left 0–2% off unit length.
    private func randomSet(rows: Int, dimension: Int, seed: UInt64, unit: Bool = true) -> (Matrix, [Int32]) {
        var random = SeededRandom(seed: seed, stream: "semantic-measures-tests")
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) * 2 - 1 }
        var labels: [Int32] = []
        var values: [Float] = []
        for _ in 0..<rows {
            let label = random.below(3)
            labels.append(Int32(label))
            for j in 0..<dimension { values.append(Float(uniform() + (j == label ? 1.5 : 0))) }
        }
        var matrix = Matrix(rows: rows, columns: dimension, values: values).rowNormalized
        if !unit {
            for i in 0..<rows {
                for j in 0..<dimension { matrix[i, j] *= Float(1 + 0.01 * Double(i % 3)) }
            }
        }
        return (matrix, labels)
    }

    private func dot(_ x: Matrix, _ i: Int, _ j: Int) -> Double {
        (0..<x.columns).reduce(0) { $0 + Double(x[i, $1]) * Double(x[j, $1]) }
    }

    /// The mean of e_i·e_j over ordered pairs i ≠ j that `include` admits; nil when there are none.
    private func meanSimilarity(_ x: Matrix, where include: (Int, Int) -> Bool) -> Double? {
        var total = 0.0
        var pairs = 0
        for i in 0..<x.rows {
            for j in 0..<x.rows where i != j && include(i, j) {
                total += dot(x, i, j)
                pairs += 1
            }
        }
        return pairs > 0 ? total / Double(pairs) : nil
    }

    /// mean_i |e_i − centroid| over `rows`.
    private func meanDistanceToCentroid(_ x: Matrix, rows: [Int]) -> Double {
        let centroid = (0..<x.columns).map { j in rows.reduce(0) { $0 + Double(x[$1, j]) } / Double(rows.count) }
        var total = 0.0
        for i in rows {
            var squared = 0.0
            for j in 0..<x.columns { squared += (Double(x[i, j]) - centroid[j]) * (Double(x[i, j]) - centroid[j]) }
            total += squared.squareRoot()
        }
        return total / Double(rows.count)
    }

    /// exp(−Σ λ log λ) over the eigenvalues of the N×N kernel K/N, K_ij = e_i·e_j: the O(N³) route.
    private func vendiByKernel(_ x: Matrix) throws -> Double {
        let n = x.rows
        var kernel = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { kernel[i, j] = Float(dot(x, i, j) / Double(n)) }
        }
        let eigen = try #require(SymmetricEigen(kernel))
        var entropy = 0.0
        for value in eigen.values where Double(value) > 1e-12 { entropy -= Double(value) * log(Double(value)) }
        return exp(entropy)
    }

    // MARK: Against the O(N²) definitions

    @Test(arguments: [(UInt64(1), true), (2, true), (3, true), (4, false), (5, false)])
    func pairwiseMeasuresEqualTheirQuadraticDefinitions(seed: UInt64, unit: Bool) throws {
        let (x, labels) = randomSet(rows: 40, dimension: 6, seed: seed, unit: unit)
        let measures = SemanticMeasures(embeddings: x, labels: labels, classCount: 3)
        let n = Double(x.rows)

        #expect(agrees(measures.averagePairwiseSimilarity(), meanSimilarity(x) { _, _ in true }))
        #expect(agrees(measures.intraClassAPS(), meanSimilarity(x) { labels[$0] == labels[$1] }))
        #expect(agrees(measures.interClassAPS(), meanSimilarity(x) { labels[$0] != labels[$1] }))
        let classAPS = measures.classAPS()
        for k in 0..<3 {
            #expect(agrees(classAPS[k], meanSimilarity(x) { labels[$0] == Int32(k) && labels[$1] == Int32(k) }))
        }
        let rowMeans = measures.rowMeanSimilarities()
        for i in 0..<x.rows {
            let expected = (0..<x.rows).filter { $0 != i }.reduce(0) { $0 + dot(x, i, $1) } / (n - 1)
            #expect(agrees(rowMeans[i], expected))
        }

        var clique = 0.0
        for i in 0..<x.rows {
            for j in 0..<x.rows { clique += 1 - dot(x, i, j) }
        }
        #expect(agrees(measures.remoteClique(), clique / (n * n)))
        let classRemoteClique = measures.classRemoteClique()
        for k in 0..<3 {
            let rows = (0..<x.rows).filter { labels[$0] == Int32(k) }
            var sum = 0.0
            for i in rows {
                for j in rows { sum += 1 - dot(x, i, j) }
            }
            #expect(agrees(classRemoteClique[k], sum / Double(rows.count * rows.count)))
        }

        var chamfer = 0.0
        for i in 0..<x.rows {
            chamfer += (0..<x.rows).filter { $0 != i }.map { 1 - dot(x, i, $0) }.min() ?? 0
        }
        let neighbors = NearestNeighbors(queries: x, base: x, k: 3, excludeSelf: true)
        #expect(agrees(measures.chamfer(neighbors: neighbors), chamfer / n))

        #expect(agrees(measures.dispersion(), meanDistanceToCentroid(x, rows: Array(0..<x.rows))))
        let classDispersion = measures.classDispersion()
        for k in 0..<3 {
            let rows = (0..<x.rows).filter { labels[$0] == Int32(k) }
            #expect(agrees(classDispersion[k], meanDistanceToCentroid(x, rows: rows)))
        }
    }

    @Test func aRestrictedSetIsMeasuredOnItsOwnRows() {
        let (x, labels) = randomSet(rows: 30, dimension: 5, seed: 9)
        let measures = SemanticMeasures(embeddings: x, labels: labels, classCount: 3)
        let rows = measures.classRows()
        #expect(rows.map(\.count).reduce(0, +) == 30)
        for k in 0..<3 {
            let subset = measures.restricted(to: rows[k])
            #expect(subset.rowCount == rows[k].count)
            #expect(agrees(subset.averagePairwiseSimilarity(), measures.classAPS()[k]))
            #expect(agrees(subset.remoteClique(), measures.classRemoteClique()[k]))
            #expect(agrees(subset.dispersion(), measures.classDispersion()[k]))
            #expect(subset.interClassAPS() == nil)
        }
    }

    // MARK: Vendi score

    @Test(arguments: [UInt64(1), 2, 3])
    func vendiThroughTheDualEqualsTheEntropyOfTheKernel(seed: UInt64) throws {
        let (x, labels) = randomSet(rows: 40, dimension: 6, seed: seed)
        let measures = SemanticMeasures(embeddings: x, labels: labels, classCount: 3)
        let vendi = try #require(measures.vendi())
        let expected = try vendiByKernel(x)
        #expect(abs(vendi.score - expected) <= 1e-5 * expected)
        #expect(abs(vendi.normalized - expected / 40) <= 1e-5 * expected / 40)
        #expect(vendi.score >= 1 - 1e-5 && vendi.score <= 6 + 1e-5)
        let classVendi = measures.classVendi()
        for (k, rows) in measures.classRows().enumerated() {
            let score = try #require(classVendi[k]).score
            let expectedClass = try vendiByKernel(x.selecting(rows: rows))
            #expect(abs(score - expectedClass) <= 1e-5 * expectedClass)
        }
    }

    @Test func vendiWithFewerRowsThanDimensionsUsesTheKernel() throws {
        let (x, _) = randomSet(rows: 5, dimension: 12, seed: 7)
        let score = try #require(SemanticMeasures(embeddings: x).vendi()).score
        let expected = try vendiByKernel(x)
        #expect(abs(score - expected) <= 1e-5 * expected)
    }

    @Test func vendiOfIdenticalRowsIsOneAndOfOrthogonalRowsIsN() throws {
        // Seven copies of one unit row (dual route, N ≥ d): K/N has the single eigenvalue 1.
        let row: [Float] = [0.6, 0, 0.8, 0]
        let identical = try #require(
            SemanticMeasures(embeddings: Matrix(rowVectors: Array(repeating: row, count: 7))).vendi())
        #expect(abs(identical.score - 1) <= 1e-5)
        #expect(abs(identical.normalized - 1.0 / 7) <= 1e-5)
        // Three orthogonal unit rows in dimension 5 (kernel route, N < d): K/N = I/3, VS = 3.
        let orthogonal = Matrix(rowVectors: [[1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 0, 1]])
        let three = try #require(SemanticMeasures(embeddings: orthogonal).vendi())
        #expect(abs(three.score - 3) <= 1e-5)
        #expect(abs(three.normalized - 1) <= 1e-5)
        // Four orthogonal unit rows filling dimension 4 (dual route, N = d): VS = 4.
        let basis = Matrix(rowVectors: [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, -1], [0, 0, 1, 0]])
        #expect(abs((SemanticMeasures(embeddings: basis).vendi()?.score ?? 0) - 4) <= 1e-5)
    }

    /// Every unordered pair once, across tile edges, equal to the plain double loop; their mean is APS.
    @Test(arguments: [1, 2, 3, 7, 512])
    func pairSimilaritiesVisitEveryPairOnceWhateverTheTile(tileRows: Int) {
        let (x, _) = randomSet(rows: 7, dimension: 5, seed: 4)
        var visited: [Double] = []
        SemanticMeasures(embeddings: x).forEachPairSimilarity(tileRows: tileRows) { visited.append(Double($0)) }
        var expected: [Double] = []
        for i in 0..<7 {
            for j in (i + 1)..<7 { expected.append(dot(x, i, j)) }
        }
        #expect(visited.count == 21)
        #expect(zip(visited.sorted(), expected.sorted()).allSatisfy { abs($0 - $1) <= 1e-5 })
        let mean = visited.reduce(0, +) / Double(visited.count)
        #expect(agrees(mean, SemanticMeasures(embeddings: x).averagePairwiseSimilarity()))
    }

    // MARK: By hand

    // (1,0), (0,1): the one pair has similarity 0 → APS 0; remote-clique 1 − |(1,1)|²/4 = 0.5;
    // each row's nearest other row is at distance 1; centroid (½,½) at √½ from both; K/N = I/2 → VS 2.
    @Test func twoOrthogonalRows() throws {
        let x = Matrix(rowVectors: [[1, 0], [0, 1]])
        let measures = SemanticMeasures(embeddings: x)
        #expect(agrees(measures.averagePairwiseSimilarity(), 0))
        #expect(agrees(measures.remoteClique(), 0.5))
        #expect(agrees(measures.chamfer(neighbors: NearestNeighbors(queries: x, base: x, k: 1, excludeSelf: true)), 1))
        #expect(agrees(measures.dispersion(), 0.5.squareRoot()))
        #expect(agrees(try #require(measures.vendi()).score, 2))
        #expect(measures.intraClassAPS() == nil && measures.interClassAPS() == nil)
        #expect(measures.classAPS().isEmpty && measures.classRows().isEmpty)
    }

    // (1,0), (1,0), (0,1) labelled 0, 0, 1: the same-label pair is identical → intra 1; every
    // cross-label pair is orthogonal → inter 0; APS = 2 of 6 ordered pairs at 1 = 1/3;
    // remote-clique 1 − |(2,1)|²/9 = 4/9; chamfer (0 + 0 + 1)/3; class 0 has no spread.
    @Test func aDuplicatedPairAndAnOrthogonalRow() throws {
        let x = Matrix(rowVectors: [[1, 0], [1, 0], [0, 1]])
        let measures = SemanticMeasures(embeddings: x, labels: [0, 0, 1])
        #expect(measures.classCount == 2)
        #expect(agrees(measures.intraClassAPS(), 1))
        #expect(agrees(measures.interClassAPS(), 0))
        #expect(agrees(measures.averagePairwiseSimilarity(), 1.0 / 3))
        #expect(agrees(measures.remoteClique(), 4.0 / 9))
        let neighbors = NearestNeighbors(queries: x, base: x, k: 2, excludeSelf: true)
        #expect(agrees(measures.chamfer(neighbors: neighbors), 1.0 / 3))
        #expect(measures.chamferDistances(neighbors: neighbors).map { ($0 * 1e6).rounded() / 1e6 } == [0, 0, 1])
        let classAPS = measures.classAPS()
        #expect(agrees(classAPS[0], 1) && classAPS[1] == nil)
        let dispersion = measures.classDispersion()
        #expect(agrees(dispersion[0], 0) && agrees(dispersion[1], 0))
        #expect(agrees(measures.classRemoteClique()[0], 0) && agrees(measures.classRemoteClique()[1], 0))
        // K/N has eigenvalues 2/3 and 1/3.
        let entropy = -(2.0 / 3) * log(2.0 / 3) - (1.0 / 3) * log(1.0 / 3)
        #expect(agrees(try #require(measures.vendi()).score, exp(entropy)))
    }

    // Unlabelled rows (id −1) are left out of the class measures: of (1,0) ⟨0⟩, (1,0) ⟨−1⟩,
    // (0,1) ⟨1⟩, (0,1) ⟨1⟩ the labelled pairs give intra 1 (the two (0,1)) and inter 0.
    @Test func unlabelledRowsAreLeftOutOfTheClassMeasures() {
        let x = Matrix(rowVectors: [[1, 0], [1, 0], [0, 1], [0, 1]])
        let measures = SemanticMeasures(embeddings: x, labels: [0, -1, 1, 1])
        #expect(measures.classRows() == [[0], [2, 3]])
        #expect(agrees(measures.intraClassAPS(), 1))
        #expect(agrees(measures.interClassAPS(), 0))
        #expect(agrees(measures.averagePairwiseSimilarity(), 4.0 / 12))
    }

    @Test func measuresWithoutEnoughRowsOrClassesAreUndefined() {
        let one = Matrix(rowVectors: [[0, 1]])
        let single = SemanticMeasures(embeddings: one, labels: [0])
        #expect(single.averagePairwiseSimilarity() == nil)
        #expect(single.rowMeanSimilarities().isEmpty)
        #expect(single.chamfer(neighbors: NearestNeighbors(queries: one, base: one, k: 1, excludeSelf: true)) == nil)
        #expect(agrees(single.remoteClique(), 0))
        #expect(agrees(single.dispersion(), 0))
        #expect(agrees(single.vendi()?.score, 1))
        // Every class a singleton: no same-label pair. One class only: no cross-label pair.
        let x = Matrix(rowVectors: [[1, 0], [0, 1]])
        #expect(SemanticMeasures(embeddings: x, labels: [0, 1]).intraClassAPS() == nil)
        #expect(SemanticMeasures(embeddings: x, labels: [0, 0]).interClassAPS() == nil)
        let empty = SemanticMeasures(embeddings: Matrix(rows: 0, columns: 3))
        #expect(empty.remoteClique() == nil && empty.dispersion() == nil && empty.vendi() == nil)
    }
}
