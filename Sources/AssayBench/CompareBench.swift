// The whole `assay compare --embedder hashing` pipeline on generated data, for the benchmarks that
// stress its shape (many classes, one very long row). Not part of `swift test`.
//
//   AssayBench classes [N]   N rows a side in N / 10 classes of 10 rows (default 10,000 rows, 1,000 classes)
//   AssayBench longrow       one row of 1, 4 and 15 MB among 210 short synthetic rows (200 original)
//
// Each writes its data as JSONL under /tmp/assay-bench-<name>/ (o.jsonl, s.jsonl) so that the release
// CLI can be timed on the same files, then runs the steps `assay compare` runs: load both files,
// embed both sides in one call with the hashing embedder, analyse with every default analyzer, write
// report.html, report.json and summary.md.
import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayReport
import Foundation

/// An analyzer that prints how long the analyzer it wraps took.
private struct TimedAnalyzer: Analyzer {
    let inner: any Analyzer

    var descriptors: [MetricDescriptor] { inner.descriptors }

    func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output: AnalyzerOutput?
        var failure: (any Error)?
        let time = seconds {
            do { output = try inner.analyze(context) } catch { failure = error }
        }
        print(
            "  \(type(of: inner))".padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%8.2f s", time))
        if let failure { throw failure }
        return output ?? AnalyzerOutput()
    }
}

/// One JSONL record of the generated files.
private struct BenchRecord: Encodable {
    let text: String
    let label: String
}

/// Writes `texts` and `labels` as JSONL to `path`.
func writeJSONL(_ texts: [String], labels: [String], to path: String) throws {
    let encoder = JSONEncoder()
    var data = Data()
    for (text, label) in zip(texts, labels) {
        data.append(try encoder.encode(BenchRecord(text: text, label: label)))
        data.append(0x0A)
    }
    try data.write(to: URL(fileURLWithPath: path))
}

/// Runs the library path of `assay compare --embedder hashing --out <directory>/report` on the two
/// files and prints each step's time, each analyzer's, the total and the peak RSS.
///
/// - Returns: the total seconds.
@discardableResult
func compareBench(original: String, synthetic: String, directory: String) -> Double {
    var report: Report?
    var loadTime = 0.0
    var embedTime = 0.0
    var analyzeTime = 0.0
    var writeTime = 0.0
    do {
        var corpora: [Corpus] = []
        loadTime = try timed {
            corpora = [try DatasetLoader.load(path: original), try DatasetLoader.load(path: synthetic)]
        }
        var embeddings: [Side: Matrix] = [:]
        let embedder = HashingEmbedder()
        embedTime = try timed {
            let all = try embedder.embed(corpora[0].texts + corpora[1].texts)
            embeddings[.original] = all.selecting(rows: Array(0..<corpora[0].count))
            embeddings[.synthetic] = all.selecting(
                rows: Array(corpora[0].count..<(corpora[0].count + corpora[1].count)))
        }
        let context = AnalysisContext(
            original: corpora[0], synthetic: corpora[1], settings: AnalysisSettings(seed: 13, selfBleuHypotheses: 1000),
            embeddings: embeddings, embedderName: embedder.modelID)
        if let features = embeddings[.original], let labels = corpora[0].labels {
            var model: LogisticRegression?
            let fit = seconds {
                model = LogisticRegression(
                    features: features, labels: labels, classCount: corpora[0].labelNames.count,
                    options: AnalysisSettings.defaultLogistic)
            }
            print(
                "  (one logistic fit on the original's \(features.rows) rows, \(corpora[0].labelNames.count) classes: "
                    + "\(model?.iterations ?? 0) iterations, \(String(format: "%.2f", fit)) s; not part of the total)")
        }
        analyzeTime = try timed {
            // The shared artifacts first (cached, so the analyzers below reuse them), timed on their own.
            for side in Side.allCases {
                for classifier in [ClassifierKind.logistic, .knn] {
                    let time = seconds { _ = context.builtInProbabilities(side, classifier: classifier) }
                    print("  (\(side.rawValue) \(classifier.rawValue) probabilities \(String(format: "%.2f", time)) s)")
                }
            }
            report = try Assessment.run(
                context, analyzers: Assessment.defaultAnalyzers.map { TimedAnalyzer(inner: $0) }, command: "compare")
        }
        writeTime = try timed {
            if let report {
                _ = try ReportFiles.write(
                    report, formats: [.html, .json, .md], to: directory + "/report", catalog: Assessment.catalog)
            }
        }
    } catch {
        print("compare failed: \(error)")
    }
    let total = loadTime + embedTime + analyzeTime + writeTime
    print(
        String(
            format: "load %.2f s, embed %.2f s, analyze %.2f s, write reports %.2f s — TOTAL %.2f s, peak RSS %.0f MB",
            loadTime, embedTime, analyzeTime, writeTime, total, peakResidentMegabytes()))
    return total
}

/// The seconds `body` took.
private func timed(_ body: () throws -> Void) throws -> Double {
    var failure: (any Error)?
    let time = seconds {
        do { try body() } catch { failure = error }
    }
    if let failure { throw failure }
    return time
}

/// The benchmark's output directory, created empty.
func benchDirectory(_ name: String) -> String {
    let path = "/tmp/assay-bench-\(name)"
    try? FileManager.default.removeItem(atPath: path)
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// `rows` generated rows a side in `classCount` classes (by default `rows / 10`, ten rows each), then the
/// compare pipeline. With 4 classes (`AssayBench fewclasses`) the same rows show what the run costs
/// without many classes.
func classesBench(rows: Int, classCount requested: Int? = nil) {
    let classCount = max(1, requested ?? rows / 10)
    print(
        "assay classes bench — \(rows) rows a side in \(classCount) classes, OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    let directory = benchDirectory(requested == nil ? "classes" : "classes-\(classCount)")
    var generator = TextGenerator()
    let labels = (0..<rows).map { String(format: "class-%04d", $0 % classCount) }
    do {
        for side in ["o", "s"] {
            let texts = (0..<rows).map { _ in generator.text() }
            try writeJSONL(texts, labels: labels, to: "\(directory)/\(side).jsonl")
        }
    } catch {
        print("could not write the data: \(error)")
        return
    }
    compareBench(original: "\(directory)/o.jsonl", synthetic: "\(directory)/s.jsonl", directory: directory)
    print(
        "CLI: .build/release/assay compare --original \(directory)/o.jsonl --synthetic \(directory)/s.jsonl --embedder hashing --out /tmp/x"
    )
}

/// One row of 1, 4 and 15 MB (generated sentences) among 209 short synthetic rows against 200 short
/// original rows, so that the synthetic side is the one subsampled; the lexical pack alone, then the
/// whole compare pipeline, per size.
func longRowBench(megabytes: [Int] = [1, 4, 15]) {
    print(
        "assay longrow bench — OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")"
    )
    for size in megabytes {
        let directory = benchDirectory("longrow-\(size)mb")
        var generator = TextGenerator()
        let original = (0..<200).map { _ in generator.text() }
        var synthetic = (0..<209).map { _ in generator.text() }
        var long = ""
        long.reserveCapacity(size * 1_000_000 + 1000)
        while long.utf8.count < size * 1_000_000 { long += generator.text() + " " }
        synthetic.insert(long, at: 5)
        func labels(_ count: Int) -> [String] { (0..<count).map { "label-\($0 % 4)" } }
        do {
            try writeJSONL(original, labels: labels(original.count), to: "\(directory)/o.jsonl")
            try writeJSONL(synthetic, labels: labels(synthetic.count), to: "\(directory)/s.jsonl")
        } catch {
            print("could not write the data: \(error)")
            return
        }
        print("— one row of \(long.utf8.count) bytes (\(size) MB)")
        let corpus = { (texts: [String]) in
            Corpus(
                source: Corpus.Source(path: "bench", format: .jsonl, sha256: "", byteCount: 0), texts: texts,
                textFields: ["text"], rowNumbers: Array(1...texts.count), labelField: "label",
                labelValues: labels(texts.count))
        }
        let context = AnalysisContext(original: corpus(original), synthetic: corpus(synthetic))
        let lexical = seconds { _ = try? LexicalDiversity().analyze(context) }
        print(
            String(
                format: "lexical pack (50 subsamples): %.2f s, %.2f s per MB of the long row", lexical,
                lexical / Double(size)))
        compareBench(original: "\(directory)/o.jsonl", synthetic: "\(directory)/s.jsonl", directory: directory)
        if size == megabytes.last {
            print(
                "CLI: .build/release/assay compare --original \(directory)/o.jsonl --synthetic \(directory)/s.jsonl --embedder hashing --out /tmp/x"
            )
        }
    }
}
