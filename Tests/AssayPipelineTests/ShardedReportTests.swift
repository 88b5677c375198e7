import AssayCore
import AssayEmbed
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// `assay shard` → `assay merge` → `assay report` on a real dataset: the two halves of AG News test
/// (fixtures/data/alps, 7,600 rows) as original and synthetic, each cut into four files of 950 lines.
@Suite(.serialized) struct ShardedReportTests {
    /// A fresh folder under the system's temporary directory, removed after `body`.
    private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// AG News test's lines 950·i + 1 … 950·(i + 1) for i in `parts`, as files part-i.jsonl in `folder`.
    private func write(parts: Range<Int>, to folder: URL) throws -> [String] {
        let lines = try String(contentsOfFile: TestPaths.fixture("data/alps/agnews_test.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try parts.map { part in
            let path = folder.appendingPathComponent("part-\(part).jsonl").path
            try Data((lines[(part * 950)..<((part + 1) * 950)].joined(separator: "\n") + "\n").utf8).write(
                to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// The reports, as JSON objects, without what differs by design: the command, the time, the inputs'
    /// paths, the settings' record of the sample, and the warning that states it.
    private func comparable(_ report: Report, dropFirstWarning: Bool) throws -> [String: Any] {
        var json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        for key in ["command", "created_at"] { json[key] = nil }
        var settings = try #require(json["settings"] as? [String: Any])
        settings["sample"] = nil
        settings["sharded"] = nil
        json["settings"] = settings
        var inputs = try #require(json["inputs"] as? [String: [String: Any]])
        for side in inputs.keys { inputs[side]?["path"] = nil }
        json["inputs"] = inputs
        if dropFirstWarning, var warnings = json["warnings"] as? [String] {
            warnings.removeFirst()
            json["warnings"] = warnings
        }
        return json
    }

    // Sampling 500 of 3,800 rows a side: the report equals a single-process run on exactly the sampled rows
    // of the two folders, apart from the inputs, whose counts are of every row, as a run on the folders gives.
    @Test func theReportOfMergedStatesIsTheRunOnTheirSample() async throws {
        try await withTemporaryFolder { folder in
            let originalFiles = try write(parts: 0..<4, to: folder.appendingPathComponent("original"))
            let syntheticFiles = try write(parts: 4..<8, to: folder.appendingPathComponent("synthetic"))
            func merged(_ files: [String], name: String) throws -> String {
                let states = try files.map {
                    try ShardState.build(path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 500)
                }
                let path = folder.appendingPathComponent(name).path
                try ShardState.merging(states, paths: files).encoded().write(to: URL(fileURLWithPath: path))
                return path
            }
            let originalState = try merged(originalFiles, name: "original.state")
            let syntheticState = try merged(syntheticFiles, name: "synthetic.state")
            let options = RunOptions(embedding: EmbeddingProvider(choice: .hashing))
            let sharded = try ShardedReport.run(original: originalState, synthetic: syntheticState, options: options)

            let original = try DatasetLoader.load(path: folder.appendingPathComponent("original").path)
            let synthetic = try DatasetLoader.load(path: folder.appendingPathComponent("synthetic").path)
            let sampledOriginal = try ShardState.read(path: originalState).sampleCorpus(path: originalState)
            let sampledSynthetic = try ShardState.read(path: syntheticState).sampleCorpus(path: syntheticState)
            #expect(sampledOriginal.count == 500 && sampledSynthetic.count == 500)
            let single = try Comparison.run(
                original: original.selecting(rows: sampledOriginal.rowNumbers.map { $0 - 1 }),
                synthetic: synthetic.selecting(rows: sampledSynthetic.rowNumbers.map { $0 - 1 }), command: "report",
                options: options)
            var expected = try comparable(single.report, dropFirstWarning: false)
            // The inputs a run on every row reports (which do not depend on embeddings).
            let whole = try Comparison.run(
                original: original, synthetic: synthetic, command: "compare",
                options: RunOptions(embedding: EmbeddingProvider(choice: .none)))
            expected["inputs"] = try comparable(whole.report, dropFirstWarning: false)["inputs"]
            let actual = try comparable(sharded.report, dropFirstWarning: true)
            #expect(
                JSONTree.firstMismatch(actual, expected) == nil, "\(JSONTree.firstMismatch(actual, expected) ?? "")")
            #expect(sharded.report.inputs.original?.rows == 3800 && sharded.report.inputs.synthetic?.rows == 3800)
            #expect(sharded.report.inputs.original?.labels == original.labelCounts)
            let basis = try #require(sharded.report.settings.sharded)
            #expect(
                basis.limit == 500 && basis.original == .init(rows: 500, of: 3800) && basis.synthetic == basis.original)
            #expect(
                sharded.report.warnings.first
                    == "every measure ran on a bottom-k sample (500 of 3,800 original rows, 500 of 3,800 synthetic rows); the inputs' rows, labels and empty texts count every row"
            )
            // A finding cites a row of the files, as a run on the folders does.
            let finding = try #require(sharded.report.findings.first { $0.side == .synthetic })
            #expect(finding.location?.hasPrefix(folder.appendingPathComponent("synthetic").path + "/part-") == true)
        }
    }
}
