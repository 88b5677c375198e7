/// The memory of limited-memory BFGS: the last `capacity` steps s = x₊ − x and gradient changes
/// y = ∇f(x₊) − ∇f(x), and the two-loop recursion that applies the implied inverse-Hessian estimate
/// (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithm 7.4).
///
/// Pure `Double` arithmetic in a fixed order, so the same pairs always give the same direction.
struct LBFGSMemory: Sendable {
    /// The number of pairs kept.
    let capacity: Int
    /// H₀ up to the scale γ; the identity when nil.
    let preconditioner: GramPreconditioner?
    private var steps: [[Double]] = []
    private var changes: [[Double]] = []
    /// H₀·y of the newest pair, for γ.
    private var newestPreconditionedChange: [Double] = []
    /// 1 / (yᵀs) per pair.
    private var inverseCurvatures: [Double] = []
    /// Index of the oldest pair once the ring is full.
    private var oldest = 0

    init(capacity: Int = 10, preconditioner: GramPreconditioner? = nil) {
        precondition(capacity > 0, "L-BFGS keeps at least one pair")
        self.capacity = capacity
        self.preconditioner = preconditioner
    }

    /// The number of pairs held.
    var count: Int { steps.count }

    /// Forgets every pair (a restart from steepest descent).
    mutating func reset() {
        steps.removeAll(keepingCapacity: true)
        changes.removeAll(keepingCapacity: true)
        inverseCurvatures.removeAll(keepingCapacity: true)
        newestPreconditionedChange = []
        oldest = 0
    }

    /// Records the pair (s, y) when its curvature yᵀs is safely positive, the condition that keeps the
    /// estimate positive definite: yᵀs > 10⁻¹⁰ · yᵀy. A pair that fails is skipped.
    ///
    /// - Returns: whether the pair was kept.
    /// - Complexity: O(n) for vectors of length n.
    @discardableResult
    mutating func append(step s: [Double], change y: [Double]) -> Bool {
        precondition(s.count == y.count, "a step and its gradient change have one length")
        let curvature = dot(y, s)
        let changeNorm = dot(y, y)
        guard curvature.isFinite, changeNorm.isFinite, curvature > 1e-10 * changeNorm, curvature > 0 else {
            return false
        }
        newestPreconditionedChange = preconditioner?.apply(y) ?? y
        if steps.count < capacity {
            steps.append(s)
            changes.append(y)
            inverseCurvatures.append(1 / curvature)
        } else {
            steps[oldest] = s
            changes[oldest] = y
            inverseCurvatures[oldest] = 1 / curvature
            oldest = (oldest + 1) % capacity
        }
        return true
    }

    /// The quasi-Newton direction −H·g, with H₀ = γM, γ = sᵀy / yᵀMy of the newest pair, M the
    /// preconditioner (the identity without one); −M·g when empty.
    ///
    /// With M = TTᵀ this is L-BFGS with H₀ = γI in the variables z = T⁻¹x, since BFGS updates commute with
    /// linear changes of variables (Nocedal & Wright, section 6.1 and eq. 7.20 for γ).
    /// - Complexity: O(capacity · n), plus one application of M.
    func direction(gradient g: [Double]) -> [Double] {
        var q = g
        let m = steps.count
        guard m > 0 else { return (preconditioner?.apply(q) ?? q).map { -$0 } }
        // Pair order newest → oldest: positions oldest−1, oldest−2, … in the ring.
        let order = (0..<m).map { (oldest - 1 - $0 + 2 * m) % m }
        var alphas = [Double](repeating: 0, count: m)
        for (position, index) in order.enumerated() {
            let alpha = inverseCurvatures[index] * dot(steps[index], q)
            alphas[position] = alpha
            axpy(-alpha, changes[index], &q)
        }
        let newest = order[0]
        let gamma = 1 / (inverseCurvatures[newest] * dot(changes[newest], newestPreconditionedChange))
        if let preconditioner { q = preconditioner.apply(q) }
        for j in q.indices { q[j] *= gamma }
        for (position, index) in order.enumerated().reversed() {
            let beta = inverseCurvatures[index] * dot(changes[index], q)
            axpy(alphas[position] - beta, steps[index], &q)
        }
        for j in q.indices { q[j] = -q[j] }
        return q
    }
}

/// A line search for the strong Wolfe conditions on φ(α) = f(x + α·p), φ′(0) < 0:
/// sufficient decrease φ(α) ≤ φ(0) + c₁·α·φ′(0) and curvature |φ′(α)| ≤ c₂·|φ′(0)|
/// (Nocedal & Wright, Algorithms 3.5 and 3.6, with safeguarded cubic interpolation in the zoom).
enum WolfeLineSearch {
    /// The outcome: the step, φ and φ′ there, and whether both Wolfe conditions hold (when not, the step
    /// still satisfies sufficient decrease; a step of 0 means no decrease was found).
    struct Result: Sendable, Equatable {
        var step: Double
        var value: Double
        var slope: Double
        var satisfiesWolfe: Bool
    }

    /// Searches from `initialStep`, calling `evaluate(α) -> (φ(α), φ′(α))` at most `maxEvaluations` times.
    ///
    /// - Parameters:
    ///   - value: φ(0).
    ///   - slope: φ′(0), negative.
    ///   - sufficientDecrease: c₁ (10⁻⁴).
    ///   - curvature: c₂ (0.9, the usual choice for quasi-Newton directions).
    /// - Complexity: O(maxEvaluations) calls of `evaluate`.
    static func search(
        value f0: Double, slope g0: Double, initialStep: Double, maxEvaluations: Int = 30,
        sufficientDecrease c1: Double = 1e-4, curvature c2: Double = 0.9,
        evaluate: (Double) -> (value: Double, slope: Double)
    ) -> Result {
        precondition(g0 < 0, "the line search needs a descent direction")
        var evaluations = 0
        var previous = (step: 0.0, value: f0, slope: g0)
        var step = initialStep
        // Bracketing phase (Algorithm 3.5): grow the step until it overshoots or meets the conditions.
        while evaluations < maxEvaluations {
            let (f, g) = evaluate(step)
            evaluations += 1
            let current = (step: step, value: f, slope: g)
            if !f.isFinite || f > f0 + c1 * step * g0 || (evaluations > 1 && f >= previous.value) {
                return zoom(
                    low: previous, high: current, f0: f0, g0: g0, c1: c1, c2: c2, budget: maxEvaluations - evaluations,
                    evaluate: evaluate)
            }
            if abs(g) <= -c2 * g0 { return Result(step: step, value: f, slope: g, satisfiesWolfe: true) }
            if g >= 0 {
                return zoom(
                    low: current, high: previous, f0: f0, g0: g0, c1: c1, c2: c2, budget: maxEvaluations - evaluations,
                    evaluate: evaluate)
            }
            previous = current
            step *= 4
        }
        return Result(step: previous.step, value: previous.value, slope: previous.slope, satisfiesWolfe: false)
    }

    /// Algorithm 3.6: `low` satisfies sufficient decrease with the lowest φ seen, and the interval
    /// between `low` and `high` holds a step meeting both conditions.
    private static func zoom(
        low start: (step: Double, value: Double, slope: Double), high end: (step: Double, value: Double, slope: Double),
        f0: Double, g0: Double, c1: Double, c2: Double, budget: Int,
        evaluate: (Double) -> (value: Double, slope: Double)
    ) -> Result {
        var low = start
        var high = end
        for _ in 0..<max(0, budget) {
            let step = interpolate(low, high)
            let (f, g) = evaluate(step)
            if !f.isFinite || f > f0 + c1 * step * g0 || f >= low.value {
                high = (step, f, g)
            } else {
                if abs(g) <= -c2 * g0 { return Result(step: step, value: f, slope: g, satisfiesWolfe: true) }
                if g * (high.step - low.step) >= 0 { high = low }
                low = (step, f, g)
            }
            if abs(high.step - low.step) <= 1e-14 * max(1, abs(low.step)) { break }
        }
        return Result(step: low.step, value: low.value, slope: low.slope, satisfiesWolfe: false)
    }

    /// The minimiser of the cubic through (a, φ(a), φ′(a)) and (b, φ(b), φ′(b)) (Nocedal & Wright, eq. 3.59),
    /// kept at least a tenth of the interval away from either end; the midpoint when the cubic has none.
    private static func interpolate(
        _ a: (step: Double, value: Double, slope: Double), _ b: (step: Double, value: Double, slope: Double)
    ) -> Double {
        let lower = min(a.step, b.step)
        let upper = max(a.step, b.step)
        let margin = 0.1 * (upper - lower)
        let midpoint = 0.5 * (lower + upper)
        guard a.value.isFinite, b.value.isFinite, b.slope.isFinite, a.step != b.step else { return midpoint }
        let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
        let radicand = d1 * d1 - a.slope * b.slope
        guard radicand >= 0 else { return midpoint }
        let d2 = (b.step > a.step ? 1.0 : -1.0) * radicand.squareRoot()
        let denominator = b.slope - a.slope + 2 * d2
        guard denominator != 0 else { return midpoint }
        let candidate = b.step - (b.step - a.step) * (b.slope + d2 - d1) / denominator
        guard candidate.isFinite, candidate >= lower + margin, candidate <= upper - margin else { return midpoint }
        return candidate
    }
}

/// Σ aᵢbᵢ in index order.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var sum = 0.0
    for j in a.indices { sum += a[j] * b[j] }
    return sum
}

/// y += α·x.
private func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
    for j in y.indices { y[j] += alpha * x[j] }
}
