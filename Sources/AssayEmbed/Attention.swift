import Dispatch
import Foundation

/// Multi-head self-attention over stacked, unpadded sequences: for each sequence and head,
/// softmax(Q Kᵀ / √32) V. Heads are 32 wide, so dot products are four 8-lane SIMD steps; sequences
/// are spread over every core (each writes only its own rows of the context).
enum Attention {
    /// The context rows for `q`, `k`, `v` (rows × hiddenSize each); sequence s owns rows
    /// `sequenceStarts[s]..<sequenceStarts[s + 1]`.
    ///
    /// - Complexity: O(Σ L² · hiddenSize).
    static func context(q: [Float], k: [Float], v: [Float], rows: Int, sequenceStarts: [Int]) -> [Float] {
        var context = [Float](repeating: 0, count: rows * MiniLMEncoder.hiddenSize)
        q.withUnsafeBufferPointer { q in
            k.withUnsafeBufferPointer { k in
                v.withUnsafeBufferPointer { v in
                    context.withUnsafeMutableBufferPointer { c in
                        guard let qBase = q.baseAddress, let kBase = k.baseAddress, let vBase = v.baseAddress,
                            let cBase = c.baseAddress
                        else { return }
                        let inputs = Inputs(q: qBase, k: kBase, v: vBase, context: cBase)
                        DispatchQueue.concurrentPerform(iterations: sequenceStarts.count - 1) { s in
                            let first = sequenceStarts[s]
                            let length = sequenceStarts[s + 1] - first
                            guard length > 0 else { return }
                            var scores = [Float](repeating: 0, count: length)
                            for head in 0..<MiniLMEncoder.headCount {
                                attend(inputs, first: first, length: length, head: head, scores: &scores)
                            }
                        }
                    }
                }
            }
        }
        return context
    }

    /// Raw pointers to the batch's matrices, shared by the workers; each writes disjoint rows.
    private struct Inputs: @unchecked Sendable {
        let q: UnsafePointer<Float>
        let k: UnsafePointer<Float>
        let v: UnsafePointer<Float>
        let context: UnsafeMutablePointer<Float>
    }

    /// One head of one sequence, query row by query row.
    private static func attend(_ m: Inputs, first: Int, length: Int, head: Int, scores: inout [Float]) {
        let h = MiniLMEncoder.hiddenSize
        let scale = 1 / Float(MiniLMEncoder.headSize).squareRoot()
        let column = head * MiniLMEncoder.headSize
        for i in 0..<length {
            let queryRow = (first + i) * h + column
            let query = load32(m.q + queryRow)
            var largest = -Float.infinity
            for j in 0..<length {
                let key = load32(m.k + (first + j) * h + column)
                let score = ((query.0 * key.0 + query.1 * key.1) + (query.2 * key.2 + query.3 * key.3)).sum() * scale
                scores[j] = score
                largest = max(largest, score)
            }
            var total: Float = 0
            for j in 0..<length {
                let e = exp(scores[j] - largest)
                scores[j] = e
                total += e
            }
            let inverse = 1 / total
            var sum = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
            for j in 0..<length {
                let weight = scores[j] * inverse
                let value = load32(m.v + (first + j) * h + column)
                sum.0 += weight * value.0
                sum.1 += weight * value.1
                sum.2 += weight * value.2
                sum.3 += weight * value.3
            }
            let raw = UnsafeMutableRawPointer(m.context + queryRow)
            raw.storeBytes(of: sum.0, toByteOffset: 0, as: SIMD8<Float>.self)
            raw.storeBytes(of: sum.1, toByteOffset: 32, as: SIMD8<Float>.self)
            raw.storeBytes(of: sum.2, toByteOffset: 64, as: SIMD8<Float>.self)
            raw.storeBytes(of: sum.3, toByteOffset: 96, as: SIMD8<Float>.self)
        }
    }

    @inline(__always)
    private static func load32(_ pointer: UnsafePointer<Float>) -> (
        SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>
    ) {
        let raw = UnsafeRawPointer(pointer)
        return (
            raw.loadUnaligned(fromByteOffset: 0, as: SIMD8<Float>.self),
            raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self),
            raw.loadUnaligned(fromByteOffset: 64, as: SIMD8<Float>.self),
            raw.loadUnaligned(fromByteOffset: 96, as: SIMD8<Float>.self)
        )
    }
}
