// Benchmarks of the lexical diversity pack (release build; `make bench`). Not part of `swift test`.
//
// Generates 1,000,000 short texts (Zipf-distributed words, 4–24 words each, four labels) with a fixed
// seed, then times the token stream and each lexical measure on one core, and prints throughput in
// MB of text per second with the pack's total excluding self-BLEU (which is O(N²) and sampled).
import AssayCore
import AssayMetrics
import Foundation

/// The lexical pack on `documentCount` generated texts.
func lexicalBench(documentCount: Int) {
    print(
        "assay lexical bench — \(documentCount) documents, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    var generator = TextGenerator()
    var texts: [String] = []
    texts.reserveCapacity(documentCount)
    let labelNames = ["world", "sports", "business", "science"]
    var labels: [String] = []
    let generation = seconds {
        for _ in 0..<documentCount {
            texts.append(generator.text())
            labels.append(labelNames[generator.random.below(4)])
        }
    }
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let megabytes = Double(bytes) / 1e6
    print(String(format: "generated %.1f MB of text in %.2f s", megabytes, generation))

    let corpus = Corpus(
        source: Corpus.Source(path: "bench", format: .jsonl, sha256: "", byteCount: bytes), texts: texts,
        textFields: ["text"], rowNumbers: Array(1...documentCount), labelField: "label", labelValues: labels)

    var stream: TokenStream?
    let tokenizing = seconds { stream = corpus.tokens }
    let tokens = stream?.tokenCount ?? 0
    print(
        String(
            format: "%-28@ %7.2f s  %8.1f MB/s   (%d tokens, %d types)", "token stream" as NSString, tokenizing,
            megabytes / tokenizing, tokens, stream?.typeCount ?? 0))

    let sample = LexicalSample(corpus: corpus, rows: Array(0..<documentCount))
    var total = tokenizing
    let measures: [(String, () -> Void)] = [
        ("distinct-1…4 + n-gram score", { _ = sample.ngramProfile() }),
        ("compression ratio (gzip -9)", { _ = sample.compressionRatio() }),
        ("self-repetition", { _ = sample.selfRepetitionScores() }),
        ("vocabulary size", { _ = sample.vocabularySize() }),
        ("TarGEN vocabulary", { _ = sample.targenVocabularyCounts() }),
        ("TTR", { _ = sample.typeTokenRatio() }),
        ("MATTR", { _ = sample.movingAverageTTR() }),
        ("MTLD", { _ = sample.mtldScores() }),
        ("HD-D", { _ = sample.hdd() }),
    ]
    var gzipTime = 0.0
    for (name, measure) in measures {
        let time = seconds(measure)
        total += time
        if name.hasPrefix("compression") { gzipTime = time }
        print(String(format: "%-28@ %7.2f s  %8.1f MB/s", name as NSString, time, megabytes / time))
    }
    print(
        String(
            format: "%-28@ %7.2f s  %8.1f MB/s   ← the pack without self-BLEU, one core", "TOTAL" as NSString, total,
            megabytes / total))
    print(
        String(
            format: "%-28@ %7.2f s  %8.1f MB/s   ← also without gzip, whose speed is zlib's own",
            "TOTAL without gzip" as NSString, total - gzipTime, megabytes / (total - gzipTime)))

    var random = SeededRandom(seed: 13, stream: "bench/self-bleu")
    let hypotheses = Sampling.withoutReplacement(1000, from: documentCount, using: &random)
    let bleu = seconds { _ = sample.selfBLEUScores(hypotheses: hypotheses) }
    print(
        String(
            format: "%-28@ %7.2f s   (1,000 hypotheses against all %d rows)", "self-BLEU" as NSString, bleu,
            documentCount))

    let analyzer = seconds {
        _ = try? LexicalDiversity().analyze(AnalysisContext(original: nil, synthetic: corpus))
    }
    print(
        String(
            format: "%-28@ %7.2f s   (whole analyzer: every metric, bootstrap intervals, 4 classes)",
            "assay analyze (lexical)" as NSString, analyzer))
    print(String(format: "peak RSS %.0f MB", peakResidentMegabytes()))

    // The interval of the larger side: 50 size-matched subsamples, sequential and through ParallelMap.
    let subsampleRows = min(documentCount / 2, 10_000)
    let subsampleMeasures: @Sendable (Int) -> CorpusMeasures = { index in
        var random = SeededRandom(seed: 13, stream: "bench/subsample/\(index)")
        let draw = Sampling.withoutReplacement(subsampleRows, from: documentCount, using: &random)
        return CorpusMeasures(LexicalSample(corpus: corpus, rows: draw))
    }
    let sequential = seconds { for index in 0..<50 { _ = subsampleMeasures(index) } }
    let parallel = seconds { _ = ParallelMap.map(0..<50) { subsampleMeasures($0) } }
    print(
        String(
            format: "50 subsamples of %d rows: %.2f s sequential, %.2f s on %d cores", subsampleRows, sequential,
            parallel,
            ProcessInfo.processInfo.activeProcessorCount))
}
