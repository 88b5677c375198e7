import AssayCore
import AssayReport
import Foundation
import Testing

/// `assay compare` on folders of shards: findings cite `FILE:LINE`, and a bad line in one shard stops the
/// run naming that shard.
@Suite struct ShardEndToEndTests {
    static let originalShards = AssayCLI.fixture("forms/shards")
    static let synthetic = AssayCLI.fixture("reviews_synthetic.jsonl")

    /// Writes reviews_synthetic.jsonl cut into shards of 54, 54 and 52 lines to `folder`, Hugging Face style.
    static func writeSyntheticShards(to folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let lines = try String(contentsOfFile: synthetic, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 160)
        var paths: [String] = []
        for (index, range) in [0..<54, 54..<108, 108..<160].enumerated() {
            let url = folder.appendingPathComponent("train-0000\(index)-of-00003.jsonl")
            try (lines[range].joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        return paths
    }

    @Test func aBadLineInOneShardExitsThreeNamingTheShardAndWritesNothing() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let bad = AssayCLI.fixture("forms/shards-bad")
            let result = try AssayCLI.run(
                ["compare", "--original", bad, "--synthetic", Self.synthetic, "--out", out.path], in: sandbox)
            #expect(!result.crashed)
            #expect(result.exitCode == 3, "stderr: \(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.hasSuffix("\n"), "stderr: \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("assay: \(bad)/train-00001-of-00003.jsonl:4: malformed JSON ("),
                "stderr: \(result.stderr)")
            #expect(AssayCLI.reportFiles(in: out).isEmpty)
            #expect(AssayCLI.isAbsentOrEmpty(out))
        }
    }

    @Test func findingsOnShardedDataCiteFileAndLine() throws {
        try withSandbox { sandbox in
            let folder = sandbox.appendingPathComponent("synthetic/data")
            let shards = try Self.writeSyntheticShards(to: folder)
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", Self.originalShards, "--synthetic", folder.path, "--embedder", "hashing",
                    "--out", out.path,
                ], in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            // AssayCLI.report holds report.json to the schema.
            let report = try AssayCLI.report(in: out)
            #expect(report.embedding == nil, "only MiniLM reports what its input limit cut")

            let original = try #require(report.inputs.original)
            #expect(original.path == Self.originalShards && original.rows == 160 && original.bytes == 21_296)
            #expect(original.shards?.map(\.rows) == [54, 54, 52])
            #expect(original.sha256 == "c04c3b95678b7451ebb59c8d7d7ba609e8e803d8e71837bc414016a57b43c650")
            let synthetic = try #require(report.inputs.synthetic)
            #expect(synthetic.shards?.map(\.path) == shards)
            #expect(synthetic.rows == 160 && synthetic.bytes == 24_052)

            // Every row a finding cites has its location, and the location holds the row. Both sides are cut at
            // lines 54 and 108.
            let paths: [Side: [String]] = [
                .original: (0..<3).map { "\(Self.originalShards)/train-0000\($0)-of-00003.jsonl" }, .synthetic: shards,
            ]
            func text(at location: String, _ side: Side) throws -> String {
                let colon = try #require(location.lastIndex(of: ":"))
                let file = String(location[..<colon])
                #expect(paths[side]?.contains(file) == true, "\(file) is not a \(side) shard")
                let line = try #require(Int(location[location.index(after: colon)...]))
                let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
                let object = try JSONSerialization.jsonObject(with: Data(lines[line - 1].utf8)) as? [String: Any]
                return try #require(object?["text"] as? String)
            }
            let cited = report.findings.filter { $0.row != nil }
            #expect(cited.contains { $0.kind == .labelIssue } && cited.contains { $0.kind == .exactDuplicates })
            func location(_ side: Side, _ row: Int) -> String? {
                let shard = row <= 54 ? 0 : row <= 108 ? 1 : 2
                return paths[side].map { "\($0[shard]):\(row - [0, 54, 108][shard])" }
            }
            for finding in cited {
                let row = try #require(finding.row)
                #expect(finding.location == location(finding.side, row))
                for related in finding.related ?? [] {
                    #expect(related.location == location(related.side, related.row))
                }
                if [.labelIssue, .labelDisagreement, .exactDuplicates].contains(finding.kind),
                    let location = finding.location
                {
                    #expect(try text(at: location, finding.side) == finding.text)
                }
            }
            // Line 64 duplicates line 22 (fixtures/README.md): shard 1, line 10 and shard 0, line 22.
            let duplicates = report.findings.filter { $0.kind == .exactDuplicates && $0.side == .synthetic }
            let group = try #require(duplicates.first { $0.row == 22 })
            #expect(group.location == "\(shards[0]):22")
            #expect(group.related?.map(\.location) == ["\(shards[1]):10"])
            #expect(try text(at: "\(shards[1]):10", .synthetic) == group.text)

            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("<td class=\"num\">\(shards[0]):22</td>"))
            // summary.md lists label issues by location, escaped as all text from the data is there.
            let summary = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(summary.contains("  - \(MarkdownText.inline(Self.originalShards))/train\\-0000"))
            #expect(!summary.contains("  - row "))
        }
    }
}
