import AssayCore

/// k-means clustering: k-means++ seeding (Arthur & Vassilvitskii 2007), Lloyd iterations with
/// distances through sgemm, the best of several seeded restarts by inertia.
public struct KMeans: Sendable {
    /// The centres, one per row.
    public let centroids: Matrix
    /// The centre of each data row.
    public let assignments: [Int]
    /// Σ of squared distances of rows to their centres.
    public let inertia: Double
    /// Lloyd iterations the kept restart ran.
    public let iterations: Int

    /// Clusters the rows of `data` into `k` groups.
    ///
    /// Deterministic for a seed: restart r draws from the stream "kmeans/r". An emptied cluster is
    /// re-seeded with the row farthest from its centre.
    /// - Parameters:
    ///   - progress: advanced by one when each restart is done.
    /// - Complexity: O(restarts · iterations · N · k · d).
    public init(
        _ data: Matrix, k: Int, restarts: Int = 5, maxIterations: Int = 100, seed: UInt64,
        progress: ProgressStep = .silent
    ) {
        precondition(k > 0 && k <= data.rows, "k must be between 1 and the number of rows")
        var best: (centroids: Matrix, assignments: [Int], inertia: Double, iterations: Int)?
        for restart in 0..<max(1, restarts) {
            var random = SeededRandom(seed: seed, stream: "kmeans/\(restart)")
            let run = KMeans.lloyd(
                data, start: KMeans.plusPlus(data, k: k, random: &random), maxIterations: maxIterations)
            if best == nil || run.inertia < (best?.inertia ?? .infinity) { best = run }
            progress.advance()
        }
        let kept = best ?? (Matrix(rows: 0, columns: 0), [], 0, 0)
        centroids = kept.centroids
        assignments = kept.assignments
        inertia = kept.inertia
        iterations = kept.iterations
    }

    /// Squared Euclidean distances of every row of `data` to every row of `centres` (N × k):
    /// |x|² − 2 x·c + |c|², clamped at 0; `dataNorms`, the rows' |x|², when already known.
    static func squaredDistances(_ data: Matrix, _ centres: Matrix, dataNorms known: [Float]? = nil) -> Matrix {
        var result = Matrix.product(data, centres, transposeB: true, alpha: -2)
        let dataNorms = known ?? rowSquaredNorms(data)
        let centreNorms = rowSquaredNorms(centres)
        for i in 0..<data.rows {
            for j in 0..<centres.rows {
                result.values[i * centres.rows + j] = max(
                    0, result.values[i * centres.rows + j] + dataNorms[i] + centreNorms[j])
            }
        }
        return result
    }

    private static func rowSquaredNorms(_ matrix: Matrix) -> [Float] {
        (0..<matrix.rows).map { i in
            var sum: Float = 0
            for j in 0..<matrix.columns {
                sum += matrix.values[i * matrix.columns + j] * matrix.values[i * matrix.columns + j]
            }
            return sum
        }
    }

    /// k-means++: the first centre uniformly, each next one with probability ∝ D(x)², the squared
    /// distance to the nearest centre chosen so far.
    ///
    /// - Complexity: O(k · N · d): one matrix–vector product (sgemv) per centre, the row norms computed once.
    static func plusPlus(_ data: Matrix, k: Int, random: inout SeededRandom) -> Matrix {
        var chosen = [random.below(data.rows)]
        var nearest = [Double](repeating: .infinity, count: data.rows)
        let norms = rowSquaredNorms(data)
        while chosen.count < k {
            let latest = chosen[chosen.count - 1]
            let products = data.times(data.row(latest), alpha: -2)
            var total = 0.0
            for i in 0..<data.rows {
                let distance = max(0, Double(products[i] + norms[i] + norms[latest]))
                nearest[i] = min(nearest[i], distance)
                total += nearest[i]
            }
            guard total > 0 else {
                // Every row coincides with a centre: take the first rows not chosen yet.
                let rest = (0..<data.rows).filter { !chosen.contains($0) }
                chosen += rest.prefix(k - chosen.count)
                break
            }
            var target = Double(random.next() >> 11) / Double(1 << 53) * total
            var pick = data.rows - 1
            for i in 0..<data.rows {
                target -= nearest[i]
                if target < 0 {
                    pick = i
                    break
                }
            }
            chosen.append(pick)
        }
        return data.selecting(rows: chosen)
    }

    private static func lloyd(_ data: Matrix, start: Matrix, maxIterations: Int) -> (
        centroids: Matrix, assignments: [Int], inertia: Double, iterations: Int
    ) {
        let k = start.rows
        let d = data.columns
        var centroids = start
        var assignments = [Int](repeating: -1, count: data.rows)
        var inertia = 0.0
        var iteration = 0
        let norms = rowSquaredNorms(data)
        while iteration < maxIterations {
            iteration += 1
            let distances = squaredDistances(data, centroids, dataNorms: norms)
            var changed = false
            inertia = 0
            var farthest = (row: 0, distance: -1.0)
            for i in 0..<data.rows {
                var bestCentre = 0
                var bestDistance = distances.values[i * k]
                for j in 1..<max(1, k) where distances.values[i * k + j] < bestDistance {
                    bestCentre = j
                    bestDistance = distances.values[i * k + j]
                }
                if assignments[i] != bestCentre {
                    assignments[i] = bestCentre
                    changed = true
                }
                inertia += Double(bestDistance)
                if Double(bestDistance) > farthest.distance { farthest = (i, Double(bestDistance)) }
            }
            if !changed && iteration > 1 { break }
            var sums = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for i in 0..<data.rows {
                counts[assignments[i]] += 1
                for j in 0..<d { sums[assignments[i] * d + j] += Double(data.values[i * d + j]) }
            }
            for c in 0..<k {
                if counts[c] == 0 {
                    for j in 0..<d { centroids.values[c * d + j] = data.values[farthest.row * d + j] }
                    continue
                }
                for j in 0..<d { centroids.values[c * d + j] = Float(sums[c * d + j] / Double(counts[c])) }
            }
        }
        return (centroids, assignments, inertia, iteration)
    }
}
