import Dispatch

/// Where the MiniLM encoder's time goes, stage by stage, and the work each stage did: what
/// `AssayBench encoder-profile` prints, beside plain sgemm calls of the same shapes.
///
/// Each stage is timed around its whole call, parallel parts included, so the stages add up to the
/// encoder's wall time. Pass one to `MiniLMEncoder.embed(_:batchTokens:progress:normalizing:profile:)`;
/// it is for one caller at a time.
package final class EncoderProfile {
    package enum Stage: String, CaseIterable, Sendable {
        case embeddings = "embedding lookup"
        case qkv = "Q, K, V projections"
        case attention = "attention"
        case attentionOutput = "attention output projection"
        case layerNorm = "LayerNorm (4 passes + residuals)"
        case intermediate = "feed-forward up"
        case gelu = "GELU"
        case output = "feed-forward down"
        case pooling = "mean pooling"

        /// The matrix products of one call of the stage on `rows` stacked tokens, as (outputs, inputs):
        /// each is rows × inputs times the transposed outputs × inputs weight.
        package var products: [(outputs: Int, inputs: Int)] {
            let h = MiniLMEncoder.hiddenSize
            let ffn = MiniLMEncoder.intermediateSize
            switch self {
            case .qkv: return [(h, h), (h, h), (h, h)]
            case .attentionOutput: return [(h, h)]
            case .intermediate: return [(ffn, h)]
            case .output: return [(h, ffn)]
            default: return []
            }
        }
    }

    /// Seconds spent in each stage.
    package private(set) var seconds: [Stage: Double] = [:]
    /// The stacked rows of every call of each stage, in order.
    package private(set) var rows: [Stage: [Int]] = [:]
    /// The length of every sequence attention ran on, once per layer.
    package private(set) var attentionLengths: [Int] = []

    package init() {}

    /// Floating-point operations of the stage's matrix products (2 per multiply-add), or of attention's
    /// two products per head (Q Kᵀ and scores × V).
    package func flops(_ stage: Stage) -> Double {
        if stage == .attention {
            return attentionLengths.reduce(0) { $0 + 4 * Double($1 * $1 * MiniLMEncoder.hiddenSize) }
        }
        let perRow = stage.products.reduce(0) { $0 + 2 * Double($1.outputs * $1.inputs) }
        return Double((rows[stage] ?? []).reduce(0, +)) * perRow
    }

    func add(_ stage: Stage, rows count: Int, seconds elapsed: Double) {
        seconds[stage, default: 0] += elapsed
        rows[stage, default: []].append(count)
    }

    func addAttention(lengths: [Int]) {
        attentionLengths += lengths
    }
}

extension EncoderProfile? {
    /// Runs `body`, adding its time to `stage` when there is a profile.
    @inline(__always)
    func time<T>(_ stage: EncoderProfile.Stage, rows: Int, _ body: () -> T) -> T {
        guard let profile = self else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        profile.add(stage, rows: rows, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }
}
