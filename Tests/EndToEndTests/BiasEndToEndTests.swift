import AssayReport
import Foundation
import Testing

/// The bias audit through the `assay` binary: the groups file, and what a run without places says.
@Suite struct BiasEndToEndTests {
    static let arguments = [
        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--format", "json,html", "--out", "out",
        "-q",
    ]

    @Test func aGroupsFileNamesTheGroupsAudited() throws {
        try withSandbox { sandbox in
            try Data(#"{"parents": ["mom", "dad", "parents"], "kids": ["kids", "children"]}"#.utf8)
                .write(to: sandbox.appendingPathComponent("groups.json"))
            let result = try AssayCLI.run(Self.arguments + ["--groups", "groups.json"], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            let groups = Set(report.bias?.groups.map(\.group) ?? [])
            #expect(groups == ["kids", "parents"])
            // Two labels on both sides: one row per group and label.
            #expect(report.bias?.groups.count == 4)
            let html = try String(contentsOf: sandbox.appendingPathComponent("out/report.html"), encoding: .utf8)
            #expect(html.contains("<section id=\"bias\">"))
        }
    }

    @Test func aMissingOrMalformedGroupsFileIsAnInputErrorAndWritesNothing() throws {
        try withSandbox { sandbox in
            let missing = try AssayCLI.run(Self.arguments + ["--groups", "nope.json"], in: sandbox)
            #expect(missing.exitCode == 3)
            #expect(missing.stderr.contains("nope.json"))
            try Data(#"["she", "her"]"#.utf8).write(to: sandbox.appendingPathComponent("list.json"))
            let malformed = try AssayCLI.run(Self.arguments + ["--groups", "list.json"], in: sandbox)
            #expect(malformed.exitCode == 3)
            #expect(malformed.stderr.contains("list.json: not a JSON object"))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
        }
    }

    /// `fixtures/attributes`: the synthetic set has `generation_method`, the original does not.
    static let attributeArguments = [
        "compare", "--original", AssayCLI.fixture("attributes/original.jsonl"), "--synthetic",
        AssayCLI.fixture("attributes/synthetic.jsonl"), "--attr-field", "generation_method", "--attr-field", "topic",
        "--embedder", "none", "--pred-probs", "synthetic=" + AssayCLI.fixture("attributes/synthetic_probs.jsonl"),
        "--format", "json,html", "--out", "out", "-q",
    ]

    /// Distinct-2 by hand (lower-cased words, bigrams within rows), from fixtures/README.md:
    /// - baseline (lines 1–6): the food · food was · was very · very good | the room · room was · was very ·
    ///   very good | the staff · staff was · was very · very good | the food · food was · was very · very bad |
    ///   the room · room was · was very · very bad | the food · food was · was very · very good: 24 bigrams,
    ///   9 distinct (the food, food was, was very, very good, the room, room was, the staff, staff was,
    ///   very bad) → 9/24 = 0.375;
    /// - targeted (lines 7–12): 4 + 4 + 4 + 4 + 5 + 4 = 25 bigrams, all distinct but "the pool" (lines 11 and
    ///   12) → 24/25 = 0.96.
    ///
    /// Label issues: the probabilities give the text's own sentiment 0.9, so lines 3, 9 and 11 (labelled against
    /// their text) are the rows confident learning flags: thresholds t_negative = (4 · 0.9 + 0.1) / 5 and
    /// t_positive = (7 · 0.9 + 2 · 0.1) / 9 make each row's confident class its 0.9 column; the joint has
    /// C[negative][positive] = 1 and C[positive][negative] = 2, which calibration keeps; pruning flags the rows
    /// with the largest margins: line 3, and lines 9 and 11. Baseline 1/6, targeted 2/6.
    ///
    /// Near duplicates: line 6 repeats line 1 exactly; no other pair is near: baseline 2/6, targeted 0/6.
    @Test func anAttributeOnlyTheSyntheticSetHasIsReportedWithMetricsByValue() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(Self.attributeArguments, in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            #expect(report.inputs.original?.attributeFields == ["topic"])
            #expect(report.inputs.synthetic?.attributeFields == ["generation_method", "topic"])
            let table = try #require(report.bias?.attributes.first { $0.field == "generation_method" })
            #expect(table.absentFrom == .original)
            #expect(table.note?.contains("the original set has no field 'generation_method'") == true)
            #expect(
                table.values == [
                    CategoryCounts(value: "baseline", original: nil, synthetic: 6),
                    CategoryCounts(value: "targeted", original: nil, synthetic: 6),
                    CategoryCounts(value: "manual", original: nil, synthetic: 2),
                ])
            #expect(table.distinctValues == ["synthetic": 3])
            #expect(table.coverage == nil && table.jsd == nil)
            // The one-sided attribute takes no part in the divergence metrics: topic and the length bucket do.
            let jsd = try #require(report.metrics.first { $0.id == "bias.attribute_jsd" })
            #expect(jsd.note == "largest for length_bucket")
            let coverage = try #require(report.metrics.first { $0.id == "bias.attribute_coverage" })
            #expect(coverage.note == "smallest for topic")

            let byValue = try #require(table.byValue)
            #expect(byValue.map(\.value) == ["baseline", "targeted", "manual"])
            let baseline = try #require(byValue[0].synthetic)
            let targeted = try #require(byValue[1].synthetic)
            #expect(baseline.rows == 6 && targeted.rows == 6)
            #expect(baseline.distinct2 == 9.0 / 24)
            #expect(targeted.distinct2 == 24.0 / 25)
            #expect(baseline.labelIssueRate == 1.0 / 6)
            #expect(targeted.labelIssueRate == 2.0 / 6)
            #expect(baseline.nearDuplicateRate == 2.0 / 6)
            #expect(targeted.nearDuplicateRate == 0)
            // No embeddings: no APS.
            #expect(baseline.aps == nil)
            #expect(byValue[2].synthetic == ValueSideMetrics(rows: 2, tooFew: true))
            #expect(byValue.allSatisfy { $0.original == nil })

            // The same rates from the run's own label-issue findings, grouped by the lines the fixture gives
            // each method.
            let flagged = report.findings.filter { $0.kind == .labelIssue && $0.side == .synthetic }.compactMap(\.row)
            #expect(flagged.sorted() == [3, 9, 11])
            #expect(Double(flagged.filter { (1...6).contains($0) }.count) / 6 == baseline.labelIssueRate)
            #expect(Double(flagged.filter { (7...12).contains($0) }.count) / 6 == targeted.labelIssueRate)

            let html = try String(contentsOf: sandbox.appendingPathComponent("out/report.html"), encoding: .utf8)
            #expect(html.contains("<h3>generation_method</h3>"))
            #expect(html.contains("the original set has no field &#39;generation_method&#39;"))
            #expect(html.contains("<td class=\"num\">0.375</td>"))
            #expect(html.contains("too few to judge"))
        }
    }

    @Test func anAttributeNeitherSideHasStopsTheRunSuggestingTheClosestKey() throws {
        try withSandbox { sandbox in
            var arguments = Self.attributeArguments
            arguments[arguments.firstIndex(of: "generation_method") ?? 0] = "generation_methd"
            let result = try AssayCLI.run(arguments, in: sandbox)
            #expect(result.exitCode == 3)
            #expect(
                result.stderrLines.last?.hasSuffix(
                    "attributes/synthetic.jsonl:1: generation_methd: no such field (did you mean 'generation_method'?); this row has 'generation_method', 'label', 'text', 'topic'; the other file has none either; name a field at least one of them has"
                ) == true, "\(result.stderr)")
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
        }
    }
}
