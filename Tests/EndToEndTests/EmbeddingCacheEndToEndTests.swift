import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// MiniLM embeddings are cached in the store: a second compare of the same data embeds nothing.
@Suite struct EmbeddingCacheEndToEndTests {
    static let modelAvailable = FileManager.default.fileExists(atPath: TestPaths.modelDirectory + "/model.safetensors")

    // The fixtures hold 160 + 160 texts, 6 of them repeats inside the synthetic set (fixtures/README.md):
    // 314 distinct texts to embed the first time, none the second, and all 320 rows from the cache.
    @Test(.enabled(if: modelAvailable, "needs the MiniLM model (make model)"))
    func aSecondCompareEmbedsNothingAndReportsTheSameValues() throws {
        try withSandbox { sandbox in
            let store = sandbox.appendingPathComponent("store.sqlite").path
            func compare(_ name: String) throws -> Report {
                let out = sandbox.appendingPathComponent(name)
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
                        TestPaths.modelDirectory, "--store", store, "--out", out.path, "-q",
                    ], in: sandbox)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
                return try AssayCLI.report(in: out)
            }
            let first = try compare("first")
            #expect(first.settings.embedder == "all-MiniLM-L6-v2")
            #expect(first.settings.embeddingsComputed == 314)
            #expect(first.settings.embeddingsCached == 0)
            let second = try compare("second")
            #expect(second.settings.embeddingsComputed == 0)
            #expect(second.settings.embeddingsCached == 320)
            #expect(second.metrics == first.metrics)
            #expect(second.projection == first.projection)
        }
    }
}
