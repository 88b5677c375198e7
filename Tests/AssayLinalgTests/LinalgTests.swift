import AssayCore
import Foundation
import Testing

@testable import AssayLinalg

/// Products, eigen-decomposition, neighbours, k-means and PCA against values worked out by hand.
/// Serialized: OpenBLAS keeps global thread state.
@Suite(.serialized) struct LinalgTests {
    private func close(_ a: Float, _ b: Float, _ tolerance: Float = 1e-5) -> Bool { abs(a - b) <= tolerance }

    // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]; A·Bᵀ = [[17,23],[39,53]]; Aᵀ·B = [[26,30],[38,44]].
    @Test func productsFollowTheTransposeFlags() {
        let a = Matrix(rowVectors: [[1, 2], [3, 4]])
        let b = Matrix(rowVectors: [[5, 6], [7, 8]])
        #expect(Matrix.product(a, b).values == [19, 22, 43, 50])
        #expect(Matrix.product(a, b, transposeB: true).values == [17, 23, 39, 53])
        #expect(Matrix.product(a, b, transposeA: true).values == [26, 30, 38, 44])
        #expect(Matrix.product(a, b, alpha: 2).values == [38, 44, 86, 100])
        // 2×3 · 3×1: [1·1 + 0·2 + 2·3, 0·1 + 1·2 + 1·3] = [7, 5].
        let c = Matrix(rowVectors: [[1, 0, 2], [0, 1, 1]])
        let d = Matrix(rowVectors: [[1], [2], [3]])
        #expect(Matrix.product(c, d) == Matrix(rows: 2, columns: 1, values: [7, 5]))
        // The same as a matrix–vector product, and −2× it; `multiply(into:)` reshapes a wrong-sized buffer.
        #expect(c.times([1, 2, 3]) == [7, 5])
        #expect(c.times([1, 2, 3], alpha: -2) == [-14, -10])
        #expect(Matrix(rows: 0, columns: 3).times([1, 2, 3]) == [])
        var buffer = Matrix(rows: 5, columns: 5, repeating: 9)
        Matrix.multiply(a, b, into: &buffer)
        #expect(buffer == Matrix(rows: 2, columns: 2, values: [19, 22, 43, 50]))
        Matrix.multiply(a, b, transposeB: true, into: &buffer)
        #expect(buffer.values == [17, 23, 39, 53])
    }

    // XᵀX for X = [[1,2],[3,4],[5,6]]: [[1+9+25, 2+12+30], [44, 4+16+36]] = [[35,44],[44,56]].
    @Test func gramIsTheFullSymmetricProduct() {
        let x = Matrix(rowVectors: [[1, 2], [3, 4], [5, 6]])
        #expect(x.gram().values == [35, 44, 44, 56])
        #expect(x.transposed.values == [1, 3, 5, 2, 4, 6])
        #expect(x.columnMeans == [3, 4])
    }

    // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
    @Test func eigenDecompositionOfASymmetricMatrix() throws {
        let eigen = try #require(SymmetricEigen(Matrix(rowVectors: [[2, 1], [1, 2]])))
        #expect(close(eigen.values[0], 1) && close(eigen.values[1], 3))
        let half = Float(0.5).squareRoot()
        #expect(close(abs(eigen.vectors[0, 0] * half - eigen.vectors[0, 1] * half), 1))
        #expect(close(abs(eigen.vectors[1, 0] * half + eigen.vectors[1, 1] * half), 1))
        // diag(3, 1, 2): eigenvalues ascending 1, 2, 3 on the axes e2, e3, e1.
        let diagonal = try #require(SymmetricEigen(Matrix(rowVectors: [[3, 0, 0], [0, 1, 0], [0, 0, 2]])))
        #expect(diagonal.values.enumerated().allSatisfy { close($1, [1, 2, 3][$0]) })
        #expect(close(abs(diagonal.vectors[0, 1]), 1) && close(abs(diagonal.vectors[1, 2]), 1))
        #expect(close(abs(diagonal.vectors[2, 0]), 1))
    }

    // Base (1,0) (0,1) (−1,0) (0.6,0.8). Within the set, k = 2:
    // row 0: (0.6,0.8)·(1,0) = 0.6, then (0,1) = 0 → [3, 1];
    // row 1: 0.8 from row 3, then rows 0 and 2 tie at 0 → the lower index, 0.
    @Test func neighboursWithinASetSkipSelfAndBreakTiesByIndex() {
        let base = Matrix(rowVectors: [[1, 0], [0, 1], [-1, 0], [0.6, 0.8]])
        let within = NearestNeighbors(queries: base, base: base, k: 2, excludeSelf: true, tileRows: 3)
        #expect(within.neighbors(of: 0).map(\.index) == [3, 1])
        #expect(within.neighbors(of: 1).map(\.index) == [3, 0])
        #expect(close(within.neighbors(of: 1)[0].similarity, 0.8))
        // Across sets: the query (1,0) against the base, k = 5 > 4 rows → four neighbours.
        let across = NearestNeighbors(queries: Matrix(rowVectors: [[1, 0]]), base: base, k: 5)
        #expect(across.neighbors(of: 0).map(\.index) == [0, 3, 1, 2])
        #expect(across.indices.last == -1)
    }

    // Tiled and untiled searches agree with a brute-force reference written here with plain loops.
    @Test(arguments: [1, 7, 64, 1024])
    func tiledNeighboursMatchBruteForce(tileRows: Int) {
        var random = SeededRandom(seed: 5, stream: "linalg-test")
        let data = Matrix(
            rows: 150, columns: 8,
            values: (0..<1200).map { _ in Float(random.below(2001)) / 1000 - 1 }
        ).rowNormalized
        let k = 5
        let found = NearestNeighbors(queries: data, base: data, k: k, excludeSelf: true, tileRows: tileRows)
        for q in 0..<data.rows {
            var scored: [(Int, Float)] = []
            for b in 0..<data.rows where b != q {
                var dot: Float = 0
                for j in 0..<data.columns { dot += data[q, j] * data[b, j] }
                scored.append((b, dot))
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            #expect(found.neighbors(of: q).map(\.index) == scored.prefix(k).map(\.0))
        }
    }

    // Three blobs of four points each at distance 0.5 from (0,0), (10,0), (0,10): k-means finds the
    // blobs, their centres exactly, and inertia 12 · 0.25 = 3.
    @Test func kMeansRecoversSeparatedBlobs() {
        let offsets: [[Float]] = [[0.5, 0], [-0.5, 0], [0, 0.5], [0, -0.5]]
        let centres: [[Float]] = [[0, 0], [10, 0], [0, 10]]
        let data = Matrix(rowVectors: centres.flatMap { c in offsets.map { [c[0] + $0[0], c[1] + $0[1]] } })
        let model = KMeans(data, k: 3, seed: 13)
        for blob in 0..<3 {
            let labels = Set(model.assignments[(blob * 4)..<(blob * 4 + 4)])
            #expect(labels.count == 1)
            let centre = model.centroids.row(labels.first ?? 0)
            #expect(close(centre[0], centres[blob][0]) && close(centre[1], centres[blob][1]))
        }
        #expect(Set(model.assignments).count == 3)
        #expect(abs(model.inertia - 3) < 1e-4)
        #expect(KMeans(data, k: 3, seed: 13).assignments == model.assignments)
    }

    // faiss 1.15.1 on the same rows (faiss.Kmeans(2, 3, niter=20, nredo=1, seed=21)): its first iteration
    // leaves the centre started on the second copy of (0, 0) empty and splits the one of the three far rows
    // (nsplit=1; after it, their distances to the two halves are 3.2016 and 3.2433, 2.1808 and 2.2641, 5.9516
    // and 5.8266), then settles at objective 3.3 with these centres and assignments.
    @Test func kMeansSplitsAnEmptyClusterAsFaissDoes() {
        let data = Matrix(rowVectors: [[0, 0], [0, 0], [0, 0], [1, 0], [9, 10], [10, 12], [0, 0], [13, 10]])
        let model = KMeans(data, k: 3, restarts: 1, maxIterations: 20, seed: 21)
        #expect(model.assignments == [1, 1, 1, 1, 0, 0, 1, 2])
        #expect(model.centroids.values == [9.5, 11, 0.2, 0, 13, 10])
        #expect(model.inertia == 3.3)
    }

    // Points on y = 2x: one axis, (1,2)/√5, carries all variance. Projections t·√5 − 1.5·√5 for
    // t = 0…3, so the sample variance is 5 · (2.25 + 0.25 + 0.25 + 2.25) / 3 = 25/3.
    @Test func pcaOfPointsOnALineKeepsOneAxis() throws {
        let data = Matrix(rowVectors: [[0, 0], [1, 2], [2, 4], [3, 6]])
        let pca = try #require(PCA(data, varianceToKeep: 0.9))
        #expect(pca.components.rows == 1)
        let root5 = Float(5).squareRoot()
        #expect(close(pca.components[0, 0], 1 / root5) && close(pca.components[0, 1], 2 / root5))
        #expect(close(pca.explainedVariance[0], 25.0 / 3, 1e-4))
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-6)
        let projected = pca.transform(data)
        #expect(close(projected[0, 0], -1.5 * root5, 1e-4) && close(projected[3, 0], 1.5 * root5, 1e-4))
    }

    // (±1, 0), (0, ±2): covariance diag(2/3, 8/3) → variance shares 0.8 (the y axis) and 0.2 (x).
    @Test func pcaKeepsTheFewestAxesForTheRequestedVariance() throws {
        let data = Matrix(rowVectors: [[1, 0], [-1, 0], [0, 2], [0, -2]])
        let kept80 = try #require(PCA(data, varianceToKeep: 0.8))
        #expect(kept80.components.rows == 1)
        #expect(close(kept80.components[0, 1], 1) && close(kept80.components[0, 0], 0))
        #expect(abs(kept80.explainedVarianceRatio[0] - 0.8) < 1e-6)
        let kept90 = try #require(PCA(data, varianceToKeep: 0.9))
        #expect(kept90.components.rows == 2)
        #expect(close(kept90.explainedVariance[1], 2.0 / 3))
    }
}
