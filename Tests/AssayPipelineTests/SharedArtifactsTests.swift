import AssayCore
import AssayLinalg
import AssayMetrics
import AssayTestSupport
import AssayText
import Foundation
import Testing

@testable import AssayPipeline

/// One `compare` of the fixtures with the hashing embedder computes each shared artifact once, and the
/// analyzers that share one really ask the store for it.
@Suite(.serialized) struct SharedArtifactsTests {
    /// The context `Comparison.run` builds for `compare` on the two review fixtures (160 rows a side, so
    /// neither side is subsampled), after every default analyzer ran on it.
    private func comparedContext() throws -> AnalysisContext {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-artifacts-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = RunOptions(
            embedding: EmbeddingProvider(
                choice: .hashing, storePath: folder.appendingPathComponent("store.sqlite").path))
        let original = try DatasetLoader.load(
            path: TestPaths.fixture("reviews_original.jsonl"), fields: options.fields)
        let synthetic = try DatasetLoader.load(
            path: TestPaths.fixture("reviews_synthetic.jsonl"), fields: options.fields)
        let embedded = try options.embedding.embed(
            [(.original, original), (.synthetic, synthetic)], progress: SilentProgress())
        let context = AnalysisContext(
            original: original, synthetic: synthetic, settings: options.settings, embeddings: embedded.bySide,
            embedderName: embedded.name)
        _ = try Assessment.run(context, command: "compare")
        return context
    }

    @Test func eachSharedArtifactIsComputedOnceInOneComparison() throws {
        let context = try comparedContext()
        let store = context.artifacts
        let ledger = store.ledger
        #expect(!ledger.isEmpty)
        for entry in ledger {
            #expect(entry.computations == 1, "\(entry.key) computed \(entry.computations) times")
        }
        for side in [Side.original, .synthetic] {
            // Within-set neighbours (k = 20): semantic diversity's chamfer distance, the k-NN vote of label
            // noise's ensemble, and the near duplicates by cosine.
            let neighbors = ArtifactKey<NearestNeighbors>("neighbors", ["side": .text(side.rawValue), "k": 20])
            #expect(store.requests(of: neighbors) == 3)
            #expect(store.computations(of: neighbors) == 1)
            // MinHash signatures of the whole normalised text: the search within the side and the search
            // for synthetic rows in the original (MinHashOptions' defaults: seed 0x5EED = 24301).
            let signatures = ArtifactKey<MinHashSignatures>(
                "minhash-signatures",
                ["side": .text(side.rawValue), "shingle": 5, "bands": 20, "rows-per-band": 5, "seed": "24301"])
            #expect(store.requests(of: signatures) == 2)
            #expect(store.computations(of: signatures) == 1)
        }
        let pca = ArtifactKey<PCA?>("pooled-pca", ["sides": "original+synthetic", "rows": "all", "components": 2])
        #expect(store.computations(of: pca) == 1)
        let across = ArtifactKey<NearestNeighbors>(
            "neighbors-across", ["queries": "synthetic", "base": "original", "k": 1])
        #expect(store.computations(of: across) == 1)
    }

    // The shared lists give semantic diversity the chamfer distance its own 1-NN search gave: the mean over
    // rows of 1 − the similarity of the nearest other row, found here by brute force.
    @Test func chamferFromTheSharedListsMatchesABruteForceSearch() throws {
        let context = try comparedContext()
        let report = try Assessment.run(context, analyzers: [SemanticDiversity()], command: "compare")
        let chamfer = try #require(report.metrics.first { $0.id == "diversity.chamfer" })
        for side in [Side.original, .synthetic] {
            let embeddings = try #require(context.embeddings[side])
            var total = 0.0
            for i in 0..<embeddings.rows {
                var best = -Float.infinity
                for j in 0..<embeddings.rows where j != i {
                    var dot: Float = 0
                    for c in 0..<embeddings.columns { dot += embeddings[i, c] * embeddings[j, c] }
                    best = max(best, dot)
                }
                total += 1 - Double(best)
            }
            let value = try #require(side == .original ? chamfer.original?.value : chamfer.synthetic?.value)
            #expect(abs(value - total / Double(embeddings.rows)) < 1e-5)
        }
    }
}
