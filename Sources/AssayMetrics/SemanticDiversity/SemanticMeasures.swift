import AssayLinalg
import Foundation

/// The semantic diversity measures of METRICS.md ("Semantic diversity", family `diversity`),
/// computed on the embeddings of a set of rows.
///
/// `embeddings` is N×d, one L2-normalised embedding per row, so e_i·e_j is the cosine similarity.
/// Every pairwise average is reduced to sums computed once in `init` — Σ e_i, the class sums
/// S_k = Σ_{i∈k} e_i and the squared norms |e_i|² — so APS (overall, intra- and inter-class) and
/// remote-clique cost O(N·d) and no N×N matrix is ever formed. Sums are accumulated in `Double`.
///
/// Labels are class ids in `0..<classCount` (a negative id marks an unlabelled row, which the
/// class measures skip). `restricted(to:)` gives the measures of a subset of rows — a size-matched
/// subsample or one class — for the measures that depend on the whole set (Vendi, chamfer).
package struct SemanticMeasures: Sendable {
    /// The rows' embeddings, N×d.
    package let embeddings: Matrix
    /// The class id of each row, or nil when the data is unlabelled.
    package let labels: [Int32]?
    /// The number of classes K (0 when unlabelled).
    package let classCount: Int

    /// |e_i|² of each row.
    private let squaredNorms: [Double]
    /// S = Σ_i e_i.
    private let sum: [Double]
    /// S_k = Σ_{i∈k} e_i, class k at `k * d ..< (k + 1) * d`.
    private let classSums: [Double]
    /// n_k, the rows of each class.
    private let classCounts: [Int]
    /// Σ_{i∈k} |e_i|² of each class.
    private let classSquaredNorms: [Double]

    /// The measures of the rows of `embeddings`, labelled by `labels` when given.
    ///
    /// - Parameters:
    ///   - labels: one class id per row; negative ids are unlabelled rows.
    ///   - classCount: K; by default one more than the largest id.
    /// - Complexity: O(N·d).
    package init(embeddings: Matrix, labels: [Int32]? = nil, classCount: Int? = nil) {
        precondition(labels == nil || labels?.count == embeddings.rows, "one label per row")
        let n = embeddings.rows
        let d = embeddings.columns
        var k = 0
        if let labels { k = classCount ?? max(0, Int(labels.max() ?? -1) + 1) }
        precondition((labels ?? []).allSatisfy { Int($0) < k }, "a label id is not below the class count")
        let ids = labels?.map { Int($0) } ?? [Int](repeating: -1, count: n)
        var squaredNorms = [Double](repeating: 0, count: n)
        var sum = [Double](repeating: 0, count: d)
        var classSums = [Double](repeating: 0, count: k * d)
        var classCounts = [Int](repeating: 0, count: k)
        var classSquaredNorms = [Double](repeating: 0, count: k)
        embeddings.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                let label = ids[i]
                var norm = 0.0
                for j in 0..<d {
                    let value = Double(values[i * d + j])
                    norm += value * value
                    sum[j] += value
                    if label >= 0 { classSums[label * d + j] += value }
                }
                squaredNorms[i] = norm
                if label >= 0 {
                    classCounts[label] += 1
                    classSquaredNorms[label] += norm
                }
            }
        }
        self.embeddings = embeddings
        self.labels = labels
        self.classCount = k
        self.squaredNorms = squaredNorms
        self.sum = sum
        self.classSums = classSums
        self.classCounts = classCounts
        self.classSquaredNorms = classSquaredNorms
    }

    /// N, the number of rows.
    package var rowCount: Int { embeddings.rows }

    /// The measures of the rows at `rows` (positions in `embeddings`), with their labels.
    ///
    /// - Complexity: O(rows.count · d).
    package func restricted(to rows: [Int]) -> SemanticMeasures {
        SemanticMeasures(
            embeddings: embeddings.selecting(rows: rows), labels: labels.map { all in rows.map { all[$0] } },
            classCount: classCount)
    }

    /// The rows of each class, `classRows()[k]` listing the positions labelled k (empty when unlabelled).
    ///
    /// - Complexity: O(N).
    package func classRows() -> [[Int]] {
        guard let labels else { return [] }
        var rows = [[Int]](repeating: [], count: classCount)
        for (i, label) in labels.enumerated() where label >= 0 { rows[Int(label)].append(i) }
        return rows
    }

    // MARK: Pairwise similarities

    /// Calls `body` with e_i·e_j for every unordered pair i < j, computed tile by tile through sgemm,
    /// so memory stays O(tileRows²) whatever N is.
    ///
    /// - Complexity: O(N² · d) time.
    package func forEachPairSimilarity(tileRows: Int = 512, _ body: (Float) -> Void) {
        let n = rowCount
        var start = 0
        while start < n {
            let end = min(start + tileRows, n)
            let tile = embeddings.selecting(rows: Array(start..<end))
            var otherStart = start
            while otherStart < n {
                let otherEnd = min(otherStart + tileRows, n)
                let block = Matrix.product(
                    tile, embeddings.selecting(rows: Array(otherStart..<otherEnd)), transposeB: true)
                let width = otherEnd - otherStart
                block.values.withUnsafeBufferPointer { values in
                    for i in start..<end {
                        for j in max(otherStart, i + 1)..<max(otherEnd, i + 1) {
                            body(values[(i - start) * width + (j - otherStart)])
                        }
                    }
                }
                otherStart = otherEnd
            }
            start = end
        }
    }

    // MARK: Average pairwise similarity (AttrPrompt)

    /// APS (AttrPrompt, Yu et al. 2023): the mean cosine similarity over ordered pairs i ≠ j,
    /// Σ_{i≠j} e_i·e_j / (N(N − 1)) = (|S|² − Σ_i |e_i|²) / (N(N − 1)). The actual squared norms
    /// (not N) keep it exact for rows that are not exactly unit length. Lower = more diverse.
    ///
    /// - Returns: nil when N < 2.
    /// - Complexity: O(N·d), from the sums computed once.
    package func averagePairwiseSimilarity() -> Double? {
        let n = rowCount
        guard n >= 2 else { return nil }
        return (Self.squaredLength(sum[...]) - squaredNorms.reduce(0, +)) / (Double(n) * Double(n - 1))
    }

    /// Each row's mean similarity to the other rows, (e_i·S − |e_i|²) / (N − 1); their mean is APS.
    /// For a bootstrap over rows.
    ///
    /// - Returns: empty when N < 2.
    /// - Complexity: O(N·d).
    package func rowMeanSimilarities() -> [Double] {
        let n = rowCount
        let d = embeddings.columns
        guard n >= 2 else { return [] }
        return embeddings.values.withUnsafeBufferPointer { values in
            (0..<n).map { i in
                var dot = 0.0
                for j in 0..<d { dot += Double(values[i * d + j]) * sum[j] }
                return (dot - squaredNorms[i]) / Double(n - 1)
            }
        }
    }

    /// Intra-class APS: the mean of e_i·e_j over ordered pairs i ≠ j with the same label,
    /// Σ_k (|S_k|² − Σ_{i∈k} |e_i|²) / Σ_k n_k(n_k − 1).
    ///
    /// - Returns: nil when unlabelled or when no class has two rows.
    /// - Complexity: O(K·d).
    package func intraClassAPS() -> Double? {
        var numerator = 0.0
        var pairs = 0.0
        for k in 0..<classCount where classCounts[k] >= 2 {
            numerator += classSumSquaredLength(k) - classSquaredNorms[k]
            pairs += Double(classCounts[k]) * Double(classCounts[k] - 1)
        }
        return pairs > 0 ? numerator / pairs : nil
    }

    /// Inter-class APS: the mean of e_i·e_j over ordered pairs with different labels,
    /// (|S_L|² − Σ_k |S_k|²) / (N_L² − Σ_k n_k²), with S_L and N_L the sum and count of the labelled
    /// rows (all rows when every row is labelled).
    ///
    /// - Returns: nil when unlabelled or when fewer than two classes have rows.
    /// - Complexity: O(K·d).
    package func interClassAPS() -> Double? {
        guard classCount > 0 else { return nil }
        let d = embeddings.columns
        var labelledSum = [Double](repeating: 0, count: d)
        var labelledCount = 0.0
        var withinSquares = 0.0
        var withinPairs = 0.0
        for k in 0..<classCount {
            for j in 0..<d { labelledSum[j] += classSums[k * d + j] }
            labelledCount += Double(classCounts[k])
            withinSquares += classSumSquaredLength(k)
            withinPairs += Double(classCounts[k]) * Double(classCounts[k])
        }
        let pairs = labelledCount * labelledCount - withinPairs
        guard pairs > 0 else { return nil }
        return (Self.squaredLength(labelledSum[...]) - withinSquares) / pairs
    }

    /// APS inside each class: (|S_k|² − Σ_{i∈k} |e_i|²) / (n_k(n_k − 1)), nil for a class with
    /// fewer than two rows.
    ///
    /// - Complexity: O(K·d).
    package func classAPS() -> [Double?] {
        (0..<classCount).map { k in
            let n = Double(classCounts[k])
            return classCounts[k] >= 2 ? (classSumSquaredLength(k) - classSquaredNorms[k]) / (n * (n - 1)) : nil
        }
    }

    // MARK: Remote-clique and chamfer (the `diversity` package)

    /// Remote-clique: mean_i mean_j (1 − e_i·e_j) over all j, j = i included (the convention of
    /// the `diversity` package, Shaib et al. 2024) = 1 − |S|²/N². Higher = more diverse.
    ///
    /// - Returns: nil when N = 0.
    /// - Complexity: O(d), from the sums computed once.
    package func remoteClique() -> Double? {
        let n = Double(rowCount)
        return rowCount > 0 ? 1 - Self.squaredLength(sum[...]) / (n * n) : nil
    }

    /// Remote-clique inside each class, 1 − |S_k|²/n_k², nil for an empty class.
    ///
    /// - Complexity: O(K·d).
    package func classRemoteClique() -> [Double?] {
        (0..<classCount).map { k in
            let n = Double(classCounts[k])
            return classCounts[k] > 0 ? 1 - classSumSquaredLength(k) / (n * n) : nil
        }
    }

    /// Each row's chamfer distance, 1 − (similarity of its nearest other row) = min_{j≠i} (1 − e_i·e_j).
    ///
    /// - Parameter neighbors: the rows' own neighbour lists (queries = base = `embeddings`, k ≥ 1,
    ///   `excludeSelf`), e.g. the analysis context's shared lists.
    /// - Returns: empty when N < 2.
    /// - Complexity: O(N).
    package func chamferDistances(neighbors: NearestNeighbors) -> [Double] {
        precondition(neighbors.indices.count == rowCount * neighbors.k, "neighbour lists of another set of rows")
        guard rowCount >= 2 else { return [] }
        return (0..<rowCount).map { i in 1 - Double(neighbors.similarities[i * neighbors.k]) }
    }

    /// Chamfer distance (the `diversity` package): mean_i min_{j≠i} (1 − e_i·e_j), the mean distance
    /// to the nearest neighbour; near 0 = near duplicates. Reads the first neighbour of each row
    /// from precomputed lists, so no similarity is computed again.
    ///
    /// - Parameter neighbors: the rows' own neighbour lists (k ≥ 1, `excludeSelf`).
    /// - Returns: nil when N < 2.
    /// - Complexity: O(N).
    package func chamfer(neighbors: NearestNeighbors) -> Double? {
        let distances = chamferDistances(neighbors: neighbors)
        return distances.isEmpty ? nil : distances.reduce(0, +) / Double(distances.count)
    }

    // MARK: Vendi score

    /// The Vendi score (Friedman & Dieng 2023): with λ the eigenvalues of K/N, K_ij = e_i·e_j,
    /// VS = exp(−Σ λ log λ), the effective number of distinct rows, in [1, N] for unit rows.
    ///
    /// The non-zero eigenvalues of K/N = XXᵀ/N are those of XᵀX/N, so the d×d matrix (cblas_ssyrk)
    /// is decomposed with LAPACK ssyevd; when N < d the N×N kernel is smaller and is used instead.
    /// Eigenvalues are clamped at 0 and those ≤ 1e-12 contribute nothing.
    ///
    /// - Returns: nil when there are no rows or the decomposition fails.
    /// - Complexity: O(N·d·m + m³) with m = min(N, d): O(N·d² + d³) for N ≥ d.
    package func vendi() -> VendiScore? {
        let n = rowCount
        guard n > 0, embeddings.columns > 0 else { return nil }
        let scale = 1 / Float(n)
        let kernel =
            n < embeddings.columns
            ? Matrix.product(embeddings, embeddings, transposeB: true, alpha: scale) : embeddings.gram(alpha: scale)
        guard let eigen = SymmetricEigen(kernel) else { return nil }
        return VendiScore(eigenvalues: eigen.values, rows: n)
    }

    /// The Vendi score of each class's rows, nil for an empty class.
    ///
    /// - Complexity: O(Σ_k (n_k·d·m_k + m_k³)) with m_k = min(n_k, d).
    package func classVendi() -> [VendiScore?] {
        classRows().map { rows in rows.isEmpty ? nil : restricted(to: rows).vendi() }
    }

    // MARK: Dispersion

    /// Dispersion: the mean Euclidean distance of the rows to their centroid c = S/N,
    /// mean_i |e_i − c|.
    ///
    /// - Returns: nil when N = 0.
    /// - Complexity: O(N·d).
    package func dispersion() -> Double? {
        let n = rowCount
        guard n > 0 else { return nil }
        let centroid = sum.map { $0 / Double(n) }
        return (0..<n).reduce(0) { $0 + distance(row: $1, to: centroid[...]) } / Double(n)
    }

    /// Dispersion inside each class: mean_{i∈k} |e_i − S_k/n_k|, nil for an empty class.
    ///
    /// - Complexity: O(N·d).
    package func classDispersion() -> [Double?] {
        let d = embeddings.columns
        return classRows().enumerated().map { k, rows in
            guard !rows.isEmpty else { return nil }
            let centroid = classSums[(k * d)..<((k + 1) * d)].map { $0 / Double(rows.count) }
            return rows.reduce(0) { $0 + distance(row: $1, to: centroid[...]) } / Double(rows.count)
        }
    }

    // MARK: Helpers

    /// |S_k|².
    private func classSumSquaredLength(_ k: Int) -> Double {
        let d = embeddings.columns
        return Self.squaredLength(classSums[(k * d)..<((k + 1) * d)])
    }

    private static func squaredLength(_ vector: ArraySlice<Double>) -> Double {
        vector.reduce(0) { $0 + $1 * $1 }
    }

    /// |e_row − point|, in `Double`.
    private func distance(row: Int, to point: ArraySlice<Double>) -> Double {
        let d = embeddings.columns
        var total = 0.0
        for (j, value) in point.enumerated() {
            let difference = Double(embeddings.values[row * d + j]) - value
            total += difference * difference
        }
        return total.squareRoot()
    }
}

/// A Vendi score and its share of the number of rows.
package struct VendiScore: Equatable, Sendable {
    /// VS = exp(−Σ λ log λ).
    package var score: Double
    /// VS/N, in (0, 1] for unit rows: 1 when the rows are mutually orthogonal.
    package var normalized: Double

    /// The score of a kernel's eigenvalues λ (of K/N) for N rows: negative round-off is clamped to
    /// 0 and eigenvalues ≤ 1e-12 are skipped (0 log 0 = 0).
    ///
    /// - Complexity: O(eigenvalues).
    package init(eigenvalues: [Float], rows: Int) {
        var entropy = 0.0
        for value in eigenvalues {
            let lambda = max(0, Double(value))
            if lambda > 1e-12 { entropy -= lambda * log(lambda) }
        }
        score = exp(entropy)
        normalized = rows > 0 ? score / Double(rows) : 0
    }
}
