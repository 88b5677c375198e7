import AssayCore
import AssayEmbed
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The embedding budget (`--semantic-sample`): a side larger than it is embedded on a seeded sample, the
/// embedding-based families run on the sample and say so, and everything else still sees every row.
@Suite(.serialized) struct SemanticSampleTests {
    /// A fresh folder under the system's temporary directory, removed after `body`.
    private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    @Test func theSampleIsSeededSortedAndOnlyOfTheLargerSides() throws {
        let small = try DatasetLoader.load(path: TestPaths.fixture("reviews_original.jsonl"), fields: FieldOptions())
        let large = small.selecting(rows: Array(0..<small.count) + Array(0..<small.count))  // 320 rows
        let sides: [(side: Side, corpus: Corpus)] = [(.original, small), (.synthetic, large)]
        #expect(SemanticSampling(sides: sides, limit: 320, seed: 13) == nil, "no side is above the limit")
        let sampling = try #require(SemanticSampling(sides: sides, limit: 200, seed: 13))
        #expect(sampling.rows[.original] == nil, "160 rows are under the limit: used whole")
        let rows = try #require(sampling.rows[.synthetic])
        #expect(rows.count == 200 && rows == rows.sorted() && Set(rows).count == 200 && rows.allSatisfy { $0 < 320 })
        #expect(
            SemanticSampling(sides: sides, limit: 200, seed: 13)?.rows == sampling.rows, "the same seed, the same rows")
        #expect(SemanticSampling(sides: sides, limit: 200, seed: 14)?.rows != sampling.rows)
        let summary = sampling.summary
        #expect(summary.original == .init(rows: 160, of: 160) && summary.synthetic == .init(rows: 200, of: 320))
        #expect(summary.basis == "sample of 160 of 160 original and 200 of 320 synthetic rows")
        // The sampled corpus keeps each row's own line, so findings on it cite the file's rows.
        let picked = sampling.corpus(large, side: .synthetic)
        #expect(picked.rowNumbers == rows.map { large.rowNumbers[$0] })
        #expect(picked.texts == rows.map { large.texts[$0] })
    }

    /// The demo fixtures (160 rows a side) with a budget of 100: MiniLM embeds only the 200 sampled rows, the
    /// lexical and duplicate measures equal an unsampled run's, and the sampled cards say what they rest on.
    @Test(.requiresModel) func aSampledRunEmbedsOnlyTheSampleAndKeepsEveryRowElsewhere() async throws {
        try await withTemporaryFolder { folder in
            func run(_ limit: Int?, store: String) async throws -> RunResult {
                var settings = AnalysisSettings()
                settings.semanticSample = limit
                let options = RunOptions(
                    embedding: EmbeddingProvider(
                        choice: .minilm, modelDirectory: TestPaths.modelDirectory,
                        storePath: folder.appendingPathComponent(store).path),
                    settings: settings)
                return try await Comparison.run(
                    original: TestPaths.fixture("reviews_original.jsonl"),
                    synthetic: TestPaths.fixture("reviews_synthetic.jsonl"), options: options)
            }
            let sampled = try await run(100, store: "sampled.sqlite")
            let full = try await run(nil, store: "full.sqlite")
            let original = try DatasetLoader.load(
                path: TestPaths.fixture("reviews_original.jsonl"), fields: FieldOptions())
            let synthetic = try DatasetLoader.load(
                path: TestPaths.fixture("reviews_synthetic.jsonl"), fields: FieldOptions())
            let sampling = try #require(
                SemanticSampling(
                    sides: [(.original, original), (.synthetic, synthetic)], limit: 100, seed: AnalysisSettings().seed))
            let sampledTexts = try [(Side.original, original), (.synthetic, synthetic)].flatMap { side, corpus in
                try #require(sampling.rows[side]).map { corpus.texts[$0] }
            }
            // The cache counts: exactly the distinct texts of the 2 × 100 sampled rows were embedded.
            #expect(sampled.embeddingsComputed == Set(sampledTexts).count && sampled.embeddingsCached == 0)
            #expect(full.embeddingsComputed == 314)
            let report = sampled.report
            #expect(report.settings.semanticSample?.basis == "sample of 100 of 160 rows a side")
            let bases = Dictionary(uniqueKeysWithValues: (report.families ?? []).map { ($0.id, $0.basis) })
            for family in ["semantic", "noise", "fidelity", "utility"] {
                #expect(bases[family] == "sample of 100 of 160 rows a side", "\(family)")
            }
            for family in ["diversity", "complexity", "duplicates", "bias"] { #expect(bases[family] == .some(nil)) }
            // The same metrics in the same order as an unsampled run; those that do not use embeddings equal.
            #expect(report.metrics.map(\.id) == full.report.metrics.map(\.id))
            let sampledFamilies: Set<String> = ["fidelity", "noise", "utility"]
            let semantic: Set<MetricID> = [
                "diversity.aps", "diversity.aps_intra_class", "diversity.aps_inter_class", "diversity.remote_clique",
                "diversity.chamfer", "diversity.vendi", "diversity.vendi_ratio", "diversity.dispersion",
                "complexity.classifier_loss", "complexity.classifier_loss_ks", "complexity.classifier_loss_wasserstein",
            ]
            let everyRow = report.metrics.filter { !semantic.contains($0.id) && !sampledFamilies.contains($0.family) }
            #expect(everyRow.count > 40)
            for metric in everyRow {
                #expect(metric == full.report.metrics.first { $0.id == metric.id }, "\(metric.id)")
            }
            #expect(report.metrics.first { $0.id == "diversity.aps" }?.synthetic?.n == 100)
            // Embedding-based findings cite sampled rows only; duplicate groups span every row.
            let sampledLines = Set(
                try #require(sampling.rows[.synthetic]).map { synthetic.rowNumbers[$0] })
            let issues = report.findings.filter { $0.kind == .labelIssue && $0.side == .synthetic }
            #expect(!issues.isEmpty && issues.allSatisfy { sampledLines.contains($0.row ?? -1) })
            #expect(
                report.findings.filter { $0.kind == .exactDuplicates }
                    == full.report.findings.filter { $0.kind == .exactDuplicates })
        }
    }

    /// What the datasets show is noted once, from the run on every row: the sampled run over the same files
    /// (a budget of 100 of 160 rows) does not add its own count of the rows without words.
    @Test func aSampledRunNotesTheDatasetsOnce() async throws {
        try await withTemporaryFolder { folder in
            var lines = try String(contentsOfFile: TestPaths.fixture("reviews_synthetic.jsonl"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
            for row in [3, 40, 90] { lines[row] = #"{"text": "!!!", "label": "positive"}"# }
            let synthetic = folder.appendingPathComponent("synthetic.jsonl").path
            try (lines.map { $0 + "\n" }.joined()).write(toFile: synthetic, atomically: true, encoding: .utf8)
            var settings = AnalysisSettings()
            settings.semanticSample = 100
            let options = RunOptions(
                embedding: EmbeddingProvider(
                    choice: .hashing, storePath: folder.appendingPathComponent("s.sqlite").path),
                settings: settings)
            let report = try await Comparison.run(
                original: TestPaths.fixture("reviews_original.jsonl"), synthetic: synthetic, options: options
            ).report
            #expect(report.settings.semanticSample != nil)
            #expect(
                report.warnings.filter { $0.contains("no words") } == [
                    "\(synthetic): 3 rows have no words (rows 4, 41, 91)"
                ])
        }
    }

    /// On 2,000 + 2,000 AG News rows with fixed vectors (`file:`), a sample of 500 a side gives the semantic
    /// measures of the full run within their sampling error.
    @Test func sampledSemanticMeasuresAgreeWithTheFullRun() async throws {
        try await withTemporaryFolder { folder in
            let lines = try String(contentsOfFile: TestPaths.fixture("data/alps/agnews_test.jsonl"), encoding: .utf8)
                .split(separator: "\n").prefix(4000).map(String.init)
            var files: [String] = []
            for (name, part) in [("a", lines[0..<2000]), ("b", lines[2000..<4000])] {
                let data = folder.appendingPathComponent("\(name).jsonl")
                try (part.map { $0 + "\n" }.joined()).write(to: data, atomically: true, encoding: .utf8)
                files.append(data.path)
            }
            // Fixed vectors per row: the hashing embedder over all 4,000 texts, written as a vector file each.
            let corpora = try files.map { try DatasetLoader.load(path: $0, fields: FieldOptions()) }
            let vectors = try HashingEmbedder().embed(corpora.flatMap(\.texts))
            var vectorFiles: [String] = []
            for (index, corpus) in corpora.enumerated() {
                let path = folder.appendingPathComponent("v\(index).jsonl").path
                let body = (0..<corpus.count).map { row in
                    let values = vectors.row(index * 2000 + row).map { String($0) }.joined(separator: ",")
                    return "{\"embedding\":[\(values)]}\n"
                }.joined()
                try body.write(toFile: path, atomically: true, encoding: .utf8)
                vectorFiles.append(path)
            }
            func run(_ limit: Int?) async throws -> Report {
                var settings = AnalysisSettings()
                settings.semanticSample = limit
                let options = RunOptions(
                    embedding: EmbeddingProvider(
                        choice: .files(vectorFiles), storePath: folder.appendingPathComponent("s.sqlite").path),
                    settings: settings)
                return try await Comparison.run(original: files[0], synthetic: files[1], options: options).report
            }
            let full = try await run(nil)
            let sampled = try await run(500)
            func value(_ report: Report, _ id: MetricID, _ side: Side? = .synthetic) -> Double? {
                let metric = report.metrics.first { $0.id == id }
                return side.map { metric?.side($0)?.value } ?? metric?.value
            }
            #expect(sampled.settings.semanticSample?.basis == "sample of 500 of 2,000 rows a side")
            // APS and dispersion are means over the 124,750 pairs of the sample: their sampling error is far
            // below these bounds (full run 0.0334 and 0.9829; the sample 0.0321 and 0.9828).
            let aps = try #require(value(full, "diversity.aps"))
            #expect(abs(try #require(value(sampled, "diversity.aps")) - aps) < 0.01)
            let dispersion = try #require(value(full, "diversity.dispersion"))
            #expect(abs(try #require(value(sampled, "diversity.dispersion")) - dispersion) < 0.001)
            // Two halves of one dataset: the two-sample AUC stays near chance and MAUVE near 1 either way.
            #expect(abs(try #require(value(sampled, "fidelity.c2st_auc", nil)) - 0.5) < 0.1)
            #expect(try #require(value(sampled, "fidelity.mauve", nil)) > 0.9)
            // What a classifier learns grows with its training rows, so TSTR and TRTR accuracy fall on the
            // sample (0.55 and 0.59 against 0.62 and 0.66 on every row) but their ratio, the comparison the card
            // makes, holds (0.93 against 0.95). Vendi/N, the label issue rate, Fréchet distance and MAUVE's
            // cluster count depend on N too: the sides are compared at the same N, not with a full run's values.
            let ratio = try #require(value(full, "utility.tstr_ratio", nil))
            #expect(abs(try #require(value(sampled, "utility.tstr_ratio", nil)) - ratio) < 0.05)
        }
    }
}
