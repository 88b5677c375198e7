import AssayReport
import Foundation
import Testing

/// Duplicates and leakage through the `assay` binary on the fixtures.
@Suite struct DuplicatesEndToEndTests {
    @Test func theSixCopiedReviewsAreExactDuplicatesAndNothingLeaks() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--format", "json,html",
                    "--out", "out", "-q",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            // fixtures/README.md: six synthetic rows repeat another row's text exactly; the original has none.
            #expect(report.metric("duplicates.exact_rate")?.synthetic?.value == 6.0 / 160.0)
            #expect(report.metric("duplicates.exact_rate")?.original?.value == 0)
            #expect(report.metric("leakage.synthetic_exact_in_original_rate")?.value == 0)
            let groups = report.findings.filter { $0.kind == .exactDuplicates }
            #expect(groups.reduce(0) { $0 + ($1.relatedCount ?? 0) } == 6)
            #expect(report.settings.duplicates?.nearJaccard == 0.8)
            let html = try String(
                contentsOf: sandbox.appendingPathComponent("out/report.html"), encoding: .utf8)
            #expect(html.contains("<section id=\"duplicates\">"))
            #expect(html.contains("<section id=\"leakage\">"))
        }
    }

    /// pairs_synthetic.tsv repeats its premises (8 premises, 24 rows: 16 repeats) but no premise–hypothesis
    /// pair; looking at the premise alone finds them.
    @Test func duplicatesOfOneTextFieldOfAPair() throws {
        try withSandbox { sandbox in
            var arguments = [
                "compare", "--original", AssayCLI.fixture("pairs_original.tsv"), "--synthetic",
                AssayCLI.fixture("pairs_synthetic.tsv"), "--text-field", "premise", "--text-field", "hypothesis",
                "--embedder", "none", "--format", "json", "-q",
            ]
            let whole = try AssayCLI.run(arguments + ["--out", "whole"], in: sandbox)
            #expect(whole.exitCode == 0, "\(whole.stderr)")
            let wholeReport = try AssayCLI.report(in: sandbox.appendingPathComponent("whole"))
            #expect(wholeReport.metric("duplicates.exact_rate")?.synthetic?.value == 0)
            arguments += ["--duplicates-field", "premise", "--out", "premise"]
            let premise = try AssayCLI.run(arguments, in: sandbox)
            #expect(premise.exitCode == 0, "\(premise.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("premise"))
            #expect(report.metric("duplicates.exact_rate")?.synthetic?.value == 16.0 / 24.0)
            #expect(report.settings.duplicates?.field == "premise")
        }
    }
}
