import Foundation

/// Multinomial (softmax) logistic regression with an L2 penalty, fitted by L-BFGS; deterministic.
///
/// The model is p(k | x) = exp(z_k) / Σⱼ exp(z_j) with z = x̃·W + b, where x̃ is x standardised with
/// the training set's column means μ and population standard deviations σ, x̃ⱼ = (xⱼ − μⱼ) / σⱼ (a
/// column with σⱼ = 0 keeps scale 1). Fitting minimises, as scikit-learn's `LogisticRegression`
/// (lbfgs, multinomial) does,
///
///     L(W, b) = Σᵢ −log p(yᵢ | xᵢ) + ‖W‖² / (2C),
///
/// the intercepts b unpenalised. A class with no training rows has no minimiser in its intercept; its
/// intercept falls until the stopping rule holds, leaving it a small probability everywhere.
public struct LogisticRegression: Sendable {
    /// The fitting settings.
    public struct Options: Sendable, Equatable {
        /// Inverse regularisation strength C, as scikit-learn: minimises Σᵢ −log p(yᵢ | xᵢ) + ‖W‖² / (2C)
        /// (bias not penalised), on features standardised with the training set's column mean and
        /// population standard deviation (columns with standard deviation 0 get scale 1).
        public var inverseRegularization: Double
        /// The most L-BFGS iterations (accepted steps).
        public var maxIterations: Int
        /// The fit has converged when every component of the gradient of the per-row objective L / N is at
        /// most this in magnitude (scikit-learn's `tol`, which it passes to L-BFGS-B as `gtol`).
        public var gradientTolerance: Double

        public init(inverseRegularization: Double = 1, maxIterations: Int = 200, gradientTolerance: Double = 1e-4) {
            self.inverseRegularization = inverseRegularization
            self.maxIterations = maxIterations
            self.gradientTolerance = gradientTolerance
        }
    }

    /// K, the number of classes (columns of `probabilities`).
    public let classCount: Int
    /// L-BFGS iterations (accepted steps) the fit used.
    public let iterations: Int
    /// Whether the stopping rule held: max-abs gradient of L / N at most `gradientTolerance`.
    public let converged: Bool
    /// μ, the training columns' means.
    let mean: [Double]
    /// σ, the training columns' population standard deviations (1 where σ = 0).
    let scale: [Double]
    /// W in the standardised space, d×K row-major, as fitted.
    let coefficients: [Double]
    /// b, one per class.
    let intercepts: [Double]
    /// W rounded to `Float` for the product in `probabilities`.
    private let weights: Matrix

    /// Trains on `features` (N×d) with labels in 0..<classCount.
    ///
    /// The solver is L-BFGS with memory 10 (`LBFGSMemory`) and a strong Wolfe line search
    /// (`WolfeLineSearch`), started from W = 0, b = 0, or from `start`'s function when given (a model of the
    /// same classes and features, say one fitted on all the rows a cross-validation fold holds four fifths
    /// of: the objective is strictly convex, so the optimum is the same and is reached in about a third of
    /// the iterations). Each iteration costs two sgemm products, the
    /// direction p's logits X̃·p_W and the gradient X̃ᵀ·(P − Y); the line search runs on the logits
    /// Z + α·X̃p in `Double`, so trial steps cost O(N·K) each and φ is exactly smooth along the line.
    ///
    /// Stopping rule: converged when max |∂(L/N)/∂θ| ≤ `gradientTolerance`, the gradient of the per-row
    /// objective, so the rule does not depend on N (scikit-learn's lbfgs rule: its `tol` is scipy's `gtol`
    /// on the sample-averaged loss). Otherwise it stops, not converged, after `maxIterations`, when L/N
    /// falls by at most 64ε relative in a step (scipy's `ftol`), or when no step decreases L at all.
    /// Classes with no rows are allowed; no randomness is used, so equal inputs give bit-identical models.
    /// - Parameters:
    ///   - features: N×d, one row per example.
    ///   - labels: N class ids in 0..<classCount.
    ///   - start: where to start, re-expressed for this fit's standardisation; nil for zero.
    /// - Complexity: O(N·d) to standardise, then O(N·d·K) per iteration.
    public init(
        features: Matrix, labels: [Int32], classCount: Int, options: Options = Options(),
        startingFrom start: LogisticRegression? = nil
    ) {
        precondition(classCount > 0, "logistic regression needs at least one class")
        precondition(labels.count == features.rows, "\(labels.count) labels for \(features.rows) rows")
        precondition(labels.allSatisfy { $0 >= 0 && Int($0) < classCount }, "labels must lie in 0..<classCount")
        precondition(options.inverseRegularization > 0, "the inverse regularisation C must be positive")
        let (mean, scale) = LogisticRegression.standardization(of: features)
        var objective = SoftmaxObjective(
            features: LogisticRegression.standardize(features, mean: mean, scale: scale), labels: labels,
            classCount: classCount, inverseRegularization: options.inverseRegularization)
        if let start {
            precondition(
                start.classCount == classCount && start.mean.count == features.columns, "a start of another shape")
            objective.moveTo(start.parameters(standardizedWith: mean, scale: scale))
        }
        let fit = objective.minimize(
            maxIterations: options.maxIterations, gradientTolerance: options.gradientTolerance)
        let d = features.columns
        self.classCount = classCount
        self.iterations = fit.iterations
        self.converged = fit.converged
        self.mean = mean
        self.scale = scale
        self.coefficients = Array(objective.parameters[0..<(d * classCount)])
        self.intercepts = Array(objective.parameters[(d * classCount)...])
        self.weights = Matrix(rows: d, columns: classCount, values: coefficients.map { Float($0) })
    }

    /// This model's W and b (d×K row-major, then K) for features standardised with `mean` and `scale` instead
    /// of its own μ and σ: the same logits x·(W/σ)… rewritten as ((x − mean)/scale)·W′ + b′, with
    /// W′ⱼ = Wⱼ·scaleⱼ/σⱼ and b′ = b + Σⱼ (meanⱼ − μⱼ)/σⱼ · Wⱼ.
    ///
    /// - Complexity: O(d·K).
    func parameters(standardizedWith mean: [Double], scale: [Double]) -> [Double] {
        let k = classCount
        var weights = coefficients
        var biases = intercepts
        for j in 0..<mean.count {
            let stretch = scale[j] / self.scale[j]
            let shift = (mean[j] - self.mean[j]) / self.scale[j]
            for c in 0..<k {
                biases[c] += shift * coefficients[j * k + c]
                weights[j * k + c] *= stretch
            }
        }
        return weights + biases
    }

    /// The same model over the classes `classes` (in that order): their columns of W and b, nil giving a
    /// class with zero weights and intercept. A start for a fit over other classes.
    ///
    /// - Complexity: O(d·K′).
    public func selecting(classes: [Int?]) -> LogisticRegression {
        let d = mean.count
        var weights: [Double] = []
        weights.reserveCapacity(d * classes.count)
        for j in 0..<d {
            for c in classes { weights.append(c.map { coefficients[j * classCount + $0] } ?? 0) }
        }
        return LogisticRegression(
            snapshot: Snapshot(
                classCount: classes.count, mean: mean, scale: scale, coefficients: weights,
                intercepts: classes.map { c in c.map { intercepts[$0] } ?? 0 }, iterations: iterations,
                converged: converged))
    }

    /// What a fitted model is, to write out and read back: `init(snapshot:)` gives a model whose
    /// `probabilities` are bit for bit this one's.
    public struct Snapshot: Sendable, Equatable {
        public var classCount: Int
        /// μ and σ of the training columns, d each.
        public var mean: [Double]
        public var scale: [Double]
        /// W in the standardised space, d×K row-major, and b, K.
        public var coefficients: [Double]
        public var intercepts: [Double]
        public var iterations: Int
        public var converged: Bool

        public init(
            classCount: Int, mean: [Double], scale: [Double], coefficients: [Double], intercepts: [Double],
            iterations: Int, converged: Bool
        ) {
            self.classCount = classCount
            self.mean = mean
            self.scale = scale
            self.coefficients = coefficients
            self.intercepts = intercepts
            self.iterations = iterations
            self.converged = converged
        }

        /// Whether the parts have the shapes of one model: K > 0, d means and scales, d·K weights, K intercepts.
        public var isWellFormed: Bool {
            classCount > 0 && scale.count == mean.count && coefficients.count == mean.count * classCount
                && intercepts.count == classCount
        }
    }

    /// This model as a `Snapshot`.
    public var snapshot: Snapshot {
        Snapshot(
            classCount: classCount, mean: mean, scale: scale, coefficients: coefficients, intercepts: intercepts,
            iterations: iterations, converged: converged)
    }

    /// The model `snapshot` holds.
    public init(snapshot: Snapshot) {
        precondition(snapshot.isWellFormed, "a snapshot of one model")
        classCount = snapshot.classCount
        iterations = snapshot.iterations
        converged = snapshot.converged
        mean = snapshot.mean
        scale = snapshot.scale
        coefficients = snapshot.coefficients
        intercepts = snapshot.intercepts
        weights = Matrix(rows: mean.count, columns: classCount, values: coefficients.map { Float($0) })
    }

    /// Class probabilities, one row per feature row (N×K, rows sum to 1).
    ///
    /// Softmax of z = x̃·W + b, with the maximum logit subtracted before exponentiating.
    /// - Complexity: O(N·d·K).
    public func probabilities(_ features: Matrix) -> Matrix {
        precondition(
            features.columns == mean.count, "\(features.columns) columns; the model was trained on \(mean.count)")
        let k = classCount
        var result = Matrix.product(LogisticRegression.standardize(features, mean: mean, scale: scale), weights)
        result.values.withUnsafeMutableBufferPointer { values in
            intercepts.withUnsafeBufferPointer { intercepts in
                RowBlocks(rows: features.rows, width: k).inParallel { rows in
                    var row = [Double](repeating: 0, count: k)
                    for i in rows {
                        var largest = -Double.infinity
                        for c in 0..<k {
                            row[c] = Double(values[i * k + c]) + intercepts[c]
                            largest = max(largest, row[c])
                        }
                        var sum = 0.0
                        for c in 0..<k {
                            row[c] = exp(row[c] - largest)
                            sum += row[c]
                        }
                        for c in 0..<k { values[i * k + c] = Float(row[c] / sum) }
                    }
                }
            }
        }
        return result
    }

    /// The column means μ and population standard deviations σ of `features` (two passes, in `Double`;
    /// σ = 0, a constant column, becomes 1).
    ///
    /// - Complexity: O(N·d).
    static func standardization(of features: Matrix) -> (mean: [Double], scale: [Double]) {
        let n = features.rows
        let d = features.columns
        var mean = [Double](repeating: 0, count: d)
        var variance = [Double](repeating: 0, count: d)
        guard n > 0 else { return (mean, [Double](repeating: 1, count: d)) }
        for i in 0..<n {
            for j in 0..<d { mean[j] += Double(features.values[i * d + j]) }
        }
        for j in 0..<d { mean[j] /= Double(n) }
        for i in 0..<n {
            for j in 0..<d {
                let centred = Double(features.values[i * d + j]) - mean[j]
                variance[j] += centred * centred
            }
        }
        let scale = variance.map { $0 > 0 ? ($0 / Double(n)).squareRoot() : 1 }
        return (mean, scale)
    }

    /// x̃ᵢⱼ = (xᵢⱼ − μⱼ) / σⱼ, computed in `Double` and rounded to `Float`.
    ///
    /// - Complexity: O(N·d).
    static func standardize(_ features: Matrix, mean: [Double], scale: [Double]) -> Matrix {
        let d = features.columns
        var result = features
        for i in 0..<features.rows {
            for j in 0..<d {
                result.values[i * d + j] = Float((Double(features.values[i * d + j]) - mean[j]) / scale[j])
            }
        }
        return result
    }

    /// The per-row objective L / N and its gradient at `parameters` (W as d×K row-major, then b), for
    /// already standardised features; what the solver minimises.
    ///
    /// - Complexity: O(N·d·K).
    static func objective(
        standardized: Matrix, labels: [Int32], classCount: Int, inverseRegularization: Double, parameters: [Double]
    ) -> (value: Double, gradient: [Double]) {
        var objective = SoftmaxObjective(
            features: standardized, labels: labels, classCount: classCount,
            inverseRegularization: inverseRegularization)
        objective.moveTo(parameters)
        return (objective.value, objective.gradient)
    }
}
