import AssayCore
import AssayMetrics
import AssayReport
import AssayTestSupport
import Crypto
import Foundation
import Testing

@testable import AssayPipeline

/// The second pass of a sharded run: `assay report --scorer-out` writes the model label faithfulness trained on
/// the original's sample, `assay shard --score` applies it to every row of each synthetic file, and the report of
/// those states measures label faithfulness over every synthetic row. On AG News test (fixtures/data/alps) cut
/// into eight files of 950 lines, the first four the original and the last four the synthetic set.
@Suite(.serialized) struct ShardScoringTests {
    /// AG News test's eight parts of 950 lines, the first four in `folder`/original, the last four in
    /// `folder`/synthetic.
    private func write(to folder: URL) throws -> (original: [String], synthetic: [String]) {
        (
            try ShardedReportTests.write(parts: 0..<4, to: folder.appendingPathComponent("original")),
            try ShardedReportTests.write(parts: 4..<8, to: folder.appendingPathComponent("synthetic"))
        )
    }

    /// The states of `files`, merged and written to `folder`/`name`.
    private func merged(_ states: [ShardState], files: [String], in folder: URL, name: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try ShardState.merging(states, paths: files).encoded().write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `report`'s JSON `key` (`label_quality`, `findings` …) as a JSON object.
    private func json(_ report: Report) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
    }

    private func agreement(_ report: [String: Any]) throws -> NSDictionary {
        let metrics = try #require(report["metrics"] as? [[String: Any]])
        return try #require(metrics.first { $0["id"] as? String == "noise.synthetic_label_agreement" }) as NSDictionary
    }

    private func disagreements(_ report: [String: Any]) throws -> [NSDictionary] {
        try #require(report["findings"] as? [[String: Any]]).filter { $0["kind"] as? String == "label_disagreement" }
            .map { $0 as NSDictionary }
    }

    /// The findings in row order without their scores, and their scores: the scores of a sharded report come from
    /// vectors embedded file by file, which OpenBLAS rounds in other last bits than the whole set's on some cores
    /// (1.6e-6 of the value at most on AMD EPYC without OPENBLAS_CORETYPE), so findings of nearly equal scores may
    /// swap places in the ranking.
    private func splittingScores(_ findings: [NSDictionary]) -> (findings: [NSDictionary], scores: [Double]) {
        let ordered = findings.sorted { ($0["row"] as? Int ?? 0) < ($1["row"] as? Int ?? 0) }
        let unscored = ordered.map { finding in
            let copy = (finding.mutableCopy() as? NSMutableDictionary) ?? NSMutableDictionary()
            copy.removeObject(forKey: "score")
            return copy as NSDictionary
        }
        return (unscored, ordered.map { $0["score"] as? Double ?? .nan })
    }

    // The original sampled whole (4,000 ≥ 3,800 rows), so the scorer's model is compare's model of the original;
    // the synthetic set sampled at 500 of 3,800. Scored, the synthetic states give the label agreement, its
    // confusion matrix and its findings of `assay compare` on the two folders, field by field; not scored, the
    // sample's 500 rows.
    @Test(.requiresModel) func scoredStatesGiveLabelFaithfulnessOverEverySyntheticRow() throws {
        try TestPaths.withTemporaryFolder { folder in
            let files = try write(to: folder)
            let sha256 = try withStaticModelFolder { model, store in
                let options = RunOptions(
                    embedding: EmbeddingProvider(choice: .static, modelDirectory: model, storePath: store))
                let original = try merged(
                    try files.original.map {
                        try Sharding.state(path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 4000)
                    }, files: files.original, in: folder, name: "original.state")
                let plainStates = try files.synthetic.map {
                    try Sharding.state(path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 500)
                }
                let plain = try merged(plainStates, files: files.synthetic, in: folder, name: "synthetic.state")
                let (sampled, scorer) = try ShardedReport.runWritingScorer(
                    original: original, synthetic: plain, options: options)
                #expect(scorer.classes == ["Business", "Sci/Tech", "Sports", "World"])
                #expect(scorer.embedder == "static-all-MiniLM-L6-v2-256" && scorer.longText == nil)
                #expect(scorer.origin.rows == 3800 && scorer.origin.trainedOn == 3800 && scorer.origin.files.count == 4)
                #expect(try agreement(json(sampled.report))["n"] as? Int == 500)
                let scorerPath = folder.appendingPathComponent("scorer.json").path
                let bytes = try scorer.encoded()
                try bytes.write(to: URL(fileURLWithPath: scorerPath))
                let read = try ShardScorer.read(path: scorerPath)
                #expect(read.scorer == scorer)
                #expect(read.sha256 == SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined())

                let scoring = try Sharding.Scoring(path: scorerPath, modelDirectory: model, storePath: store)
                let scoredStates = try files.synthetic.map {
                    try Sharding.state(
                        path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 500, scoring: scoring)
                }
                // A scored state does not merge with one not scored.
                let mixed = #expect(throws: AssayError.self) {
                    try ShardState.merging([scoredStates[0], plainStates[1]], paths: ["a.state", "b.state"])
                }
                #expect(mixed?.message.contains("scorer none vs \(read.sha256.prefix(12))") == true)
                _ = try merged(scoredStates, files: files.synthetic, in: folder, name: "scored.state")
                return read.sha256
            }
            let scoredPath = folder.appendingPathComponent("scored.state").path
            let scored = try ShardState.read(path: scoredPath)
            #expect(scored.settings.scorer?.sha256 == sha256)

            // The report needs the embedder only for the sample's measures: the scores are in the states.
            let original = folder.appendingPathComponent("original.state").path
            try withStaticModelFolder { model, store in
                let options = RunOptions(
                    embedding: EmbeddingProvider(choice: .static, modelDirectory: model, storePath: store))
                let sharded = try json(
                    try ShardedReport.run(original: original, synthetic: scoredPath, options: options).report)
                let compared = try json(
                    try Comparison.run(
                        original: try DatasetLoader.load(path: folder.appendingPathComponent("original").path),
                        synthetic: try DatasetLoader.load(path: folder.appendingPathComponent("synthetic").path),
                        command: "compare", options: options
                    ).report)
                let metric = try agreement(sharded)
                #expect(metric == (try agreement(compared)))
                #expect(metric["n"] as? Int == 3800)
                let quality = try #require(sharded["label_quality"] as? [String: Any])
                let expected = try #require(compared["label_quality"] as? [String: Any])
                #expect(quality["faithfulness"] as? NSDictionary == expected["faithfulness"] as? NSDictionary)
                let findings = splittingScores(try disagreements(sharded))
                let comparedFindings = splittingScores(try disagreements(compared))
                #expect(findings.findings == comparedFindings.findings && findings.findings.count > 100)
                #expect(
                    zip(findings.scores, comparedFindings.scores).allSatisfy {
                        abs($0 - $1) <= 1e-5 * max(abs($1), 1e-3)
                    },
                    "scores differ beyond rounding")
                let every = try #require((sharded["settings"] as? [String: Any])?["sharded"] as? [String: Any])
                #expect((every["every_row"] as? [String])?.contains("noise.synthetic_label_agreement") == true)

                // Counted from the states' probabilities alone: rows whose most probable class is their label.
                let rows = try scored.everyRow(path: scoredPath)
                let probabilities = try #require(rows.probabilities)
                let labels = try #require(rows.labels)
                #expect(rows.labelNames == ["Business", "Sci/Tech", "Sports", "World"])
                var agreeing = 0
                for row in labels.indices {
                    let p = probabilities[(row * 4)..<(row * 4 + 4)]
                    let best = p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0
                    if best - row * 4 == Int(labels[row]) { agreeing += 1 }
                }
                #expect(metric["value"] as? Double == Double(agreeing) / 3800)
                #expect(rows.disagreeing?.count == 3800 - agreeing)
            }
        }
    }

    // A scorer of another sample of the original leaves label faithfulness to the sample, with a warning; a
    // report with the hashing embedder, whose vectors depend on the other rows, writes no scorer; a scorer cut
    // short is refused in one line.
    @Test(.requiresModel) func aScorerOfAnotherOriginalOrEmbedderIsNotUsed() throws {
        try TestPaths.withTemporaryFolder { folder in
            let files = try write(to: folder)
            try withStaticModelFolder { model, store in
                let options = RunOptions(
                    embedding: EmbeddingProvider(choice: .static, modelDirectory: model, storePath: store))
                func states(_ files: [String], limit: Int, scoring: Sharding.Scoring? = nil) throws -> [ShardState] {
                    try files.map {
                        try Sharding.state(
                            path: $0, fields: FieldOptions(), seed: 13, sampleLimit: limit, scoring: scoring)
                    }
                }
                let whole = try merged(
                    try states(files.original, limit: 4000), files: files.original, in: folder, name: "whole.state")
                let sampled = try merged(
                    try states(files.original, limit: 300), files: files.original, in: folder, name: "sampled.state")
                let plain = try merged(
                    try states(files.synthetic, limit: 300), files: files.synthetic, in: folder, name: "plain.state")
                let hashing = #expect(throws: AssayError.self) {
                    try ShardedReport.runWritingScorer(
                        original: whole, synthetic: plain,
                        options: RunOptions(embedding: EmbeddingProvider(choice: .hashing)))
                }
                #expect(hashing?.field == "--scorer-out" && hashing?.message.contains("hashing-512") == true)
                let scorer = try ShardedReport.runWritingScorer(original: whole, synthetic: plain, options: options)
                    .scorer
                let scorerPath = folder.appendingPathComponent("scorer.json").path
                try scorer.encoded().write(to: URL(fileURLWithPath: scorerPath))
                let scoring = try Sharding.Scoring(path: scorerPath, modelDirectory: model, storePath: store)
                let scored = try merged(
                    try states(files.synthetic, limit: 300, scoring: scoring), files: files.synthetic, in: folder,
                    name: "scored.state")
                let report = try json(
                    try ShardedReport.run(original: sampled, synthetic: scored, options: options).report)
                #expect(try agreement(report)["n"] as? Int == 300)
                let warnings = try #require(report["warnings"] as? [String])
                #expect(
                    warnings.contains {
                        $0.hasPrefix("\(scored) was scored by a scorer of another original state or embedder")
                    })

                let cut = folder.appendingPathComponent("cut.json").path
                try scorer.encoded().prefix(200).write(to: URL(fileURLWithPath: cut))
                let truncated = #expect(throws: AssayError.self) {
                    try Sharding.Scoring(path: cut, modelDirectory: model, storePath: store)
                }
                #expect(
                    truncated?.message
                        == "is not valid JSON (200 bytes; a scorer cut short, or not a scorer): write it again with assay report --scorer-out"
                )
                let state = #expect(throws: AssayError.self) {
                    try Sharding.Scoring(path: whole, modelDirectory: model, storePath: store)
                }
                #expect(
                    state?.message
                        == "is not an Assay scorer file (assay-shard-scorer); write one with assay report --scorer-out")
            }
        }
    }
}
