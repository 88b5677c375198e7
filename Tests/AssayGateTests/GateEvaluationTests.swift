import AssayCore
import AssayReport
import Testing

@testable import AssayGate

/// Rules checked against a hand-made report: every bound, scope, side and status.
@Suite struct GateEvaluationTests {
    static func report() -> Report {
        let distinct = MetricResult(
            id: "diversity.distinct_2", family: "diversity", title: "Distinct-2", better: .higher,
            original: SideValue(value: 0.8, n: 100), synthetic: SideValue(value: 0.4, n: 100),
            byClass: [
                "a": ClassValue(original: 0.8, synthetic: 0.7, n: 50),
                "b": ClassValue(original: 0.8, synthetic: 0.2, n: 50),
            ])
        let near = MetricResult(
            id: "duplicates.near_rate", family: "duplicates", title: "Near-duplicate rate", better: .lower,
            original: SideValue(value: 0.02, n: 100), synthetic: SideValue(value: 0.10, n: 100))
        let mattr = MetricResult(
            id: "diversity.mattr", family: "diversity", title: "MATTR", better: .higher,
            original: SideValue(value: 0.9, n: 100),
            synthetic: SideValue(value: nil, n: 100, note: "fewer than 50 tokens"))
        var leakage = MetricResult(
            id: "leakage.synthetic_near_original_rate", family: "leakage", title: "Near an original row",
            better: .lower,
            value: 0.03)
        leakage.n = 100
        let tokens = MetricResult(
            id: "complexity.tokens", family: "complexity", title: "Length (words)", better: .neither,
            original: SideValue(value: 12, n: 100), synthetic: SideValue(value: 15, n: 100))
        let dataset = DatasetSummary(
            path: "a.jsonl", format: "jsonl", rows: 100, bytes: 10, sha256: "0", textFields: ["text"],
            labelField: "label", labels: ["a": 50, "b": 50], attributeFields: [], emptyTexts: 0)
        return Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "gate",
            inputs: Inputs(original: dataset, synthetic: dataset),
            settings: Settings(
                seed: 13, sizeMatching: nil, selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50),
            metrics: [distinct, near, mattr, leakage, tokens],
            skipped: [SkippedMetric(id: "utility.tstr_accuracy", reason: "needs labels on both sets")])
    }

    private func evaluate(_ rules: [GateRule], baseline: GateBaseline? = nil) throws -> [GateResult] {
        try GateEvaluation.evaluate(GatePolicy(path: "p.yml", rules: rules), report: Self.report(), baseline: baseline)
    }

    @Test func absoluteBoundsOnEachSideAndThePair() throws {
        let results = try evaluate([
            GateRule(metric: "diversity.distinct_2", min: 0.5),  // synthetic 0.4 < 0.5
            GateRule(metric: "diversity.distinct_2", side: .original, min: 0.5),  // 0.8 ≥ 0.5
            GateRule(metric: "leakage.synthetic_near_original_rate", max: 0.05),  // pair 0.03
            GateRule(metric: "leakage.synthetic_near_original_rate", severity: .warn, max: 0.01),
        ])
        #expect(results.map(\.status) == [.fail, .pass, .pass, .warn])
        #expect(results.map(\.side) == [.synthetic, .original, .pair, .pair])
        #expect(results[0].message == "0.400 is below min 0.500")
        #expect(results[0].condition == "synthetic ≥ 0.500")
        #expect(results[2].condition == "value ≤ 0.050" && results[2].value == 0.03)
        #expect(GateEvaluation.status(results) == .fail)
        #expect(GateEvaluation.status(Array(results[1...])) == .warn)
        #expect(GateEvaluation.status(Array(results[1...2])) == .pass)
    }

    // distinct-2: 0.4 / 0.8 = 0.5; the near rate (lower is better) is 0.10 − 0.02 = 0.08 worse; length
    // (neither) is |15 − 12| = 3 off; distinct-2 (higher is better) with max_delta: 0.8 − 0.4 = 0.4 worse.
    @Test func boundsRelativeToTheOriginal() throws {
        let results = try evaluate([
            GateRule(metric: "diversity.distinct_2", minRatio: 0.5),
            GateRule(metric: "diversity.distinct_2", minRatio: 0.6),
            GateRule(metric: "duplicates.near_rate", maxDelta: 0.1),
            GateRule(metric: "duplicates.near_rate", maxDelta: 0.05),
            GateRule(metric: "complexity.tokens", maxDelta: 3),
            GateRule(metric: "diversity.distinct_2", side: .synthetic, maxDelta: 0.3),
        ])
        #expect(results.map(\.status) == [.pass, .fail, .pass, .fail, .pass, .fail])
        #expect(results[1].message == "synthetic / original = 0.400 / 0.800 = 0.500, below min_ratio 0.600")
        #expect(results[3].message == "synthetic 0.100 vs original 0.020: worse by 0.080, above max_delta 0.050")
        #expect(results[3].condition == "worse than the original by ≤ 0.050")
        #expect(results[5].message == "synthetic 0.400 vs original 0.800: worse by 0.400, above max_delta 0.300")
    }

    // Class a: 0.7 / 0.8 = 0.875; class b: 0.2 / 0.8 = 0.25.
    @Test func eachClassGivesOneResultPerClass() throws {
        let results = try evaluate([GateRule(metric: "diversity.distinct_2", scope: .eachClass, minRatio: 0.5)])
        #expect(results.map(\.label) == ["a", "b"])
        #expect(results.map(\.status) == [.pass, .fail])
        #expect(results.allSatisfy { $0.scope == "each_class" })
        let none = try evaluate([GateRule(metric: "duplicates.near_rate", scope: .eachClass, max: 0.2)])
        #expect(none.map(\.status) == [.skipped])
    }

    // Higher is better for distinct-2: baseline 0.45 → 0.4 is 0.05 worse. Lower is better for the near
    // rate: baseline 0.12 → 0.10 is better. Neither for length: |15 − 13| = 2.
    @Test func regressionAgainstTheBaselineFollowsTheMetricsDirection() throws {
        let baseline = GateBaseline(
            runID: 7,
            values: [
                .init(metric: "diversity.distinct_2", side: .synthetic, label: nil): 0.45,
                .init(metric: "duplicates.near_rate", side: .synthetic, label: nil): 0.12,
                .init(metric: "complexity.tokens", side: .synthetic, label: nil): 13,
            ])
        let rules = [
            GateRule(metric: "diversity.distinct_2", maxRegression: 0.04),
            GateRule(metric: "diversity.distinct_2", maxRegression: 0.06),
            GateRule(metric: "duplicates.near_rate", maxRegression: 0),
            GateRule(metric: "complexity.tokens", maxRegression: 1),
            GateRule(metric: "diversity.mattr", side: .original, maxRegression: 0.1),
        ]
        let results = try evaluate(rules, baseline: baseline)
        #expect(results.map(\.status) == [.fail, .pass, .pass, .fail, .skipped])
        #expect(results[0].message == "run #7 had 0.450, now 0.400: worse by 0.050, above max_regression 0.040")
        #expect(results[0].condition == "worse than run #7 by ≤ 0.040")
        #expect(results[4].message == "baseline run #7 has no value for it")
        let first = try evaluate([GateRule(metric: "diversity.distinct_2", maxRegression: 0.01)])
        #expect(first.map(\.status) == [.skipped] && first[0].message == "no baseline run to compare with")
    }

    // A baseline taken because no earlier run passed says so in every message that reads it, and in
    // the line the gate prints.
    @Test func aFallbackBaselineIsNamedAsSuch() throws {
        let baseline = GateBaseline(
            runID: 3, values: [.init(metric: "diversity.distinct_2", side: .synthetic, label: nil): 0.45],
            isFallback: true)
        let results = try evaluate(
            [
                GateRule(metric: "diversity.distinct_2", maxRegression: 0.1),
                GateRule(metric: "diversity.mattr", side: .original, maxRegression: 0.1),
            ], baseline: baseline)
        #expect(results[0].message == "run #3 (the latest; no earlier run passed) had 0.450, now 0.400")
        #expect(results[1].message == "baseline run #3 (the latest; no earlier run passed) has no value for it")
        #expect(results[0].condition == "worse than run #3 by ≤ 0.100")
        var report = Self.report()
        report.gates = results
        report.status = GateEvaluation.status(results)
        let head = GateSummary(report: report, runID: 4, baseline: baseline).render().split(separator: "\n").first
        #expect(
            head
                == "gate: pass — 0 failed, 0 not measured, 0 warnings, 1 passed, 1 skipped (run #4; baseline run #3, the latest: no earlier run passed)"
        )
    }

    @Test func aValueThatCouldNotBeComputedIsAnError() throws {
        let results = try evaluate([
            GateRule(metric: "diversity.mattr", min: 0.5),
            GateRule(metric: "utility.tstr_accuracy", severity: .warn, min: 0.5),
        ])
        #expect(results.map(\.status) == [.error, .error])
        #expect(results[0].message == "undefined on this data: fewer than 50 tokens")
        #expect(results[1].message == "not measured: needs labels on both sets")
        #expect(GateEvaluation.status([results[1]]) == .warn, "an error in a warn rule only warns")
        #expect(GateEvaluation.status(results) == .fail)
    }

    @Test func aRuleThatDoesNotFitItsMetricIsAPolicyError() throws {
        var rule = GateRule(metric: "leakage.synthetic_near_original_rate", side: .synthetic, max: 0.1)
        rule.line = 9
        let error = try #require(throws: AssayError.self) { try evaluate([rule]) }
        #expect(error.kind == .usage && error.line == 9 && error.field == "side")
        #expect(error.message.contains("is a value about the pair"))
        let ratio = try #require(throws: AssayError.self) {
            try evaluate([GateRule(metric: "leakage.synthetic_near_original_rate", minRatio: 1)])
        }
        #expect(ratio.message.contains("need a value per side"))
        let pairSide = try #require(throws: AssayError.self) {
            try evaluate([GateRule(metric: "diversity.distinct_2", side: .pair, min: 0.1)])
        }
        #expect(pairSide.message.contains("has a value per side"))
    }
}
