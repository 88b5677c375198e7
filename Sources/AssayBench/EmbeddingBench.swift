import AssayCore
import AssayEmbed
import AssayLinalg
import CBLAS
import Foundation

/// The MiniLM encoder's sentences per second with 1 and 2 OpenBLAS threads, against the raw sgemm
/// rate of the same machine in the same run.
func embeddingBench(sentenceCount: Int) {
    let directory = ProcessInfo.processInfo.environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    guard let encoder = try? MiniLMEncoder(weightsFile: directory + "/model.safetensors") else {
        print("embed bench: no model in \(directory) (run make model); skipped")
        return
    }
    print(
        "assay embedding bench — \(sentenceCount) sequences, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    print("OpenBLAS: \(String(cString: openblas_get_config()))")
    // Sequences of 8–34 word pieces plus [CLS] and [SEP] (mean ≈ 23, as the anchor corpus), random word ids.
    var random = SeededRandom(seed: 11, stream: "bench/embed")
    let sequences: [[Int32]] = (0..<sentenceCount).map { _ in
        let length = 8 + random.below(27)
        return [101] + (0..<length).map { _ in Int32(1996 + random.below(28_000)) } + [102]
    }
    let tokens = sequences.reduce(0) { $0 + $1.count }
    // Work per token: 6 layers × (4·h² + 2·h·ffn) multiply-adds, ×2 flops; attention adds 4·L·h per token.
    let h = Double(MiniLMEncoder.hiddenSize)
    let ffn = Double(MiniLMEncoder.intermediateSize)
    let meanLength = Double(tokens) / Double(sentenceCount)
    let flops = Double(tokens) * Double(MiniLMEncoder.layerCount) * 2 * (4 * h * h + 2 * h * ffn + 2 * meanLength * h)
    for threads in [1, 2] {
        openblas_set_num_threads(Int32(threads))
        _ = encoder.embed(Array(sequences.prefix(64)))
        let time = seconds { _ = encoder.embed(sequences) }
        print(
            String(
                format: "MiniLM, OpenBLAS threads %d: %.2f s, %.0f sentences/s, %.1f GFLOP/s (%d tokens, mean %.1f)",
                threads, time, Double(sentenceCount) / time, flops / time / 1e9, tokens, meanLength))
        // The ceiling: one sgemm of the feed-forward shape (4,096 tokens × 384 → 1,536).
        let a = Matrix(rows: 4096, columns: 384, repeating: 0.5)
        let b = Matrix(rows: 1536, columns: 384, repeating: 0.25)
        _ = Matrix.product(a, b, transposeB: true)
        let gemm = seconds { for _ in 0..<10 { _ = Matrix.product(a, b, transposeB: true) } }
        let gemmRate = 10 * 2 * 4096 * 384 * 1536 / gemm / 1e9
        print(String(format: "  sgemm 4096×384×1536 on %d thread(s): %.1f GFLOP/s", threads, gemmRate))
    }
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}
