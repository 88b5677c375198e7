import AssayCore
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// The null: two random halves of one real dataset come from one distribution, so a verdict that rests
/// on its evidence must find no region skew and no poor family in at least 95% of splits.
@Suite(.serialized) struct NullSplitTests {
    /// AG News (fixtures/data/alps/agnews_test.jsonl, 7,600 rows, most of them naming places).
    static let agNews = TestPaths.fixture("data/alps/agnews_test.jsonl")
    /// Rows of the seeded subset the splits halve.
    static let subsetRows = 1200

    /// What one split of `lines` into halves gave: a region skew, and the families that read poor.
    static func split(_ lines: [String], seed: UInt64, embedder: EmbedderChoice, in folder: URL) async throws -> (
        skew: Bool, poor: [String]
    ) {
        var random = SeededRandom(seed: seed, stream: "null-split")
        let first = Set(Sampling.withoutReplacement(lines.count / 2, from: lines.count, using: &random))
        let a = folder.appendingPathComponent("a-\(seed).jsonl")
        let b = folder.appendingPathComponent("b-\(seed).jsonl")
        try (lines.indices.filter { first.contains($0) }.map { lines[$0] + "\n" }.joined()).write(
            to: a, atomically: true, encoding: .utf8)
        try (lines.indices.filter { !first.contains($0) }.map { lines[$0] + "\n" }.joined()).write(
            to: b, atomically: true, encoding: .utf8)
        let options = RunOptions(
            embedding: EmbeddingProvider(
                choice: embedder, storePath: folder.appendingPathComponent("store.sqlite").path))
        let report = try await Comparison.run(original: a.path, synthetic: b.path, options: options).report
        let poor = (report.families ?? []).filter { $0.status == .bad }.map { "\($0.id): \($0.sentence)" }
        return (report.findings.contains { $0.kind == .regionSkew }, poor)
    }

    /// The seeded subset of AG News the splits are drawn from.
    static func subset() throws -> [String] {
        let lines = try String(contentsOfFile: agNews, encoding: .utf8).split(separator: "\n").map(String.init)
        var random = SeededRandom(seed: 19, stream: "null-subset")
        return Sampling.withoutReplacement(subsetRows, from: lines.count, using: &random).sorted().map { lines[$0] }
    }

    @Test
    func twoHundredHalfSplitsOfAGNewsRarelyReadAsDifferent() async throws {
        let lines = try Self.subset()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-null-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var skews = 0
        var flagged = 0
        var poorFamilies: [String: Int] = [:]
        let splits = 200
        for seed in 0..<UInt64(splits) {
            let result = try await Self.split(lines, seed: seed, embedder: .none, in: folder)
            if result.skew { skews += 1 }
            if result.skew || !result.poor.isEmpty { flagged += 1 }
            for family in result.poor { poorFamilies[family, default: 0] += 1 }
        }
        print(
            "null splits of \(Self.subsetRows) AG News rows: region_skew in \(skews) of \(splits), a poor family or a skew in \(flagged) of \(splits); poor by family \(poorFamilies.sorted { $0.key < $1.key })"
        )
        #expect(Double(flagged) <= 0.05 * Double(splits))
    }

    /// With hashing embeddings every family is measured; fewer splits, since each costs seconds.
    @Test
    func halfSplitsWithEmbeddingsHaveNoPoorFamily() async throws {
        let lines = try Self.subset()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-null-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var flagged = 0
        let splits = 10
        for seed in 1000..<UInt64(1000 + splits) {
            let result = try await Self.split(lines, seed: seed, embedder: .hashing, in: folder)
            if result.skew || !result.poor.isEmpty {
                flagged += 1
                print("split \(seed): skew \(result.skew), poor \(result.poor)")
            }
        }
        print("null splits with hashing embeddings: \(flagged) of \(splits) flagged")
        #expect(flagged == 0)
    }
}
