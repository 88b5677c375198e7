import CBLAS
import Dispatch
import Foundation

/// Multi-head self-attention over stacked, unpadded sequences: for each sequence and head,
/// softmax(Q Kᵀ / √32) V, through sgemm: a block of query rows' scores against every key in one call, a
/// softmax pass over each row in 8-lane steps, their context in a second call. Sequences are spread over
/// every core (each writes only its own rows of the context).
///
/// Against the query-row-by-row SIMD loop this replaced, on the 2-core machine: about even at 6 tokens,
/// 1.5–2× faster from 10, 2.9× at 128, so there is no separate path for short sequences.
enum Attention {
    /// Query rows per pair of sgemm calls.
    static let queryBlock = 32

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
                            if length > 0 { attend(inputs, first: first, length: length) }
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

    /// Every head of one sequence through sgemm, `queryBlock` query rows at a time: their scores
    /// against every key (rows × L), a softmax pass over each row, their context (rows × 32).
    ///
    /// Blocks of 32 rows keep each product of a 256-token sequence at 32 · 256 · 32 multiply-adds, which
    /// OpenBLAS computes on the calling thread (it threads a product from 65,536 · 4 on); its own threads
    /// would contend with the sequences running on the other cores: whole 256 × 256 blocks ran attention
    /// about 4× slower than these, and slower than the row-by-row loop. Score rows are padded
    /// to a multiple of 8 with −∞, which the exponential turns into 0, so the softmax runs in whole 8-lane
    /// steps. The probabilities are left unnormalised: the second product sums e^(s − max) · V, and each
    /// context row is divided by its sum afterwards (32 values, not L).
    private static func attend(_ m: Inputs, first: Int, length: Int) {
        let h = MiniLMEncoder.hiddenSize
        let d = Int32(MiniLMEncoder.headSize)
        let stride = (length + 7) / 8 * 8
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: queryBlock * stride)
        defer { scores.deallocate() }
        var inverseSums = [Float](repeating: 0, count: queryBlock)
        let scale = 1 / Float(MiniLMEncoder.headSize).squareRoot()
        for column in Swift.stride(from: 0, to: h, by: MiniLMEncoder.headSize) {
            let keys = first * h + column
            for start in Swift.stride(from: 0, to: length, by: queryBlock) {
                let rows = min(queryBlock, length - start)
                let queries = keys + start * h
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(length), d, scale, m.q + queries,
                    Int32(h), m.k + keys, Int32(h), 0, scores, Int32(stride))
                for i in 0..<rows {
                    let row = scores + i * stride
                    (row + length).update(repeating: -.infinity, count: stride - length)
                    inverseSums[i] = 1 / exponentiate(row: row, count: stride)
                }
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), d, Int32(length), 1, scores,
                    Int32(stride), m.v + keys, Int32(h), 0, m.context + queries, Int32(h))
                for i in 0..<rows {
                    let row = m.context + queries + i * h
                    for j in 0..<MiniLMEncoder.headSize { row[j] *= inverseSums[i] }
                }
            }
        }
    }

    /// Replaces the `count` scores of a row (a multiple of 8) by e^(score − max) and returns their sum.
    @inline(__always)
    private static func exponentiate(row: UnsafeMutablePointer<Float>, count: Int) -> Float {
        let raw = UnsafeMutableRawPointer(row)
        var largest = SIMD8<Float>(repeating: -.infinity)
        for j in Swift.stride(from: 0, to: count, by: 8) {
            largest = pointwiseMax(largest, raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self))
        }
        let shift = SIMD8<Float>(repeating: largest.max())
        var sum = SIMD8<Float>()
        for j in Swift.stride(from: 0, to: count, by: 8) {
            let e = GELU.exp(raw.loadUnaligned(fromByteOffset: j * 4, as: SIMD8<Float>.self) - shift)
            raw.storeBytes(of: e, toByteOffset: j * 4, as: SIMD8<Float>.self)
            sum += e
        }
        return sum.sum()
    }
}
