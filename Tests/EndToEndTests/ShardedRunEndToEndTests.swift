import AssayCore
import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// `assay shard`, `assay merge` and `assay report` as commands, on fixtures/forms/shards (reviews_original.jsonl
/// in three files) and reviews_synthetic.jsonl cut the same way: 160 rows a side, under the default sample,
/// so the report is `assay compare`'s on the folders.
@Suite struct ShardedRunEndToEndTests {
    /// Shards every file of `files` into `folder`, merges them into `merged`; the states' paths.
    static func shardAndMerge(_ files: [String], into folder: URL, merged: String, in sandbox: URL) throws {
        var states: [String] = []
        for (index, file) in files.enumerated() {
            let state = folder.appendingPathComponent("\(index).state").path
            let result = try AssayCLI.run(["shard", file, "--out", state, "--quiet"], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            states.append(state)
        }
        // Merged in reverse: the order does not matter.
        let result = try AssayCLI.run(["merge"] + states.reversed() + ["--out", merged, "--quiet"], in: sandbox)
        #expect(result.exitCode == 0, "\(result.stderr)")
    }

    /// The reviews shards (the original) and the synthetic reviews cut the same way (in `sandbox`), each side
    /// sharded and merged into `states/original.state` and `states/synthetic.state`.
    static func shardedPair(in sandbox: URL) throws -> (
        originalFolder: String, syntheticFolder: URL, syntheticFiles: [String], states: URL, original: String,
        synthetic: String
    ) {
        let originalFolder = AssayCLI.fixture("forms/shards")
        let originalFiles = (0..<3).map { "\(originalFolder)/train-0000\($0)-of-00003.jsonl" }
        let syntheticFolder = sandbox.appendingPathComponent("synthetic")
        let syntheticFiles = try ShardEndToEndTests.writeSyntheticShards(to: syntheticFolder)
        let states = sandbox.appendingPathComponent("states")
        try FileManager.default.createDirectory(at: states, withIntermediateDirectories: true)
        let original = states.appendingPathComponent("original.state").path
        let synthetic = states.appendingPathComponent("synthetic.state").path
        try shardAndMerge(originalFiles, into: states, merged: original, in: sandbox)
        try shardAndMerge(syntheticFiles, into: states, merged: synthetic, in: sandbox)
        return (originalFolder, syntheticFolder, syntheticFiles, states, original, synthetic)
    }

    @Test func shardMergeReportGivesCompareOnTheFoldersAndGates() throws {
        try withSandbox { sandbox in
            let run = try Self.shardedPair(in: sandbox)
            let (originalFolder, syntheticFolder, states) = (run.originalFolder, run.syntheticFolder, run.states)
            let (original, synthetic) = (run.original, run.synthetic)

            let policy = try GateEndToEndTests.writePolicy(
                """
                rules:
                  - metric: diversity.distinct_2
                    min_ratio: 0.9
                """, in: sandbox)
            let junit = sandbox.appendingPathComponent("junit.xml").path
            let reported = try AssayCLI.run(
                [
                    "report", "--original", original, "--synthetic", synthetic, "--embedder", "hashing", "--out",
                    sandbox.appendingPathComponent("report").path, "--policy", policy, "--junit", junit, "--quiet",
                ], in: sandbox, timeout: 180)
            // The synthetic reviews repeat their phrasing: Distinct-2 0.068 against 0.913, so the rule fails.
            #expect(reported.exitCode == 1, "\(reported.stderr)")
            #expect(FileManager.default.fileExists(atPath: junit))
            let compared = try AssayCLI.run(
                [
                    "compare", "--original", originalFolder, "--synthetic", syntheticFolder.path, "--embedder",
                    "hashing", "--out", sandbox.appendingPathComponent("compare").path, "--quiet",
                ], in: sandbox, timeout: 180)
            #expect(compared.exitCode == 0, "\(compared.stderr)")

            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("report"))
            let single = try AssayCLI.report(in: sandbox.appendingPathComponent("compare"))
            #expect(report.gates.map(\.status) == [.fail] && report.status == .fail)
            #expect(report.settings.sharded?.original == .init(rows: 160, of: 160))
            #expect(report.warnings == single.warnings, "every row is sampled: no warning about the sample")
            #expect(report.metrics == single.metrics)
            #expect(report.findings == single.findings)
            var inputs = report.inputs
            inputs.original?.path = originalFolder
            inputs.synthetic?.path = syntheticFolder.path
            #expect(inputs == single.inputs)

            // A state merged with itself is refused, naming the file; nothing is written.
            let twice = try AssayCLI.run(
                ["merge", original, original, "--out", states.appendingPathComponent("twice.state").path],
                in: sandbox)
            #expect(twice.exitCode == 3 && twice.stderrLines.count == 1, "\(twice.stderr)")
            #expect(twice.stderr.contains("a file merged twice would count its rows twice"))
            #expect(!FileManager.default.fileExists(atPath: states.appendingPathComponent("twice.state").path))
        }
    }

    // The second pass as commands: assay report --scorer-out writes the scorer (only with an embedder that embeds
    // row by row), assay shard --score keeps each synthetic row's probabilities, and the report of the scored
    // states gives the label agreement of assay compare on the folders; a scorer cut short exits 3 in one line.
    @Test(.requiresModel) func theSecondPassScoresEverySyntheticRow() throws {
        try withSandbox { sandbox in
            let run = try Self.shardedPair(in: sandbox)
            let (originalFolder, syntheticFolder, syntheticFiles) = (
                run.originalFolder, run.syntheticFolder, run.syntheticFiles
            )
            let (states, original, synthetic) = (run.states, run.original, run.synthetic)
            let model = ["--model-dir", TestPaths.modelDirectory, "--store", TestPaths.realDataStore]
            let scorer = sandbox.appendingPathComponent("scorer.json").path
            func report(_ synthetic: String, _ out: String, _ extra: [String]) throws -> RunResult {
                try AssayCLI.run(
                    ["report", "--original", original, "--synthetic", synthetic, "--out", out, "--quiet"] + extra,
                    in: sandbox, timeout: 300)
            }
            let hashing = try report(synthetic, "hashed", ["--embedder", "hashing", "--scorer-out", scorer])
            #expect(
                hashing.exitCode == 2 && hashing.stderr.contains("--embedder minilm or static"), "\(hashing.stderr)")
            let first = try report(synthetic, "first", ["--embedder", "minilm", "--scorer-out", scorer] + model)
            #expect(first.exitCode == 0, "\(first.stderr)")
            var scored: [String] = []
            for (index, file) in syntheticFiles.enumerated() {
                let state = states.appendingPathComponent("scored-\(index).state").path
                let result = try AssayCLI.run(
                    ["shard", file, "--out", state, "--score", scorer, "--quiet"] + model, in: sandbox, timeout: 300)
                #expect(result.exitCode == 0, "\(result.stderr)")
                scored.append(state)
            }
            let merged = states.appendingPathComponent("scored.state").path
            let merge = try AssayCLI.run(["merge"] + scored + ["--out", merged, "--quiet"], in: sandbox)
            #expect(merge.exitCode == 0, "\(merge.stderr)")
            let second = try report(merged, "second", ["--embedder", "minilm"] + model)
            #expect(second.exitCode == 0, "\(second.stderr)")
            let compared = try AssayCLI.run(
                [
                    "compare", "--original", originalFolder, "--synthetic", syntheticFolder.path, "--embedder",
                    "minilm", "--out", "compare", "--quiet",
                ] + model, in: sandbox, timeout: 300)
            #expect(compared.exitCode == 0, "\(compared.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("second"))
            let single = try AssayCLI.report(in: sandbox.appendingPathComponent("compare"))
            let agreement = report.metric("noise.synthetic_label_agreement")
            #expect(agreement != nil && agreement == single.metric("noise.synthetic_label_agreement"))
            #expect(report.settings.sharded?.everyRow.contains("noise.synthetic_label_agreement") == true)
            #expect(report.labelQuality?.faithfulness == single.labelQuality?.faithfulness)

            let cut = sandbox.appendingPathComponent("cut.json").path
            try Data(contentsOf: URL(fileURLWithPath: scorer)).prefix(100).write(to: URL(fileURLWithPath: cut))
            let bad = try AssayCLI.run(
                ["shard", syntheticFiles[0], "--out", "bad.state", "--score", cut] + model, in: sandbox)
            #expect(bad.exitCode == 3 && bad.stderrLines.count == 1, "\(bad.stderr)")
            #expect(bad.stderr.contains("a scorer cut short"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.appendingPathComponent("bad.state").path))
        }
    }
}
