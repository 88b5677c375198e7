import AssayCore
import Foundation
import Testing

@testable import AssayEmbed

/// Attention and the vector exponential against direct double-precision formulas.
@Suite(.serialized) struct AttentionTests {
    /// softmax(Q_h K_hᵀ / √32) V_h for every head of one sequence, in Double, straight from the definition.
    private func directContext(q: [Float], k: [Float], v: [Float], first: Int, length: Int) -> [Double] {
        let h = MiniLMEncoder.hiddenSize
        let d = MiniLMEncoder.headSize
        var context = [Double](repeating: 0, count: length * h)
        for column in stride(from: 0, to: h, by: d) {
            for i in 0..<length {
                let scores = (0..<length).map { j in
                    (0..<d).reduce(0.0) {
                        $0 + Double(q[(first + i) * h + column + $1]) * Double(k[(first + j) * h + column + $1])
                    }
                        / Double(d).squareRoot()
                }
                let largest = scores.max() ?? 0
                let weights = scores.map { Foundation.exp($0 - largest) }
                let total = weights.reduce(0, +)
                for c in 0..<d {
                    context[i * h + column + c] =
                        (0..<length).reduce(0.0) { $0 + weights[$1] * Double(v[(first + $1) * h + column + c]) } / total
                }
            }
        }
        return context
    }

    // Lengths around the 8-lane padding and the 32-row query blocks, stacked as the encoder stacks them.
    @Test func contextMatchesTheDefinitionForStackedSequences() {
        let lengths = [1, 5, 8, 33, 70]
        let rows = lengths.reduce(0, +)
        let h = MiniLMEncoder.hiddenSize
        var random = SeededRandom(seed: 5, stream: "attention-test")
        func values() -> [Float] { (0..<(rows * h)).map { _ in Float(random.below(4001)) / 1000 - 2 } }
        let (q, k, v) = (values(), values(), values())
        var starts = [0]
        for length in lengths { starts.append(starts[starts.count - 1] + length) }
        let context = Attention.context(q: q, k: k, v: v, rows: rows, sequenceStarts: starts)
        for (s, length) in lengths.enumerated() {
            let expected = directContext(q: q, k: k, v: v, first: starts[s], length: length)
            let worst = (0..<(length * h)).map { abs(Double(context[starts[s] * h + $0]) - expected[$0]) }.max() ?? 0
            #expect(worst <= 1e-5, "length \(length): largest difference \(worst)")
        }
    }

    // The polynomial exponential is within a few float roundings of libm's over its whole range, and 0 below −87.
    @Test func vectorExponentialMatchesLibm() {
        var worst = 0.0
        for step in 0...87_000 {
            let v = -Float(step) / 1000
            let e = GELU.exp(SIMD8<Float>(repeating: v))[0]
            let expected = Foundation.exp(Double(v))
            worst = max(worst, abs(Double(e) - expected) / expected)
        }
        #expect(worst <= 3e-7)
        #expect(GELU.exp(SIMD8<Float>(repeating: -88))[0] == 0)
        #expect(GELU.exp(SIMD8<Float>(repeating: -.infinity))[0] == 0)
    }
}
