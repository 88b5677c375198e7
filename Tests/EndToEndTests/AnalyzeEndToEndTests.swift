import AssayCore
import AssayReport
import Foundation
import Testing

/// `assay analyze`, and both commands on CSV and TSV input, run as a subprocess.
@Suite struct AnalyzeEndToEndTests {
    /// (extra arguments, the side the dataset must be reported under).
    @Test(arguments: [
        ([String](), Side.synthetic),
        (["--as", "synthetic"], .synthetic),
        (["--as", "original"], .original),
    ])
    func analyzeOfUnlabelledDataSkipsTheClassBreakdown(extra: [String], side: Side) throws {
        try withSandbox { sandbox in
            let path = AssayCLI.fixture("unlabelled.jsonl")
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(["analyze", path, "--out", out.path] + extra, in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(AssayCLI.reportFiles(in: out) == AssayCLI.reportFileNames)
            let report = try AssayCLI.report(in: out)
            #expect(report.command == "analyze")
            #expect(report.settings.sizeMatching == nil)

            let skipped = try #require(report.skipped.first { $0.id == "diversity.by_class" })
            #expect(skipped.reason.contains("label"), "reason: \(skipped.reason)")
            #expect(report.metrics.count >= 14)
            #expect(report.metrics.allSatisfy { $0.byClass == nil })

            let other: Side = side == .original ? .synthetic : .original
            let input = try #require(side == .original ? report.inputs.original : report.inputs.synthetic)
            #expect((side == .original ? report.inputs.synthetic : report.inputs.original) == nil)
            #expect(input.path == path)
            #expect(input.rows == 20)
            #expect(input.labels == nil)
            #expect(input.labelField == nil)
            for metric in report.metrics {
                #expect(metric.side(side)?.n == 20, "\(metric.id)")
                #expect(metric.side(other) == nil, "\(metric.id)")
            }
            let distinct1 = try #require(report.metric("diversity.distinct_1")?.side(side)?.value)
            #expect(distinct1 > 0 && distinct1 <= 1)
            #expect(result.stdout.contains("unlabelled"))
        }
    }

    @Test func compareReadsSentencePairsFromTSV() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("pairs_original.tsv"),
                    "--synthetic", AssayCLI.fixture("pairs_synthetic.tsv"),
                    "--text-field", "premise", "--text-field", "hypothesis", "--out", out.path, "-q",
                ],
                in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let report = try AssayCLI.report(in: out)
            let labels = ["entailment": 8, "contradiction": 8, "neutral": 8]
            for input in [report.inputs.original, report.inputs.synthetic] {
                let input = try #require(input)
                #expect(input.format == "tsv")
                #expect(input.rows == 24)
                #expect(input.labels == labels)
                #expect(input.textFields == ["premise", "hypothesis"])
                #expect(input.emptyTexts == 0)
            }
            let byClass = try #require(report.metric("diversity.distinct_1")?.byClass)
            #expect(Set(byClass.keys) == Set(labels.keys))
        }
    }

    @Test func analyzeReadsQuotedMultilineCSV() throws {
        try withSandbox { sandbox in
            let path = AssayCLI.fixture("reviews_small.csv")
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(["analyze", path, "--out", out.path, "-q"], in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            let report = try AssayCLI.report(in: out)
            let input = try #require(report.inputs.synthetic)
            #expect(report.inputs.original == nil)
            #expect(input.format == "csv")
            #expect(input.rows == 12)
            #expect(input.labels == ["negative": 6, "positive": 6])
        }
    }
}
