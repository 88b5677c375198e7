import AssayCore
import AssayLinalg
import CBLAS
import Foundation

/// The all-MiniLM-L6-v2 sentence encoder on OpenBLAS: a 6-layer BERT (hidden 384, 12 heads of 32,
/// feed-forward 1536, GELU with erf, post-LayerNorm, ε = 1e-12), mean pooling over every token of the
/// sequence ([CLS] and [SEP] included), L2 normalisation — the pipeline
/// `../shared/reference/minilm_reference.json` documents.
///
/// Sequences are never padded: the linear layers run on the tokens of many sequences stacked into one
/// matrix (one large sgemm each), and only attention works sequence by sequence. Sequences are sorted
/// by length into batches of about `batchTokens` tokens.
public struct MiniLMEncoder: Sendable {
    public static let hiddenSize = 384
    public static let headCount = 12
    public static let headSize = 32
    public static let intermediateSize = 1536
    public static let layerCount = 6
    public static let maxPositions = 512
    public static let vocabularySize = 30522
    static let layerNormEpsilon: Float = 1e-12

    private let wordEmbeddings: [Float]
    private let positionEmbeddings: [Float]
    private let tokenTypeEmbedding: [Float]
    private let embeddingNorm: LayerNorm
    private let layers: [Layer]

    /// Loads the weights from `model.safetensors`.
    ///
    /// - Throws: `AssayError` (`.input`) when a tensor is missing or of the wrong shape.
    public init(weightsFile: String) throws {
        let tensors = try SafeTensors(path: weightsFile)
        let h = MiniLMEncoder.hiddenSize
        func values(_ name: String, _ shape: [Int]) throws -> [Float] { try tensors.tensor(name, shape: shape).values }
        func norm(_ prefix: String) throws -> LayerNorm {
            LayerNorm(weight: try values("\(prefix).weight", [h]), bias: try values("\(prefix).bias", [h]))
        }
        func linear(_ prefix: String, inputs: Int, outputs: Int) throws -> Linear {
            Linear(
                weight: try values("\(prefix).weight", [outputs, inputs]),
                bias: try values("\(prefix).bias", [outputs]),
                inputs: inputs, outputs: outputs)
        }
        wordEmbeddings = try values("embeddings.word_embeddings.weight", [MiniLMEncoder.vocabularySize, h])
        positionEmbeddings = try values("embeddings.position_embeddings.weight", [MiniLMEncoder.maxPositions, h])
        tokenTypeEmbedding = Array(try values("embeddings.token_type_embeddings.weight", [2, h]).prefix(h))
        embeddingNorm = try norm("embeddings.LayerNorm")
        layers = try (0..<MiniLMEncoder.layerCount).map { index in
            let prefix = "encoder.layer.\(index)"
            return Layer(
                query: try linear("\(prefix).attention.self.query", inputs: h, outputs: h),
                key: try linear("\(prefix).attention.self.key", inputs: h, outputs: h),
                value: try linear("\(prefix).attention.self.value", inputs: h, outputs: h),
                attentionOutput: try linear("\(prefix).attention.output.dense", inputs: h, outputs: h),
                attentionNorm: try norm("\(prefix).attention.output.LayerNorm"),
                intermediate: try linear(
                    "\(prefix).intermediate.dense", inputs: h, outputs: MiniLMEncoder.intermediateSize),
                output: try linear("\(prefix).output.dense", inputs: MiniLMEncoder.intermediateSize, outputs: h),
                outputNorm: try norm("\(prefix).output.LayerNorm"))
        }
    }

    /// Sentence embeddings of token-id sequences (each already `[CLS] … [SEP]`, at most 512 ids), one
    /// row per sequence (of unit length unless `normalizing` is false), in input order.
    ///
    /// - Parameters:
    ///   - progress: advanced by the tokens of each batch when it is done (its time is nearly linear in them).
    ///   - normalizing: false to keep the mean of the last hidden states as it is, not scaled to unit length
    ///     (what a static embedder is distilled from).
    /// - Complexity: O(Σ L · (h² + h · ffn) + Σ L² · h) for sequence lengths L.
    public func embed(
        _ sequences: [[Int32]], batchTokens: Int = 4096, progress: ProgressStep = .silent, normalizing: Bool = true
    ) -> Matrix {
        embed(sequences, batchTokens: batchTokens, progress: progress, normalizing: normalizing, profile: nil)
    }

    /// `embed(_:batchTokens:progress:normalizing:)`, adding each stage's time to `profile`.
    package func embed(
        _ sequences: [[Int32]], batchTokens: Int = 4096, progress: ProgressStep = .silent, normalizing: Bool = true,
        profile: EncoderProfile?
    ) -> Matrix {
        let h = MiniLMEncoder.hiddenSize
        var result = Matrix(rows: sequences.count, columns: h)
        let order = sequences.indices.sorted {
            sequences[$0].count < sequences[$1].count || (sequences[$0].count == sequences[$1].count && $0 < $1)
        }
        var start = 0
        while start < order.count {
            var end = start
            var tokens = 0
            while end < order.count, end == start || tokens + sequences[order[end]].count <= batchTokens {
                tokens += sequences[order[end]].count
                end += 1
            }
            let batch = Array(order[start..<end])
            let pooled = embedBatch(batch.map { sequences[$0] }, normalizing: normalizing, profile: profile)
            for (k, index) in batch.enumerated() {
                for j in 0..<h { result.values[index * h + j] = pooled[k * h + j] }
            }
            progress.advance(by: tokens)
            start = end
        }
        return result
    }

    /// Runs one batch: the embeddings, six layers on the stacked tokens, mean pooling, normalisation
    /// unless `normalizing` is false.
    private func embedBatch(_ sequences: [[Int32]], normalizing: Bool, profile: EncoderProfile?) -> [Float] {
        let h = MiniLMEncoder.hiddenSize
        let lengths = sequences.map(\.count)
        let total = lengths.reduce(0, +)
        var starts = [0]
        for length in lengths { starts.append(starts[starts.count - 1] + length) }
        // Embeddings: word + position + token type 0, then LayerNorm.
        var hidden = profile.time(.embeddings, rows: total) {
            var hidden = [Float](repeating: 0, count: total * h)
            for (s, sequence) in sequences.enumerated() {
                for (position, id) in sequence.enumerated() {
                    let row = (starts[s] + position) * h
                    let word = Int(id) * h
                    let place = min(position, MiniLMEncoder.maxPositions - 1) * h
                    for j in 0..<h {
                        hidden[row + j] =
                            wordEmbeddings[word + j] + positionEmbeddings[place + j] + tokenTypeEmbedding[j]
                    }
                }
            }
            return hidden
        }
        profile.time(.layerNorm, rows: total) { embeddingNorm.apply(&hidden, rows: total, residual: nil) }
        for layer in layers {
            layer.apply(&hidden, rows: total, sequenceStarts: starts, profile: profile)
        }
        profile?.addAttention(lengths: Array(repeating: lengths, count: layers.count).flatMap { $0 })
        return profile.time(.pooling, rows: total) {
            pool(hidden, lengths: lengths, starts: starts, normalizing: normalizing)
        }
    }

    /// Mean pooling over each sequence's tokens, then L2 normalisation unless `normalizing` is false.
    private func pool(_ hidden: [Float], lengths: [Int], starts: [Int], normalizing: Bool) -> [Float] {
        let h = MiniLMEncoder.hiddenSize
        var pooled = [Float](repeating: 0, count: lengths.count * h)
        for s in lengths.indices {
            let count = lengths[s]
            guard count > 0 else { continue }
            var sums = [Double](repeating: 0, count: h)
            for row in starts[s]..<starts[s + 1] {
                for j in 0..<h { sums[j] += Double(hidden[row * h + j]) }
            }
            var norm = 0.0
            for j in 0..<h {
                sums[j] /= Double(count)
                norm += sums[j] * sums[j]
            }
            let scale = normalizing ? (norm > 0 ? 1 / norm.squareRoot() : 0) : 1
            for j in 0..<h { pooled[s * h + j] = Float(sums[j] * scale) }
        }
        return pooled
    }
}

/// y = x · Wᵀ + b, W stored out × in as PyTorch's `Linear` keeps it.
struct Linear: Sendable {
    let weight: [Float]
    let bias: [Float]
    let inputs: Int
    let outputs: Int

    /// The layer applied to `rows` rows of `input`: the bias is written first and sgemm adds the
    /// product onto it (β = 1), so the bias costs no extra pass.
    func apply(_ input: [Float], rows: Int) -> [Float] {
        var output = [Float](unsafeUninitializedCapacity: rows * outputs) { buffer, initialized in
            for r in 0..<rows {
                for j in 0..<outputs { buffer[r * outputs + j] = bias[j] }
            }
            initialized = rows * outputs
        }
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                output.withUnsafeMutableBufferPointer { y in
                    cblas_sgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs), 1,
                        x.baseAddress, Int32(inputs), w.baseAddress, Int32(inputs), 1, y.baseAddress, Int32(outputs))
                }
            }
        }
        return output
    }
}

/// LayerNorm over the hidden dimension, optionally of `x + residual` (BERT's post-LN blocks).
struct LayerNorm: Sendable {
    let weight: [Float]
    let bias: [Float]

    /// Normalises each row of `x` (after adding `residual`), rows spread over every core.
    ///
    /// - Complexity: O(rows · hiddenSize).
    func apply(_ x: inout [Float], rows: Int, residual: [Float]?) {
        let h = weight.count
        x.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let target = SharedFloats(base: base)
            let chunk = 64
            DispatchQueue.concurrentPerform(iterations: (rows + chunk - 1) / chunk) { part in
                for r in (part * chunk)..<min((part + 1) * chunk, rows) {
                    normalise(row: target.base + r * h, residual: residual, offset: r * h)
                }
            }
        }
    }

    private func normalise(row: UnsafeMutablePointer<Float>, residual: [Float]?, offset: Int) {
        let h = weight.count
        if let residual {
            for j in 0..<h { row[j] += residual[offset + j] }
        }
        var mean: Float = 0
        for j in 0..<h { mean += row[j] }
        mean /= Float(h)
        var variance: Float = 0
        for j in 0..<h {
            let d = row[j] - mean
            variance += d * d
        }
        variance /= Float(h)
        let scale = 1 / (variance + MiniLMEncoder.layerNormEpsilon).squareRoot()
        for j in 0..<h { row[j] = (row[j] - mean) * scale * weight[j] + bias[j] }
    }
}

/// One encoder layer: self-attention, add & norm, feed-forward with GELU, add & norm.
struct Layer: Sendable {
    let query: Linear
    let key: Linear
    let value: Linear
    let attentionOutput: Linear
    let attentionNorm: LayerNorm
    let intermediate: Linear
    let output: Linear
    let outputNorm: LayerNorm

    func apply(_ hidden: inout [Float], rows: Int, sequenceStarts: [Int], profile: EncoderProfile?) {
        let (q, k, v) = profile.time(.qkv, rows: rows) {
            (query.apply(hidden, rows: rows), key.apply(hidden, rows: rows), value.apply(hidden, rows: rows))
        }
        let context = profile.time(.attention, rows: rows) {
            Attention.context(q: q, k: k, v: v, rows: rows, sequenceStarts: sequenceStarts)
        }
        var mixed = profile.time(.attentionOutput, rows: rows) { attentionOutput.apply(context, rows: rows) }
        profile.time(.layerNorm, rows: rows) { attentionNorm.apply(&mixed, rows: rows, residual: hidden) }
        var expanded = profile.time(.intermediate, rows: rows) { intermediate.apply(mixed, rows: rows) }
        profile.time(.gelu, rows: rows) { GELU.apply(&expanded) }
        var result = profile.time(.output, rows: rows) { output.apply(expanded, rows: rows) }
        profile.time(.layerNorm, rows: rows) { outputNorm.apply(&result, rows: rows, residual: mixed) }
        hidden = result
    }
}
