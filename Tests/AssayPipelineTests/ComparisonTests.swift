import AssayCore
import AssayLinalg
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The pipeline as a library: `Comparison.run` reproduces `assay compare`, down to the committed demo
/// report's bytes.
@Suite(.serialized) struct ComparisonTests {
    static let original = TestPaths.fixture("reviews_original.jsonl")
    static let synthetic = TestPaths.fixture("reviews_synthetic.jsonl")

    /// A fresh folder under the system's temporary directory, removed after `body`.
    private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    // `make demo` is `assay compare --original fixtures/reviews_original.jsonl --synthetic
    // fixtures/reviews_synthetic.jsonl --embedder minilm --model-dir … --out reports/demo`.
    @Test(.requiresModel)
    func theLibraryWritesTheCommittedDemoReport() async throws {
        let committedURL = TestPaths.packageRoot.appendingPathComponent("reports/demo/report.json")
        let committed = try String(contentsOf: committedURL, encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(committed.utf8)) as? [String: Any]
        let createdAt = object?["created_at"] as? String
        try await withTemporaryFolder { folder in
            let options = RunOptions(
                embedding: EmbeddingProvider(
                    choice: .minilm, modelDirectory: TestPaths.modelDirectory,
                    storePath: folder.appendingPathComponent("store.sqlite").path))
            var result = try await Comparison.run(original: Self.original, synthetic: Self.synthetic, options: options)
            #expect(result.embedderName == "all-MiniLM-L6-v2")
            // 320 rows, 314 distinct texts (python: len(set(texts)) over both fixture files), each embedded once.
            #expect(result.embeddingsComputed == 314 && result.embeddingsCached == 0)
            result.report.createdAt = try #require(createdAt)
            let files = try ReportFiles.render(
                result.report, formats: [.json], in: folder.path, catalog: Assessment.catalog)
            let file = try #require(files.first)
            let written = try #require(String(data: file.data, encoding: .utf8))
            // The demo was run from the package root with relative paths.
            let relative = written.replacingOccurrences(of: TestPaths.packageRoot.path + "/", with: "")
            if BLASInfo.coreName == Self.demoCore {
                #expect(relative == committed, "the library's report differs from reports/demo/report.json")
            } else {
                // Another kernel rounds the embeddings differently in their last bits: everything but the
                // numbers must match exactly, and the numbers closely — but MAUVE, whose k-means on 160 rows
                // a side can land in other clusters (`JSONTree.maskingMauve`).
                let mismatch = JSONTree.firstMismatch(
                    JSONTree.maskingMauve(try JSONSerialization.jsonObject(with: Data(relative.utf8))),
                    JSONTree.maskingMauve(try JSONSerialization.jsonObject(with: Data(committed.utf8))))
                #expect(mismatch == nil, "on OpenBLAS core \(BLASInfo.coreName), not \(Self.demoCore)")
            }
        }
    }

    /// The OpenBLAS kernel reports/demo was written with; on it the library's report is byte-identical.
    static let demoCore = "Haswell"

    @Test func analysisReportsOneSideAsItsRole() async throws {
        try await withTemporaryFolder { folder in
            let options = RunOptions(
                embedding: EmbeddingProvider(
                    choice: .hashing, storePath: folder.appendingPathComponent("store.sqlite").path))
            let alone = try await Analysis.run(Self.original, as: .original, options: options)
            #expect(alone.report.command == "analyze")
            #expect(alone.report.inputs.original?.rows == 160 && alone.report.inputs.synthetic == nil)
            #expect(alone.embedderName == "hashing-512" && alone.embeddingsComputed == 160)
            let both = try await Comparison.run(original: Self.original, synthetic: Self.synthetic, options: options)
            #expect(both.report.inputs.original?.rows == 160 && both.report.inputs.synthetic?.rows == 160)
            #expect(both.embeddingsComputed == 320 && both.embeddingsCached == 0)
        }
    }

    @Test(arguments: [
        ("auto", EmbedderChoice.auto), ("minilm", .minilm), ("static", .static), ("hashing", .hashing),
        ("none", .none),
        ("file:a.npy", .files(["a.npy"])), ("file:a.npy,b.jsonl", .files(["a.npy", "b.jsonl"])),
    ])
    func embedderChoicesParse(text: String, expected: EmbedderChoice) throws {
        #expect(try EmbedderChoice(parsing: text) == expected)
    }

    @Test func anUnknownEmbedderIsAUsageError() {
        #expect(throws: AssayError.self) { try EmbedderChoice(parsing: "bert") }
        do {
            _ = try EmbedderChoice(parsing: "bert")
        } catch let error as AssayError {
            #expect(error.exitCode == 2)
            #expect(error.description.contains("--embedder") && error.description.contains("'bert'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func probabilitiesWithoutASideInAComparisonAreAUsageError() async throws {
        try await withTemporaryFolder { folder in
            let options = RunOptions(
                embedding: EmbeddingProvider(choice: .none), predictedProbabilities: ["probs.npy"])
            do {
                _ = try await Comparison.run(original: Self.original, synthetic: Self.synthetic, options: options)
                Issue.record("a comparison with an unassigned --pred-probs file ran")
            } catch let error as AssayError {
                #expect(error.exitCode == 2)
                #expect(error.description.contains("original=probs.npy or synthetic=probs.npy"))
            }
            _ = folder
        }
    }
}
