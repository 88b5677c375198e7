import AssayCore
import AssayMetrics
import Testing

@testable import AssayReport

/// The evidence rules behind verdicts and problems, on hand-made reports whose numbers are worked out in
/// the comments.
@Suite struct EvidenceTests {
    @Test func wilsonMatchesNewcombesWorkedExample() throws {
        // Newcombe 1998 (Statistics in Medicine 17:857), example (i): 81 of 263, score interval 0.2553–0.3662.
        let interval = try #require(Evidence.wilson(81, of: 263))
        #expect(abs(interval.low - 0.2553) < 5e-5)
        #expect(abs(interval.high - 0.3662) < 5e-5)
        #expect(Evidence.wilson(0, of: 0) == nil)
    }

    @Test func theDifferenceIntervalMatchesNewcombesWorkedExample() throws {
        // Newcombe 1998 (Statistics in Medicine 17:873), example (a): 56/70 − 48/80, method 10: 0.0524 to 0.3339.
        let difference = try #require(Evidence.difference((56, 70), (48, 80)))
        #expect(abs(difference.value - 0.2) < 1e-12)
        #expect(abs(difference.low - 0.0524) < 5e-5)
        #expect(abs(difference.high - 0.3339) < 5e-5)
    }

    @Test func ksCriticalValueIsSmirnovsAsymptote() {
        // 1.358·√((100 + 100)/(100·100)) = 1.358·0.141421 = 0.192050.
        #expect(abs(Evidence.ksCritical(100, 100) - 0.192050) < 1e-6)
        #expect(Evidence.ksCritical(0, 5) == .infinity)
    }

    @Test func theQuantileOfAHistogramInterpolatesInsideItsBin() throws {
        // 10 rows in [0, 10), 30 in [10, 20): the 0.5 quantile is the 20th row, 10 rows into the second bin
        // of 30, so 10 + 10/30·10 = 13.333.
        let q = try #require(VerdictBuilder.quantile(0.5, edges: [0, 10, 20], counts: [10, 30]))
        #expect(abs(q - 13.3333) < 1e-4)
        #expect(VerdictBuilder.quantile(0.5, edges: [0, 1], counts: [0]) == nil)
    }

    // MARK: Bias

    /// The comparison of ReportVerdictTests with one user attribute `source`: the original has 40 rows of
    /// each of a, b, c, the synthetic set 120 of a.
    static func oneSourceOfThree() -> Report {
        var report = ReportVerdictTests.report()
        report.metrics.removeAll { $0.id == "bias.group_label_amplification" }
        // JSD of (⅓, ⅓, ⅓) and (1, 0, 0): M = (⅔, ⅙, ⅙); KL(P‖M) = ⅓·(−1) + ⅔·1 = ⅓; KL(Q‖M) = log₂1.5 =
        // 0.58496; JSD = (0.33333 + 0.58496)/2 = 0.45915 bits.
        let table = AttributeTable(
            field: "source", derived: false,
            values: [
                CategoryCounts(value: "a", original: 40, synthetic: 120),
                CategoryCounts(value: "b", original: 40, synthetic: 0),
                CategoryCounts(value: "c", original: 40, synthetic: 0),
            ], coverage: 1.0 / 3, normalizedEntropy: [:], jsd: 0.45915, tvd: 2.0 / 3, chiSquarePValue: 1e-30,
            jsdByClass: [:])
        // The derived length bucket differs too, but it is not an attribute the user named.
        let lengths = AttributeTable(
            field: "length_bucket", derived: true,
            values: [
                CategoryCounts(value: "short", original: 60, synthetic: 0),
                CategoryCounts(value: "long", original: 60, synthetic: 120),
            ], coverage: 0.5, normalizedEntropy: [:], jsd: 0.31, tvd: 0.5, chiSquarePValue: 1e-20, jsdByClass: [:])
        report.bias = BiasSummary(attributes: [lengths, table])
        return report
    }

    @Test func aSyntheticSetCoveringOneOfThreeValuesIsPoorOnBiasAndNamesTheAttribute() throws {
        let report = Self.oneSourceOfThree()
        let bias = try #require(report.verdicts(catalog: Assessment.catalog).first { $0.id == "bias" })
        #expect(bias.status == .bad)
        #expect(
            bias.sentence
                == "The synthetic set has 1 of the original's 3 'source' values (missing: b, 40 original rows; c, 40 original rows) (JSD 0.459 bits, χ² p 1.00e-30); continent JSD 0.060 bits, no region skew."
        )
        var judged = report
        judged.judge(catalog: Assessment.catalog)
        let problem = try #require(judged.problems?.first { $0.kind == "attribute_skew" })
        #expect(problem.severity == .high)
        #expect(problem.action == "Add the missing 'source' values to the prompt: b, c.")
        #expect(problem.rowCount == 80)
        #expect(judged.problems?.filter { $0.kind == "attribute_skew" }.count == 1, "length_bucket is derived")
    }

    @Test func anAttributeThatDiffersOnlyByChanceIsNotABiasProblem() throws {
        var report = Self.oneSourceOfThree()
        report.bias?.attributes[1] = AttributeTable(
            field: "source", derived: false,
            values: [
                CategoryCounts(value: "a", original: 40, synthetic: 46),
                CategoryCounts(value: "b", original: 40, synthetic: 37),
                CategoryCounts(value: "c", original: 40, synthetic: 37),
            ], coverage: 1, normalizedEntropy: [:], jsd: 0.0021, tvd: 0.05, chiSquarePValue: 0.78, jsdByClass: [:])
        let bias = try #require(report.verdicts(catalog: Assessment.catalog).first { $0.id == "bias" })
        #expect(bias.status == .good)
        #expect(report.attributeSkews().isEmpty)
    }

    @Test func anAmplificationTooFewMentionsCarryIsNotAVerdict() throws {
        var report = ReportVerdictTests.report()
        let index = try #require(report.metrics.firstIndex { $0.id == "bias.group_label_amplification" })
        report.metrics[index].value = nil
        report.metrics[index].ci = nil
        report.metrics[index].note = "too few mentions to judge: no group is named by 10 rows a side"
        let bias = try #require(report.verdicts(catalog: Assessment.catalog).first { $0.id == "bias" })
        #expect(bias.status == .good)
        #expect(
            bias.sentence.hasSuffix(
                "group–label amplification: too few mentions to judge: no group is named by 10 rows a side."))
        report.judge(catalog: Assessment.catalog)
        #expect(report.problems?.contains { $0.family == "bias" } == false)
    }

    @Test func theNormalQuantileInvertsTheTail() {
        #expect(abs(Evidence.upperNormalQuantile(0.025) - 1.959964) < 1e-6)
        // Bonferroni over 4 cells: z(0.00625) = 2.497705.
        #expect(abs(Evidence.upperNormalQuantile(0.025 / 4) - 2.497705) < 1e-5)
    }

    @Test func anAmplificationCountsOnlyBeyondChanceOverEveryCellTested() throws {
        var report = ReportVerdictTests.report()
        func cell(_ label: String, synthetic: Double, original: Double, ci: [Double]) -> GroupAssociation {
            GroupAssociation(
                group: "female", label: label, mentionRate: [:], labelShare: [:],
                logOddsRatio: ["synthetic": synthetic, "original": original], logOddsRatioCI: [:],
                amplification: synthetic - original, amplificationCI: ci)
        }
        // 4 cells: the critical z is 2.4977. 'positive': 1.2 with SE (1.8 − 0.6)/3.92 = 0.306, z = 3.92:
        // counts. 'negative': 0.48 with SE 0.245, z = 1.96: a 95% interval excluding 0, yet chance over 4.
        report.bias = BiasSummary(groups: [
            cell("positive", synthetic: 2.0, original: 0.8, ci: [0.6, 1.8]),
            cell("negative", synthetic: 0.96, original: 0.48, ci: [0.0, 0.96]),
            cell("neutral", synthetic: 0.1, original: 0.1, ci: [-0.5, 0.5]),
            cell("mixed", synthetic: -0.1, original: 0, ci: [-0.6, 0.4]),
        ])
        let amplified = try #require(report.amplifiedAssociation())
        #expect(amplified.association.label == "positive")
        #expect(amplified.cells == 4)
        let bias = try #require(report.verdicts(catalog: Assessment.catalog).first { $0.id == "bias" })
        #expect(bias.status == .mixed)
        #expect(
            bias.sentence.hasSuffix(
                "mentions of female go with 'positive' more strongly than in the original (log odds ratio 2.000 vs 0.800; amplification 1.200, 95% interval [0.600, 1.800], beyond chance over 4 cells)."
            ))
        report.bias?.groups.removeFirst()
        #expect(report.amplifiedAssociation() == nil, "z = 1.96 < 2.327, the critical z over 3 cells")
    }

    // MARK: Labels

    /// 312 synthetic 'World' rows, 110 of which a model of the original reads as 'Sports'; the model's
    /// own cross-validated accuracy on the original is `accuracy`.
    static func worldReadAsSports(accuracy: Double) -> Report {
        var report = ReportVerdictTests.report()
        let classes = ["World", "Sports"]
        let confusion = SparseMatrix([[202, 110], [3, 297]])
        let side = SideLabelQuality(
            method: "cv", classes: classes, rows: 600, issues: 0, classifierAccuracy: accuracy, thresholds: [],
            confidentJoint: SparseMatrix(rows: 2, columns: 2), noiseMatrix: SparseMatrix(rows: 2, columns: 2),
            perClass: [])
        report.labelQuality = LabelQuality(
            sides: ["original": side],
            faithfulness: LabelFaithfulness(
                method: "logistic", classes: classes, rows: 612, agreement: 499.0 / 612, confusion: confusion,
                issues: 2))
        report.findings = [7, 9].map {
            Finding(kind: .labelDisagreement, side: .synthetic, row: $0, given: "World", suggested: "Sports")
        }
        return report
    }

    @Test func aClassReadAsAnotherIsTheTopProblemWithItsRowsAndAnAction() throws {
        // 110 of 312: Wilson interval [0.302, 0.406]; its lower bound clears 2 × (1 − 0.88) = 0.24.
        var report = Self.worldReadAsSports(accuracy: 0.88)
        report.judge(catalog: Assessment.catalog)
        let top = try #require(report.problems?.first)
        #expect(top.kind == "label_confusion")
        #expect(top.severity == .high)
        #expect(top.evidence == "110 of 312 'World' rows read as 'Sports' to a model of the original.")
        #expect(top.action.hasPrefix("Relabel or regenerate them"))
        #expect(top.rows == [7, 9])
        #expect(top.rowCount == 110)
        #expect(report.families?.first { $0.id == "noise" }?.status == .bad)
    }

    @Test func aConfusionNoLargerThanTheModelsOwnErrorIsNotAProblem() {
        // The model errs on 31% of the original's rows: 2 × 0.31 = 0.62 is above the lower bound 0.302.
        var report = Self.worldReadAsSports(accuracy: 0.69)
        report.judge(catalog: Assessment.catalog)
        #expect(report.problems?.contains { $0.kind == "label_confusion" } == false)
    }

    // MARK: Complexity and support

    @Test func aDescriptorOutsideTheOriginalsSpreadIsPoorNotJustDifferent() throws {
        var report = ReportVerdictTests.report()
        // The original's words: 100 rows evenly in [0, 20): its 5th–95th percentiles are 1 and 19; the
        // synthetic mean of 15 words lies inside, so different.
        report.distributions = [
            Distribution(
                id: "complexity.tokens", title: "Length (words)", edges: [0, 5, 10, 15, 20],
                original: [25, 25, 25, 25], synthetic: [0, 0, 50, 50])
        ]
        #expect(report.verdicts(catalog: Assessment.catalog).first { $0.id == "complexity" }?.status == .different)
        // Squeezed into [0, 10): the 95th percentile is 9.5, and 15 lies outside.
        report.distributions?[0].edges = [0, 2.5, 5, 7.5, 10]
        let card = try #require(report.verdicts(catalog: Assessment.catalog).first { $0.id == "complexity" })
        #expect(card.status == .bad)
        #expect(card.sentence.contains("lies outside the original's middle 90% (0.500–9.500)"))
    }

    @Test func fewerRowsThanTheMinimumGiveNoVerdict() throws {
        var report = ReportVerdictTests.report()
        report.inputs.synthetic?.rows = 12
        let cards = report.verdicts(catalog: Assessment.catalog)
        #expect(cards.filter { $0.status != .unmeasured }.allSatisfy { $0.status == .tooFew })
        let diversity = try #require(cards.first { $0.id == "diversity" })
        #expect(diversity.sentence.hasPrefix("Too few rows to judge (12 < 20 on a side); as measured: "))
        report.judge(catalog: Assessment.catalog)
        #expect(
            report.warnings.contains(
                "the synthetic set has 12 rows, fewer than the 20 a verdict needs: every family reads too few rows to judge"
            ))
    }

    @Test func problemsRankBySeverityThenKind() throws {
        var report = Self.oneSourceOfThree()
        report.judge(catalog: Assessment.catalog)
        let problems = try #require(report.problems)
        // attribute_skew (high), leakage (10 of 100 ≥ 5%: high) → leakage ranks first among the highs.
        #expect(problems.map(\.kind).prefix(2) == ["leakage", "attribute_skew"])
        let ranks = problems.map { Problem.Severity.allCases.firstIndex(of: $0.severity) ?? 0 }
        #expect(ranks == ranks.sorted())
        #expect(report.families?.count == 8)
    }

    @Test func aLengthGapOverThreeTimesIsSaidOutLoud() throws {
        var report = ReportVerdictTests.report()
        let index = try #require(report.metrics.firstIndex { $0.id == "complexity.tokens" })
        report.metrics[index].synthetic?.value = 31
        report.judge(catalog: Assessment.catalog)
        #expect(
            report.warnings.contains(
                "the sides' mean lengths differ more than 3× (31 vs 10 words): per-text lexical measures (MATTR, MTLD, HD-D, repetition) compare unlike texts"
            ))
    }
}
