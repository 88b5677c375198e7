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
}
