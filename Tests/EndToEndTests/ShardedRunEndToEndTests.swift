import AssayCore
import AssayReport
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

    @Test func shardMergeReportGivesCompareOnTheFoldersAndGates() throws {
        try withSandbox { sandbox in
            let originalFolder = AssayCLI.fixture("forms/shards")
            let originalFiles = (0..<3).map { "\(originalFolder)/train-0000\($0)-of-00003.jsonl" }
            let syntheticFolder = sandbox.appendingPathComponent("synthetic")
            let syntheticFiles = try ShardEndToEndTests.writeSyntheticShards(to: syntheticFolder)
            let states = sandbox.appendingPathComponent("states")
            try FileManager.default.createDirectory(at: states, withIntermediateDirectories: true)
            let original = states.appendingPathComponent("original.state").path
            let synthetic = states.appendingPathComponent("synthetic.state").path
            try Self.shardAndMerge(originalFiles, into: states, merged: original, in: sandbox)
            try Self.shardAndMerge(syntheticFiles, into: states, merged: synthetic, in: sandbox)

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
}
