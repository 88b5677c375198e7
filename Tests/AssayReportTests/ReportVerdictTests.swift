import AssayCore
import AssayMetrics
import Testing

@testable import AssayReport

/// The verdict cards of a hand-made comparison: each status and sentence worked out from the rules.
@Suite struct ReportVerdictTests {
    private static func side(_ value: Double, _ ci: [Double]? = nil) -> SideValue {
        SideValue(value: value, ci: ci, interval: ci == nil ? nil : .bootstrap, n: 100)
    }

    private static func perSide(
        _ id: MetricID, _ title: String, _ better: Direction, original: SideValue, synthetic: SideValue
    ) -> MetricResult {
        MetricResult(
            id: id, family: id.family, title: title, better: better, original: original,
            synthetic: synthetic)
    }

    private static func pair(_ id: MetricID, _ title: String, _ value: Double, ci: [Double]? = nil) -> MetricResult {
        var metric = MetricResult(id: id, family: id.family, title: title, better: .lower, value: value)
        metric.ci = ci
        return metric
    }

    static func report(original: Bool = true) -> Report {
        var amplification = pair("bias.group_label_amplification", "Amplification", 0.5, ci: [0.1, 0.9])
        amplification.note = "female → positive"
        let metrics = [
            // Worse (0.2 is below the original's interval) and similar (inside it): 1 worse of 2.
            perSide(
                "diversity.distinct_2", "Distinct-2", .higher, original: side(0.8, [0.78, 0.82]), synthetic: side(0.2)),
            perSide(
                "diversity.self_bleu", "Self-BLEU", .lower, original: side(0.30, [0.25, 0.35]), synthetic: side(0.32)),
            perSide("complexity.tokens", "Length (words)", .neither, original: side(10), synthetic: side(15)),
            pair("complexity.characters_ks", "Length (characters): KS distance", 0.25),
            pair("complexity.tokens_ks", "Length (words): KS distance", 0.4),
            perSide("noise.label_issue_rate", "Label issue rate", .lower, original: side(0.1), synthetic: side(0.2)),
            perSide("duplicates.near_rate", "Near-duplicate rate", .lower, original: side(0), synthetic: side(0.03)),
            pair("leakage.synthetic_near_original_rate", "Near an original row", 0.10),
            pair("fidelity.mauve", "MAUVE", 0.9),
            pair("fidelity.c2st_auc", "Two-sample classifier AUC", 0.55),
            pair("bias.region_jsd", "Continent JSD", 0.06),
            amplification,
        ]
        let dataset = DatasetSummary(
            path: "a.jsonl", format: "jsonl", rows: 100, bytes: 10, sha256: "0", textFields: ["text"],
            labelField: "label", labels: ["a": 50, "b": 50], attributeFields: [], emptyTexts: 0)
        return Report(
            tool: ToolInfo(version: "0.1.0"), createdAt: "2026-01-01T00:00:00Z", command: "compare",
            inputs: Inputs(original: original ? dataset : nil, synthetic: dataset),
            settings: Settings(
                seed: 13, sizeMatching: nil, selfBleuHypotheses: 1000, bootstrapResamples: 200, subsampleRepeats: 50),
            metrics: metrics,
            skipped: [SkippedMetric(id: "diversity.aps", reason: "no embeddings: run with --embedder minilm")])
    }

    @Test func everyFamilyGetsOneCardInReportOrder() {
        let verdicts = Self.report().verdicts(catalog: Assessment.catalog)
        #expect(
            verdicts.map(\.id) == [
                "diversity", "semantic", "complexity", "noise", "duplicates", "fidelity", "bias", "utility",
            ])
        #expect(verdicts.map(\.anchor).contains("semantic"))
    }

    @Test func statusesFollowTheRules() {
        let status = Dictionary(
            uniqueKeysWithValues: Self.report().verdicts(catalog: Assessment.catalog).map { ($0.id, $0.status) })
        #expect(status["diversity"] == .mixed, "1 materially worse of 2 is not more than half")
        #expect(status["semantic"] == .unmeasured)
        // KS 0.4 ≥ 0.1 and above the 5% critical value 1.358·√(200/10000) = 0.192, with no histogram to
        // place the synthetic mean outside the original's spread: different, not poor.
        #expect(status["complexity"] == .different)
        // 20 of 100 flagged against 10 of 100: Newcombe's interval of the difference has its lower bound
        // 0.1 − √(0.0666² + 0.0744²) = 0.00015 > 0, so mixed (no classifier accuracy: never bad by rate).
        #expect(status["noise"] == .mixed)
        // Near duplicates 3 of 100: Wilson lower bound 0.0103 > 0.01 (mixed); leaked 10 of 100: lower
        // bound 0.0552 > 0.05 (bad).
        #expect(status["duplicates"] == .bad)
        #expect(status["fidelity"] == .good, "MAUVE 0.9 ≥ 0.8")
        #expect(status["bias"] == .good, "no region skew; no group table, so no amplification beyond chance")
        #expect(status["utility"] == .unmeasured)
    }

    @Test func sentencesStateTheNumbers() throws {
        let verdicts = Dictionary(
            uniqueKeysWithValues: Self.report().verdicts(catalog: Assessment.catalog).map { ($0.id, $0) })
        #expect(
            verdicts["diversity"]?.sentence
                == "Partly as varied as the original: worse on 1, better on 0 and alike on 1 of 2 measures (alike: inside an interval or under 10% apart)."
        )
        #expect(verdicts["semantic"]?.sentence == "Not measured: no embeddings: run with --embedder minilm.")
        #expect(
            verdicts["complexity"]?.sentence
                == "Texts are longer than the original's (15 vs 10 words); the most different distribution is length (words) (KS 0.400, above the 5% critical value 0.192), within the original's spread."
        )
        #expect(
            verdicts["duplicates"]?.sentence
                == "3 of 100 synthetic rows (3.0%) repeat another (0.0% exactly; the original: 0.0%); 10 (10.0%) copy or nearly copy an original row (0.0% exactly)."
        )
        #expect(
            verdicts["bias"]?.sentence
                == "Continent JSD 0.060 bits, no region skew; group–label amplification 0.500 (female → positive), not beyond chance over the cells tested."
        )
        #expect(verdicts["utility"]?.sentence == "Not measured on this data.")
        let figures = try #require(verdicts["diversity"]?.figures)
        #expect(figures.map(\.text) == ["0.200 (original 0.800)", "0.320 (original 0.300)"])
        #expect(verdicts["fidelity"]?.figures.map(\.text) == ["0.900", "0.550"])
    }

    @Test func aSingleDatasetHasNoVerdict() {
        #expect(Self.report(original: false).verdicts(catalog: Assessment.catalog).isEmpty)
    }

    @Test func theSemanticCardCountsExactlyTheEmbeddingMetrics() {
        let ids = VerdictBuilder.semanticIDs(in: Assessment.catalog)
        #expect(
            ids == [
                "diversity.aps", "diversity.aps_intra_class", "diversity.aps_inter_class", "diversity.remote_clique",
                "diversity.chamfer", "diversity.vendi", "diversity.vendi_ratio", "diversity.dispersion",
            ])
        let families = Set(Assessment.catalog.filter { ids.contains($0.id) }.map(\.family))
        #expect(families == ["diversity"])
    }
}
