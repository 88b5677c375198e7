import AssayReport
import AssayTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `assay compare --shape chat` and `assay gate` on chat data: a report that validates against the
/// schema with prompt and response sections, and gates that name a part.
@Suite struct ShapeEndToEndTests {
    static let original = AssayCLI.fixture("shapes/chat_original.jsonl")
    static let synthetic = AssayCLI.fixture("shapes/chat_synthetic.jsonl")

    @Test func compareWithShapeChatReportsBothParts() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", Self.original, "--synthetic", Self.synthetic, "--shape", "chat",
                    "--embedder", "hashing", "--out", out.path, "--quiet",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 0, "\(result.stderr)")
            // `report(in:)` validates report.json against reports/report.schema.json.
            let report = try AssayCLI.report(in: out)
            #expect(report.shape?.judgedPart == .response)
            #expect(report.shape?.original?.layout == .messages && report.shape?.synthetic?.rows == 36)
            let parts = Set(report.metrics.compactMap(\.part))
            #expect(parts == [.prompt, .response])
            #expect(report.metric("leakage.synthetic_exact_in_original_rate", part: .prompt) != nil)
            #expect(report.metric("noise.label_issue_rate", part: .prompt) == nil)
            #expect(report.metric("noise.label_issue_rate")?.part == .response)
            #expect(report.inputs.original?.textFields == ["messages"])
            let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(
                html.contains("<section id=\"shape\">") && html.contains("<h3 id=\"parts\">Prompt and response</h3>"))
            let markdown = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
            #expect(markdown.contains("(`diversity.distinct_2@prompt`)"))
        }
    }

    @Test func judgingThePromptSwapsTheParts() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", Self.original, "--synthetic", Self.synthetic, "--judge-part", "prompt",
                    "--embedder", "none", "--format", "json", "--out", out.path, "--quiet",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: out)
            #expect(report.shape?.judgedPart == .prompt)
            #expect(report.metric("complexity.tokens")?.part == .prompt)
            #expect(report.metric("complexity.tokens", part: .response) == nil)
        }
    }

    @Test func gatesNameAPart() throws {
        try withSandbox { sandbox in
            let policy = sandbox.appendingPathComponent("policy.yml")
            // 12 of the 36 synthetic prompts equal an original prompt and no response equals an original
            // response (python: the fixtures split by hand and compared as sets).
            try """
            rules:
              - metric: leakage.synthetic_exact_in_original_rate
                part: prompt
                max: 0.1
              - metric: leakage.synthetic_exact_in_original_rate@response
                max: 0.1
              - metric: leakage.synthetic_exact_in_original_rate
                max: 0.1
            """.write(to: policy, atomically: true, encoding: .utf8)
            let junit = sandbox.appendingPathComponent("junit.xml")
            let result = try AssayCLI.run(
                [
                    "gate", "--policy", policy.path, "--original", Self.original, "--synthetic", Self.synthetic,
                    "--embedder", "none", "--store", sandbox.appendingPathComponent("store.sqlite").path, "--out",
                    sandbox.appendingPathComponent("out").path, "--junit", junit.path, "--quiet",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 1, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            #expect(
                report.gates.map(\.metric.rawValue) == [
                    "leakage.synthetic_exact_in_original_rate@prompt", "leakage.synthetic_exact_in_original_rate",
                    "leakage.synthetic_exact_in_original_rate",
                ])
            #expect(report.gates.map(\.status) == [.fail, .pass, .pass])
            #expect(report.gates.first?.value == 12.0 / 36)
            let xml = try XMLDocument(contentsOf: junit)
            let failures = try xml.nodes(forXPath: "//testcase[failure]/@name").compactMap(\.stringValue)
            #expect(failures.count == 1 && failures[0].hasPrefix("leakage.synthetic_exact_in_original_rate@prompt"))
        }
    }

    @Test func aPartRuleOnPlainTextsIsNotMeasured() throws {
        try withSandbox { sandbox in
            let policy = sandbox.appendingPathComponent("policy.yml")
            try "rules:\n  - metric: diversity.distinct_2@prompt\n    min: 0.1\n".write(
                to: policy, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "gate", "--policy", policy.path, "--original", AssayCLI.fixture("reviews_original.jsonl"),
                    "--synthetic", AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--store",
                    sandbox.appendingPathComponent("store.sqlite").path, "--out",
                    sandbox.appendingPathComponent("out").path, "--quiet",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 1, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            #expect(
                report.gates.first?.message
                    == "not measured: the rule names the prompt part, but the data are plain texts, not chat or instruction examples"
            )
        }
    }

    @Test func aPlainFileAgainstAChatFileExitsThreeWritingNothing() throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic", Self.synthetic,
                    "--embedder", "none", "--out", out.path, "--quiet",
                ], in: sandbox, timeout: 120)
            #expect(result.exitCode == 3)
            #expect(result.stderrLines.count == 1 && result.stderr.contains("holds plain texts ('text') but"))
            #expect(AssayCLI.isAbsentOrEmpty(out))
        }
    }
}
