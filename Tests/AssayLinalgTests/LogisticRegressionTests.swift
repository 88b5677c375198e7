import Foundation
import Testing

@testable import AssayLinalg

// The scikit-learn reference values below come from this script (scikit-learn 1.9.1, numpy 2.4.6,
// scipy 1.17.1; `python3 -m venv /tmp/skl && /tmp/skl/bin/pip install scikit-learn numpy`):
//
//     import numpy as np
//     from sklearn.linear_model import LogisticRegression
//     X = np.array([
//         [1.0, 0.3, 0.2, -1.9], [-0.5, 0.0, -0.4, 1.8], [-1.5, -1.6, 0.5, 0.9], [1.1, -0.9, 0.5, -0.3],
//         [-1.3, 0.5, -2.4, -0.8], [-2.8, -1.2, -1.3, 0.8], [1.2, -0.2, -2.0, -1.5], [0.0, 1.1, -2.0, 0.0],
//         [-2.0, -1.8, 1.1, -0.3], [1.0, 0.9, -0.1, -1.1], [0.1, 1.1, -1.7, 0.6], [0.4, -2.5, 0.9, 0.6],
//         [0.4, 2.0, 1.3, -2.2], [0.1, 1.6, -0.7, 1.2], [-1.1, -0.3, 1.4, -0.2], [1.2, -0.5, 0.6, -2.2],
//         [-0.6, 0.8, 0.4, 1.6], [-2.3, -1.8, 0.6, -1.5], [0.5, -0.1, 1.8, -0.3], [-0.3, 0.6, -0.8, 2.0],
//         [-1.4, -1.3, 0.4, 0.4], [0.8, -1.1, 0.5, -1.4], [1.2, 1.7, -0.5, 1.2], [-1.3, 0.1, 0.0, 1.1],
//         [-0.3, 0.3, -1.2, -3.0], [-0.3, 0.1, -0.3, 2.7], [-1.8, -1.6, 0.2, 1.0], [0.8, -0.2, 1.2, -0.5],
//         [-1.0, 0.9, -0.5, -0.6], [-0.7, -1.9, 1.0, 0.7],
//     ], dtype=np.float32).astype(np.float64)  # the Swift test's Float values, exactly
//     y = np.arange(30) % 3
//     Z = (X - X.mean(axis=0)) / X.std(axis=0)  # population standard deviation, as the Swift code
//     rows = [0, 7, 14, 21, 29]
//     np.set_printoptions(precision=8, suppress=True, linewidth=150)
//     three = LogisticRegression(C=1.0, tol=1e-10, max_iter=10000).fit(Z, y)
//     print(three.predict_proba(Z[rows]), three.coef_, three.intercept_)
//     # Two-class softmax with C equals binary logistic regression with C' = 2C: only v = w₁ − w₀ enters
//     # the loss, and ‖w₀‖² + ‖w₁‖² is smallest at w₁ = −w₀ = v/2, where it is ‖v‖²/2, so
//     # ‖W‖²/(2C) = ‖v‖²/(2·2C).
//     two = LogisticRegression(C=2.0, tol=1e-10, max_iter=10000).fit(Z, (y == 1).astype(int))
//     print(two.predict_proba(Z[rows]), two.coef_, two.intercept_)

/// Logistic regression against scikit-learn, hand-derived optima and finite differences; the L-BFGS
/// solver on the Rosenbrock function. Serialized: OpenBLAS keeps global thread state.
@Suite(.serialized) struct LogisticRegressionTests {
    /// 30 rows, 4 features: three Gaussian clouds that overlap, labels 0, 1, 2, 0, 1, 2, ….
    static let features = Matrix(rowVectors: [
        [1.0, 0.3, 0.2, -1.9], [-0.5, 0.0, -0.4, 1.8], [-1.5, -1.6, 0.5, 0.9], [1.1, -0.9, 0.5, -0.3],
        [-1.3, 0.5, -2.4, -0.8], [-2.8, -1.2, -1.3, 0.8], [1.2, -0.2, -2.0, -1.5], [0.0, 1.1, -2.0, 0.0],
        [-2.0, -1.8, 1.1, -0.3], [1.0, 0.9, -0.1, -1.1], [0.1, 1.1, -1.7, 0.6], [0.4, -2.5, 0.9, 0.6],
        [0.4, 2.0, 1.3, -2.2], [0.1, 1.6, -0.7, 1.2], [-1.1, -0.3, 1.4, -0.2], [1.2, -0.5, 0.6, -2.2],
        [-0.6, 0.8, 0.4, 1.6], [-2.3, -1.8, 0.6, -1.5], [0.5, -0.1, 1.8, -0.3], [-0.3, 0.6, -0.8, 2.0],
        [-1.4, -1.3, 0.4, 0.4], [0.8, -1.1, 0.5, -1.4], [1.2, 1.7, -0.5, 1.2], [-1.3, 0.1, 0.0, 1.1],
        [-0.3, 0.3, -1.2, -3.0], [-0.3, 0.1, -0.3, 2.7], [-1.8, -1.6, 0.2, 1.0], [0.8, -0.2, 1.2, -0.5],
        [-1.0, 0.9, -0.5, -0.6], [-0.7, -1.9, 1.0, 0.7],
    ])
    static let labels: [Int32] = (0..<30).map { Int32($0 % 3) }
    static let referenceRows = [0, 7, 14, 21, 29]
    /// Tight enough that the fit sits at the optimum to well within the tolerances below.
    static let tight = LogisticRegression.Options(maxIterations: 1000, gradientTolerance: 1e-8)

    /// Probabilities to 10⁻⁴: the logits go through `Float` products (relative error ~10⁻⁷).
    private func expectRows(_ probabilities: Matrix, _ expected: [[Double]], tolerance: Double = 1e-4) {
        for (index, row) in Self.referenceRows.enumerated() {
            for (column, value) in expected[index].enumerated() {
                #expect(abs(Double(probabilities[row, column]) - value) <= tolerance, "row \(row), class \(column)")
            }
        }
    }

    /// A model rebuilt from its snapshot (what a sharded run's scorer file carries) gives the same
    /// probabilities, bit for bit, on rows it was not trained on; a snapshot of the wrong shape is not one model.
    @Test func aSnapshotRebuildsTheModelBitForBit() {
        let model = LogisticRegression(
            features: Self.features.selecting(rows: Array(0..<20)), labels: Array(Self.labels[0..<20]),
            classCount: 3)
        let rebuilt = LogisticRegression(snapshot: model.snapshot)
        let held = Self.features.selecting(rows: Array(20..<30))
        #expect(
            rebuilt.probabilities(held).values.map(\.bitPattern) == model.probabilities(held).values.map(\.bitPattern))
        #expect(rebuilt.snapshot == model.snapshot && model.snapshot.coefficients.count == 4 * 3)
        var wrong = model.snapshot
        wrong.intercepts.removeLast()
        #expect(!wrong.isWellFormed && model.snapshot.isWellFormed)
    }

    @Test func threeClassFitMatchesScikitLearn() {
        let model = LogisticRegression(features: Self.features, labels: Self.labels, classCount: 3, options: Self.tight)
        #expect(model.converged)
        expectRows(
            model.probabilities(Self.features),
            [
                [0.96832307, 0.02308528, 0.00859165], [0.06512248, 0.92558129, 0.00929623],
                [0.14413161, 0.06254608, 0.79332231], [0.91536534, 0.01345731, 0.07117734],
                [0.03929792, 0.01668619, 0.94401588],
            ])
        // coef_ is K×d; the model keeps W as d×K.
        let coef: [[Double]] = [
            [1.11079796, 0.04339829, 0.29326044, -1.08322026],
            [-0.02273321, 0.96816267, -0.72405225, 0.84810903],
            [-1.08806475, -1.01156095, 0.43079181, 0.23511123],
        ]
        for k in 0..<3 {
            for j in 0..<4 { #expect(abs(model.coefficients[j * 3 + k] - coef[k][j]) <= 1e-4, "W[\(j), \(k)]") }
        }
        // Both start at b = 0 and every gradient keeps Σₖ bₖ = 0, so the intercepts agree too.
        for (k, intercept) in [-0.027946, 0.03802308, -0.01007708].enumerated() {
            #expect(abs(model.intercepts[k] - intercept) <= 1e-4)
        }
    }

    @Test func twoClassSoftmaxMatchesBinaryScikitLearnAtTwiceC() {
        let labels = Self.labels.map { $0 == 1 ? Int32(1) : 0 }
        let model = LogisticRegression(features: Self.features, labels: labels, classCount: 2, options: Self.tight)
        #expect(model.converged)
        expectRows(
            model.probabilities(Self.features),
            [
                [0.96852804, 0.03147196], [0.07110645, 0.92889355], [0.97582991, 0.02417009],
                [0.99600156, 0.00399844], [0.9928439, 0.0071561],
            ])
        // v = w₁ − w₀ is scikit-learn's binary coefficient vector, and w₁ = −w₀.
        for (j, v) in [-0.07478302, 1.9549243, -1.19728557, 1.55266868].enumerated() {
            #expect(abs(model.coefficients[j * 2 + 1] - model.coefficients[j * 2] - v) <= 1e-4)
            #expect(abs(model.coefficients[j * 2 + 1] + model.coefficients[j * 2]) <= 1e-6)
        }
        #expect(abs(model.intercepts[1] - model.intercepts[0] - -1.74310252) <= 1e-4)
    }

    // At θ = 0 every class has probability 1/K, so F = log K and ∂F/∂b_k = 1/K − count_k / N = 1/3 − 10/30 = 0;
    // elsewhere the gradient must match central differences.
    @Test func objectiveGradientMatchesFiniteDifferences() {
        let (mean, scale) = LogisticRegression.standardization(of: Self.features)
        let x = LogisticRegression.standardize(Self.features, mean: mean, scale: scale)
        let c = 0.5
        let zero = LogisticRegression.objective(
            standardized: x, labels: Self.labels, classCount: 3, inverseRegularization: c,
            parameters: [Double](repeating: 0, count: 15))
        #expect(abs(zero.value - log(3)) <= 1e-12)
        for k in 0..<3 { #expect(abs(zero.gradient[12 + k]) <= 1e-12) }

        let theta = (0..<15).map { 0.3 * sin(Double($0) + 1) }
        let at = LogisticRegression.objective(
            standardized: x, labels: Self.labels, classCount: 3, inverseRegularization: c, parameters: theta)
        let h = 1e-3
        for index in theta.indices {
            var plus = theta
            var minus = theta
            plus[index] += h
            minus[index] -= h
            let up = LogisticRegression.objective(
                standardized: x, labels: Self.labels, classCount: 3, inverseRegularization: c, parameters: plus)
            let down = LogisticRegression.objective(
                standardized: x, labels: Self.labels, classCount: 3, inverseRegularization: c, parameters: minus)
            let numeric = (up.value - down.value) / (2 * h)
            #expect(abs(numeric - at.gradient[index]) <= 1e-5, "∂F/∂θ[\(index)]: \(numeric) vs \(at.gradient[index])")
        }
    }

    // Two clouds 10 apart along the first axis: any positive weight on it separates them.
    @Test func separableClassesAreFitPerfectly() {
        let rows = (0..<40).map { i -> [Float] in
            let side: Float = i % 2 == 0 ? -5 : 5
            return [side + Float(i % 7) * 0.3 - 0.9, Float(i % 5) - 2, Float((i * 3) % 11) * 0.2]
        }
        let labels = (0..<40).map { Int32($0 % 2) }
        let model = LogisticRegression(features: Matrix(rowVectors: rows), labels: labels, classCount: 2)
        #expect(model.converged)
        let probabilities = model.probabilities(Matrix(rowVectors: rows))
        for i in 0..<40 { #expect(probabilities[i, Int(labels[i])] > 0.5) }
    }

    @Test func classWithoutRowsGetsLessThanUniformProbability() {
        let model = LogisticRegression(features: Self.features, labels: Self.labels, classCount: 4)
        #expect(model.converged)
        let probabilities = model.probabilities(Self.features)
        for i in 0..<30 { #expect(probabilities[i, 3] < 0.25 / 10) }
    }

    /// 300 rows, 6 features, 120 classes: 136 rows a block (16,384 entries / 120), so the objective's
    /// passes run as three blocks on every core.
    static func manyClasses() -> (features: Matrix, labels: [Int32]) {
        let rows = 300
        let d = 6
        let labels = (0..<rows).map { Int32(($0 * 37) % 120) }
        let values = (0..<(rows * d)).map { index -> Float in
            Float(sin(Double(index) * 0.71) + 0.05 * Double((index / d * 37) % 120 % (index % d + 2)))
        }
        return (Matrix(rows: rows, columns: d, values: values), labels)
    }

    // The blocked passes against the definition written out in `Double`, row by row:
    // F(θ) = (1/N) Σᵢ [log Σₖ exp zᵢₖ − zᵢ,yᵢ] + ‖W‖²/(2CN), z = X̃·W + b; and ∇F by central differences.
    @Test func manyClassObjectiveMatchesTheDefinitionAcrossBlocks() {
        let (features, labels) = Self.manyClasses()
        #expect(RowBlocks(rows: features.rows, width: 120).count == 3)
        let (mean, scale) = LogisticRegression.standardization(of: features)
        let x = LogisticRegression.standardize(features, mean: mean, scale: scale)
        let (n, d, k) = (features.rows, features.columns, 120)
        let c = 0.5
        // Parameters that are exact in `Float`, so the Float product of X̃·W is the only rounding.
        let theta = (0..<((d + 1) * k)).map { Double(Float(0.25 * cos(Double($0) * 1.3))) }
        var loss = 0.0
        for i in 0..<n {
            var z = [Double](repeating: 0, count: k)
            for column in 0..<k {
                z[column] = theta[d * k + column]
                for j in 0..<d { z[column] += Double(x[i, j]) * theta[j * k + column] }
            }
            let largest = z.max() ?? 0
            loss += largest + log(z.reduce(0) { $0 + exp($1 - largest) }) - z[Int(labels[i])]
        }
        let squaredNorm = theta[0..<(d * k)].reduce(0) { $0 + $1 * $1 }
        let expected = loss / Double(n) + squaredNorm / (2 * c * Double(n))
        let at = LogisticRegression.objective(
            standardized: x, labels: labels, classCount: k, inverseRegularization: c, parameters: theta)
        #expect(abs(at.value - expected) <= 1e-6 * expected, "\(at.value) vs \(expected)")
        let h = 1e-3
        for index in [0, 7, d * k - 1, d * k, d * k + 63, (d + 1) * k - 1] {
            var plus = theta
            var minus = theta
            plus[index] += h
            minus[index] -= h
            let up = LogisticRegression.objective(
                standardized: x, labels: labels, classCount: k, inverseRegularization: c, parameters: plus)
            let down = LogisticRegression.objective(
                standardized: x, labels: labels, classCount: k, inverseRegularization: c, parameters: minus)
            let numeric = (up.value - down.value) / (2 * h)
            #expect(abs(numeric - at.gradient[index]) <= 1e-5, "∂F/∂θ[\(index)]: \(numeric) vs \(at.gradient[index])")
        }
    }

    @Test func manyClassFitsAreBitIdenticalAndSumToOne() {
        let (features, labels) = Self.manyClasses()
        let first = LogisticRegression(features: features, labels: labels, classCount: 120)
        let second = LogisticRegression(features: features, labels: labels, classCount: 120)
        #expect(first.iterations == second.iterations)
        #expect(first.coefficients == second.coefficients && first.intercepts == second.intercepts)
        let probabilities = first.probabilities(features)
        #expect(probabilities == second.probabilities(features))
        for i in 0..<features.rows {
            #expect(abs((0..<120).reduce(Float(0)) { $0 + probabilities[i, $1] } - 1) <= 1e-5)
        }
    }

    // A block's partial sums are added in block order, whichever core ran it first.
    @Test func rowBlocksCoverEveryRowOnceAndSumInBlockOrder() {
        let blocks = RowBlocks(rows: 1000, width: 100)
        #expect(blocks.rowsPerBlock == 163 && blocks.count == 7)
        #expect(blocks.range(6) == 978..<1000)
        var visits = [Int](repeating: 0, count: 1000)
        visits.withUnsafeMutableBufferPointer { visits in
            blocks.inParallel { rows in for row in rows { visits[row] += 1 } }
        }
        #expect(visits.allSatisfy { $0 == 1 })
        let terms = (0..<1000).map { 1 / Double($0 + 1) }
        var expected = 0.0
        for block in 0..<blocks.count {
            var partial = 0.0
            for row in blocks.range(block) { partial += terms[row] }
            expected += partial
        }
        for _ in 0..<3 {
            let sum = blocks.sum { rows in SIMD2(rows.reduce(0.0) { $0 + terms[$1] }, Double(rows.count)) }
            #expect(sum[0] == expected && sum[1] == 1000)
        }
    }

    @Test func twoFitsGiveBitIdenticalProbabilities() {
        // 600 rows, 48 features, 5 classes from a fixed formula: big enough for OpenBLAS to block its products.
        let rows = 600
        let d = 48
        let labels = (0..<rows).map { Int32(($0 * 7) % 5) }
        let values = (0..<(rows * d)).map { index -> Float in
            let i = index / d
            let j = index % d
            return Float(sin(Double(index) * 0.37) + (j % 5 == Int(labels[i]) ? 0.8 : 0))
        }
        let features = Matrix(rows: rows, columns: d, values: values)
        let first = LogisticRegression(features: features, labels: labels, classCount: 5)
        let second = LogisticRegression(features: features, labels: labels, classCount: 5)
        #expect(first.iterations == second.iterations)
        #expect(first.coefficients == second.coefficients)
        #expect(first.probabilities(features) == second.probabilities(features))
    }

    @Test func probabilityRowsSumToOneEvenForFarOutRows() {
        let model = LogisticRegression(features: Self.features, labels: Self.labels, classCount: 3)
        // The last two rows give logits in the thousands: the row maximum is subtracted before exp.
        let queries = Matrix(rowVectors: [[0, 0, 0, 0], [3, -2, 1, 0.5], [1e4, 0, 0, 0], [-1e4, 1e4, -1e4, 1e4]])
        let probabilities = model.probabilities(queries)
        #expect(probabilities.rows == 4 && probabilities.columns == 3)
        for i in 0..<4 {
            let row = (0..<3).map { probabilities[i, $0] }
            #expect(row.allSatisfy { $0.isFinite && $0 >= 0 })
            #expect(abs(row.reduce(0, +) - 1) <= 1e-6)
        }
        #expect(probabilities[2, 0] > 0.999)
    }

    // No rows: only ‖W‖²/(2C) remains, minimised at W = 0, b = 0, where every class has probability 1/K.
    @Test func noTrainingRowsGiveUniformProbabilities() {
        let model = LogisticRegression(features: Matrix(rows: 0, columns: 4), labels: [], classCount: 4)
        #expect(model.converged && model.iterations == 0)
        let probabilities = model.probabilities(Self.features)
        #expect(probabilities.values.allSatisfy { $0 == 0.25 })
    }

    // A start carries its function over to another standardisation exactly: a fit on half the rows (other
    // μ and σ) allowed no iteration is the starting model itself, on every row.
    @Test func aStartIsTheSameModelUnderAnotherStandardization() {
        let model = LogisticRegression(features: Self.features, labels: Self.labels, classCount: 3)
        let half = Array(0..<15)
        let moved = LogisticRegression(
            features: Self.features.selecting(rows: half), labels: half.map { Self.labels[$0] }, classCount: 3,
            options: LogisticRegression.Options(maxIterations: 0), startingFrom: model)
        #expect(moved.iterations == 0)
        let expected = model.probabilities(Self.features)
        let found = moved.probabilities(Self.features)
        for (a, b) in zip(found.values, expected.values) { #expect(abs(a - b) < 1e-5) }
    }

    // Started from the whole set's model, a fit on four fifths of the rows reaches the optimum a fit from zero
    // reaches (the objective is strictly convex), in fewer iterations; and a start over other classes
    // (`selecting(classes:)`, nil a class the start lacks) is a start like any other.
    @Test func aWarmStartReachesTheSameOptimumSooner() {
        let options = LogisticRegression.Options(maxIterations: 1000, gradientTolerance: 1e-6)
        let whole = LogisticRegression(features: Self.features, labels: Self.labels, classCount: 3, options: options)
        let rows = (0..<30).filter { $0 % 5 != 0 }
        let subset = Self.features.selecting(rows: rows)
        let labels = rows.map { Self.labels[$0] }
        let cold = LogisticRegression(features: subset, labels: labels, classCount: 3, options: options)
        let warm = LogisticRegression(
            features: subset, labels: labels, classCount: 3, options: options, startingFrom: whole)
        #expect(cold.converged && warm.converged)
        #expect(warm.iterations < cold.iterations)
        for (a, b) in zip(warm.probabilities(Self.features).values, cold.probabilities(Self.features).values) {
            #expect(abs(a - b) < 1e-5)
        }
        let reordered = LogisticRegression(
            features: subset, labels: labels.map { 2 - $0 }, classCount: 4, options: options,
            startingFrom: whole.selecting(classes: [2, 1, 0, nil]))
        #expect(reordered.converged)
        let probabilities = reordered.probabilities(Self.features)
        let expected = cold.probabilities(Self.features)
        for row in 0..<30 {
            for c in 0..<3 { #expect(abs(probabilities[row, 2 - c] - expected[row, c]) < 1e-4) }
        }
    }

    // The rows (1, 1), (1, 1), (−1, −1), (−1, −1) have C = X̃ᵀX̃ / N = [[1, 1], [1, 1]]; with κ = 1,
    // (C + I)⁻¹ = [[2, −1], [−1, 2]] / 3, so W = 3I maps to [[2, −1], [−1, 2]]; the intercepts pass through.
    @Test func thePreconditionerAppliesTheInverseOfTheRidgedCorrelation() throws {
        let features = Matrix(rowVectors: [[1, 1], [1, 1], [-1, -1], [-1, -1]])
        let preconditioner = try #require(GramPreconditioner(standardized: features, classCount: 2, ridge: 1))
        let result = preconditioner.apply([3, 0, 0, 3, 5, -7])
        for (a, b) in zip(result, [2.0, -1, -1, 2, 5, -7]) { #expect(abs(a - b) <= 1e-12, "\(result)") }
        #expect(GramPreconditioner.worthUsing(for: Matrix(rows: 32, columns: 8)))
        #expect(!GramPreconditioner.worthUsing(for: Matrix(rows: 31, columns: 8)))
    }

    // Eight columns that are running sums of eight independent signals, x_j = z₁ + … + z_j, with the labels
    // depending on every signal: C is badly conditioned, the shape that kept unpreconditioned L-BFGS from
    // converging on aligned static-embedder vectors. Both fits stop at the same optimum; the preconditioned
    // one in fewer than half the iterations (15 against 60 when written).
    @Test func preconditioningReachesTheSameOptimumInFewerIterations() {
        var vectors: [[Float]] = []
        var labels: [Int32] = []
        for i in 0..<400 {
            let signals: [Double] = (0..<8).map { j -> Double in
                let phase: Double = Double(i * (2 * j + 1)) * 0.37 + Double(j) * 1.1
                return sin(phase)
            }
            var sum = 0.0
            vectors.append(
                signals.map {
                    sum += $0
                    return Float(sum)
                })
            let score = signals.enumerated().reduce(0.0) { $0 + ($1.offset % 2 == 0 ? $1.element : -$1.element) }
            let bucket: Int32 = score < -0.5 ? 0 : score < 0.5 ? 1 : 2
            labels.append(i % 7 == 0 ? Int32(i % 3) : bucket)
        }
        let features = Matrix(rowVectors: vectors)
        let (mean, scale) = LogisticRegression.standardization(of: features)
        let standardized = LogisticRegression.standardize(features, mean: mean, scale: scale)
        var plain = SoftmaxObjective(features: standardized, labels: labels, classCount: 3, inverseRegularization: 1)
        var whitened = plain
        let slow = plain.minimize(maxIterations: 5000, gradientTolerance: 1e-7, preconditioned: false)
        let fast = whitened.minimize(maxIterations: 5000, gradientTolerance: 1e-7)
        #expect(slow.converged && fast.converged)
        let iterations = "\(fast.iterations) against \(slow.iterations) iterations"
        #expect(2 * fast.iterations < slow.iterations, Comment(rawValue: iterations))
        #expect(Swift.abs(plain.value - whitened.value) <= 1e-8)
        for (a, b) in zip(plain.parameters, whitened.parameters) { #expect(Swift.abs(a - b) <= 1e-3) }
    }

    @Test func iterationLimitStopsTheFitUnconverged() {
        let model = LogisticRegression(
            features: Self.features, labels: Self.labels, classCount: 3,
            options: LogisticRegression.Options(maxIterations: 2, gradientTolerance: 1e-8))
        #expect(model.iterations == 2)
        #expect(!model.converged)
    }

    // Rosenbrock f(x, y) = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1), from the classic start (−1.2, 1).
    @Test func lbfgsFindsTheRosenbrockMinimum() {
        func evaluate(_ p: [Double]) -> (value: Double, gradient: [Double]) {
            let (x, y) = (p[0], p[1])
            let value = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
            return (value, [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])
        }
        var memory = LBFGSMemory(capacity: 10)
        var point = [-1.2, 1.0]
        var current = evaluate(point)
        var iterations = 0
        while current.gradient.map(abs).max() ?? 0 > 1e-8 && iterations < 200 {
            let p = memory.direction(gradient: current.gradient)
            let slope = dot(current.gradient, p)
            let found = WolfeLineSearch.search(
                value: current.value, slope: slope, initialStep: memory.count > 0 ? 1 : 0.01
            ) { step in
                let trial = evaluate([point[0] + step * p[0], point[1] + step * p[1]])
                return (trial.value, dot(trial.gradient, p))
            }
            #expect(found.step > 0 && found.satisfiesWolfe)
            let next = [point[0] + found.step * p[0], point[1] + found.step * p[1]]
            let evaluated = evaluate(next)
            memory.append(
                step: [next[0] - point[0], next[1] - point[1]],
                change: [evaluated.gradient[0] - current.gradient[0], evaluated.gradient[1] - current.gradient[1]])
            point = next
            current = evaluated
            iterations += 1
        }
        #expect(abs(point[0] - 1) <= 1e-6 && abs(point[1] - 1) <= 1e-6)
        #expect(iterations < 100)
    }
}
