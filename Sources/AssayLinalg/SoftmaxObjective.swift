import Foundation

/// The per-row objective F(θ) = L(W, b) / N = (1/N) Σᵢ [log Σₖ exp zᵢₖ − zᵢ,yᵢ] + ‖W‖² / (2CN), with
/// z = X̃·W + b, and the state of its minimisation: θ, the logits at θ, F and ∇F there.
///
/// ∇_W F = X̃ᵀ·(P − Y) / N + W / (CN) and ∇_b F = Σᵢ (Pᵢ − Yᵢ) / N, where P holds the softmax
/// probabilities and Y the one-hot labels.
struct SoftmaxObjective {
    let features: Matrix
    let labels: [Int32]
    let classCount: Int
    /// 1 / (C·N), the weight of ½‖W‖² in F.
    let penalty: Double
    /// 1 / N.
    let rowWeight: Double
    /// θ: W (d×K, row-major), then b (K).
    private(set) var parameters: [Double]
    /// F(θ).
    private(set) var value = 0.0
    /// ∇F(θ).
    private(set) var gradient: [Double]
    /// Z = X̃·W + b (N×K), tracked in `Double` as steps are taken.
    private var logits: [Double]
    /// P at θ (N×K).
    private var probabilities: [Double]
    /// P − Y at θ, in `Float` for the gradient product.
    private var residual: Matrix
    /// An N×K `Float` buffer the products X̃·W and X̃·p_W are written to, reused so that each product
    /// does not fault in fresh pages.
    private var product: Matrix
    /// The d×K buffer of X̃ᵀ·(P − Y).
    private var gradientProduct: Matrix
    /// The row blocks of the O(N·K) passes.
    private let blocks: RowBlocks
    /// The current search direction p, W's part rounded to `Float`.
    private var direction: [Double]
    /// X̃·p_W + p_b (N×K).
    private var lineLogits: [Double]
    /// P at θ + α·p for the last α `line` evaluated, with that α and Σᵢ −log pᵢ,yᵢ there.
    private var trial: (probabilities: [Double], step: Double, loss: Double)

    init(features: Matrix, labels: [Int32], classCount: Int, inverseRegularization: Double) {
        let n = features.rows
        let size = (features.columns + 1) * classCount
        self.features = features
        self.labels = labels
        self.classCount = classCount
        self.rowWeight = 1 / Double(max(1, n))
        self.penalty = 1 / (inverseRegularization * Double(max(1, n)))
        self.parameters = [Double](repeating: 0, count: size)
        self.gradient = [Double](repeating: 0, count: size)
        self.direction = [Double](repeating: 0, count: size)
        // Z starts at 0; every other N×K buffer is written before it is read, so it is left unfilled
        // (filling and copying these hundreds of megabytes cost a third of a fit at K = 1,000).
        let entries = n * classCount
        self.logits = [Double](repeating: 0, count: entries)
        self.probabilities = .unfilled(entries)
        self.lineLogits = .unfilled(entries)
        self.trial = (.unfilled(entries), .nan, 0)
        self.residual = Matrix(rows: n, columns: classCount, values: .unfilled(entries))
        self.product = Matrix(rows: n, columns: classCount, values: .unfilled(entries))
        self.gradientProduct = Matrix(rows: features.columns, columns: classCount)
        self.blocks = RowBlocks(rows: n, width: classCount)
        refresh(loss: softmax(of: logits, into: &probabilities))
    }

    private var weightCount: Int { features.columns * classCount }

    /// Sets θ and recomputes the logits from scratch (one sgemm with W rounded to `Float`).
    ///
    /// - Complexity: O(N·d·K).
    mutating func moveTo(_ newParameters: [Double]) {
        precondition(newParameters.count == parameters.count, "θ has (d + 1)·K entries")
        parameters = newParameters
        let k = classCount
        let w = Matrix(
            rows: features.columns, columns: k, values: parameters[0..<weightCount].map { Float($0) })
        Matrix.multiply(features, w, into: &product)
        let blocks = blocks
        let intercepts = Array(parameters[weightCount...])
        product.values.withUnsafeBufferPointer { product in
            logits.withUnsafeMutableBufferPointer { logits in
                blocks.inParallel { rows in
                    for i in rows {
                        for c in 0..<k { logits[i * k + c] = Double(product[i * k + c]) + intercepts[c] }
                    }
                }
            }
        }
        refresh(loss: softmax(of: logits, into: &probabilities))
    }

    /// The row-wise softmax of `z` (each row's maximum subtracted first) into `p`.
    ///
    /// - Returns: Σᵢ −log pᵢ,yᵢ = Σᵢ [log Σₖ exp zᵢₖ − zᵢ,yᵢ].
    /// - Complexity: O(N·K).
    private func softmax(of z: [Double], into p: inout [Double]) -> Double {
        let k = classCount
        return z.withUnsafeBufferPointer { z in
            p.withUnsafeMutableBufferPointer { p in
                labels.withUnsafeBufferPointer { labels in
                    blocks.sum { rows in
                        var loss = 0.0
                        for i in rows {
                            let base = i * k
                            var largest = -Double.infinity
                            for c in 0..<k { largest = max(largest, z[base + c]) }
                            var sum = 0.0
                            for c in 0..<k {
                                p[base + c] = exp(z[base + c] - largest)
                                sum += p[base + c]
                            }
                            for c in 0..<k { p[base + c] /= sum }
                            loss += largest + log(sum) - z[base + Int(labels[i])]
                        }
                        return SIMD2(loss, 0)
                    }[0]
                }
            }
        }
    }

    /// F from `loss` = Σᵢ −log pᵢ,yᵢ, the residual P − Y and ∇F, from `probabilities`.
    ///
    /// - Complexity: O(N·d·K) (the gradient product).
    private mutating func refresh(loss: Double) {
        let k = classCount
        var squaredNorm = 0.0
        for j in 0..<weightCount { squaredNorm += parameters[j] * parameters[j] }
        value = loss * rowWeight + 0.5 * penalty * squaredNorm
        let products = residualProducts()
        for j in 0..<weightCount {
            gradient[j] = products.weights[j] * rowWeight + penalty * parameters[j]
        }
        for c in 0..<k { gradient[weightCount + c] = products.intercepts[c] * rowWeight }
    }

    /// X̃ᵀ·(P − Y) (d×K, through sgemm) and Σᵢ (Pᵢ − Yᵢ), after storing P − Y in `residual`.
    ///
    /// - Complexity: O(N·d·K).
    private mutating func residualProducts() -> (weights: [Double], intercepts: [Double]) {
        let k = classCount
        let blocks = blocks
        let labels = labels
        // Each block's column sums of P − Y, added in block order below.
        var partials = [Double](repeating: 0, count: blocks.count * k)
        probabilities.withUnsafeBufferPointer { p in
            residual.values.withUnsafeMutableBufferPointer { r in
                partials.withUnsafeMutableBufferPointer { partials in
                    blocks.inParallel { rows in
                        let offset = rows.lowerBound / blocks.rowsPerBlock * k
                        for i in rows {
                            let label = Int(labels[i])
                            for c in 0..<k {
                                let difference = p[i * k + c] - (c == label ? 1 : 0)
                                partials[offset + c] += difference
                                r[i * k + c] = Float(difference)
                            }
                        }
                    }
                }
            }
        }
        var intercepts = [Double](repeating: 0, count: k)
        for block in 0..<blocks.count {
            for c in 0..<k { intercepts[c] += partials[block * k + c] }
        }
        Matrix.multiply(features, residual, transposeA: true, into: &gradientProduct)
        return (gradientProduct.values.map { Double($0) }, intercepts)
    }

    /// Makes `p` the search direction, W's part rounded to `Float` (so that the tracked logits stay
    /// X̃·W + b up to the products' rounding), and computes its logits X̃·p_W + p_b.
    ///
    /// - Returns: φ(0) = F(θ) and φ′(0) = (1/N) Σᵢ Σₖ (Pᵢₖ − Yᵢₖ)·(X̃p)ᵢₖ + W·p_W / (CN), the slope along
    ///   the logits the line search will use (not ∇F·p, whose product rounds in `Float`).
    /// - Complexity: O(N·d·K).
    private mutating func setDirection(_ p: [Double]) -> (value: Double, slope: Double) {
        let k = classCount
        let weightCount = weightCount
        let rounded = Matrix(rows: features.columns, columns: k, values: p[0..<weightCount].map { Float($0) })
        for j in 0..<weightCount { direction[j] = Double(rounded.values[j]) }
        for c in 0..<k { direction[weightCount + c] = p[weightCount + c] }
        Matrix.multiply(features, rounded, into: &product)
        let blocks = blocks
        let labels = labels
        let interceptStep = Array(direction[weightCount...])
        let slope = product.values.withUnsafeBufferPointer { product in
            probabilities.withUnsafeBufferPointer { probabilities in
                lineLogits.withUnsafeMutableBufferPointer { lineLogits in
                    blocks.sum { rows in
                        var slope = 0.0
                        for i in rows {
                            for c in 0..<k {
                                lineLogits[i * k + c] = Double(product[i * k + c]) + interceptStep[c]
                                slope += probabilities[i * k + c] * lineLogits[i * k + c]
                            }
                            slope -= lineLogits[i * k + Int(labels[i])]
                        }
                        return SIMD2(slope, 0)
                    }[0]
                }
            }
        }
        var wp = 0.0
        for j in 0..<weightCount { wp += parameters[j] * direction[j] }
        return (value, slope * rowWeight + penalty * wp)
    }

    /// φ(α) = F(θ + α·p) and φ′(α) for the current direction p, from Z + α·X̃p; keeps P there in `trial`.
    ///
    /// φ′(α) = (1/N) Σᵢ Σₖ (Pᵢₖ(α) − Yᵢₖ)·(X̃p)ᵢₖ + (W + α·p_W)·p_W / (CN).
    /// - Complexity: O(N·K + d·K).
    private mutating func line(at step: Double) -> (value: Double, slope: Double) {
        let k = classCount
        let blocks = blocks
        let labels = labels
        let sums = logits.withUnsafeBufferPointer { z in
            lineLogits.withUnsafeBufferPointer { zp in
                trial.probabilities.withUnsafeMutableBufferPointer { p in
                    blocks.sum { rows in
                        var loss = 0.0
                        var slope = 0.0
                        for i in rows {
                            let base = i * k
                            var largest = -Double.infinity
                            for c in 0..<k {
                                p[base + c] = z[base + c] + step * zp[base + c]
                                largest = max(largest, p[base + c])
                            }
                            let label = base + Int(labels[i])
                            let labelLogit = p[label]
                            var sum = 0.0
                            var weighted = 0.0
                            for c in 0..<k {
                                p[base + c] = exp(p[base + c] - largest)
                                sum += p[base + c]
                                weighted += p[base + c] * zp[base + c]
                            }
                            for c in 0..<k { p[base + c] /= sum }
                            loss += largest + log(sum) - labelLogit
                            slope += weighted / sum - zp[label]
                        }
                        return SIMD2(loss, slope)
                    }
                }
            }
        }
        let (loss, slope) = (sums[0], sums[1])
        trial.step = step
        trial.loss = loss
        var wp = 0.0
        var pp = 0.0
        var ww = 0.0
        for j in 0..<weightCount {
            wp += parameters[j] * direction[j]
            pp += direction[j] * direction[j]
            ww += parameters[j] * parameters[j]
        }
        let value = loss * rowWeight + 0.5 * penalty * (ww + 2 * step * wp + step * step * pp)
        return (value, slope * rowWeight + penalty * (wp + step * pp))
    }

    /// θ += α·p and Z += α·X̃p (the expression `line` used), then F and ∇F there, reusing P from the
    /// line search when it last evaluated this α.
    ///
    /// - Complexity: O(N·d·K).
    private mutating func take(step: Double) {
        for j in parameters.indices { parameters[j] += step * direction[j] }
        let k = classCount
        let blocks = blocks
        lineLogits.withUnsafeBufferPointer { zp in
            logits.withUnsafeMutableBufferPointer { z in
                blocks.inParallel { rows in
                    for index in (rows.lowerBound * k)..<(rows.upperBound * k) { z[index] += step * zp[index] }
                }
            }
        }
        if trial.step == step {
            swap(&probabilities, &trial.probabilities)
            refresh(loss: trial.loss)
        } else {
            refresh(loss: softmax(of: logits, into: &probabilities))
        }
        trial.step = .nan
    }

    /// Runs L-BFGS from the current θ, preconditioned by C = X̃ᵀX̃ / N (`GramPreconditioner`) when
    /// `preconditioned` and there are enough rows for it to pay.
    ///
    /// - Returns: the iterations (accepted steps) and whether max |∇F| ≤ `gradientTolerance` at the end.
    /// - Complexity: O(maxIterations · N·d·K).
    mutating func minimize(
        maxIterations: Int, gradientTolerance: Double, preconditioned: Bool = true
    ) -> (iterations: Int, converged: Bool) {
        let preconditioner =
            preconditioned && GramPreconditioner.worthUsing(for: features)
            ? GramPreconditioner(
                standardized: features, classCount: classCount, ridge: max(Double(classCount) * penalty, 1e-6))
            : nil
        var memory = LBFGSMemory(capacity: 10, preconditioner: preconditioner)
        var iteration = 0
        while true {
            let largest = gradient.reduce(0) { max($0, abs($1)) }
            if largest <= gradientTolerance { return (iteration, true) }
            guard iteration < maxIterations else { return (iteration, false) }
            var start = setDirection(memory.direction(gradient: gradient))
            if !(start.slope < 0) && memory.count > 0 {
                // Not a descent direction (rounding in the curvature pairs): restart from (preconditioned)
                // steepest descent.
                memory.reset()
                start = setDirection(memory.direction(gradient: gradient))
            }
            guard start.slope < 0 else { return (iteration, false) }
            // A quasi-Newton step is scaled already; a steepest-descent one starts at unit length.
            let initialStep = memory.count > 0 ? 1 : 1 / max(dot(direction, direction).squareRoot(), 1e-300)
            let found = WolfeLineSearch.search(value: start.value, slope: start.slope, initialStep: initialStep) {
                line(at: $0)
            }
            guard found.step > 0, found.value < start.value else {
                if memory.count > 0 {
                    memory.reset()
                    continue
                }
                return (iteration, false)
            }
            let previousGradient = gradient
            let previousValue = value
            take(step: found.step)
            iteration += 1
            memory.append(
                step: direction.map { found.step * $0 },
                change: zip(gradient, previousGradient).map { $0 - $1 })
            // Scipy's L-BFGS-B stop (sklearn's ftol = 64ε): the objective no longer moves in `Double`.
            if previousValue - value <= 64 * Double.ulpOfOne * max(abs(previousValue), abs(value), 1) {
                return (iteration, gradient.reduce(0) { max($0, abs($1)) } <= gradientTolerance)
            }
        }
    }
}

extension Array where Element: BinaryFloatingPoint {
    /// `count` elements left as the allocator hands them over, for a buffer that is written in full
    /// before it is read (any bit pattern is a valid floating-point value).
    ///
    /// - Complexity: O(1) beyond the allocation.
    fileprivate static func unfilled(_ count: Int) -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
