import AssayCore
import AssayReport
import Testing

@testable import AssayPipeline

/// Which synthetic rows `assay clean` drops, relabels or keeps, read from a hand-made report.
struct CleaningPlanTests {
    /// An exact group {2, 5, 9}, a near group {1, 5, 7, 20, 31} listing only two of its other rows beside
    /// `group_rows`, rows 7 and 30 copying original rows, label issues at rows 2 and 20; and findings the
    /// plan must leave alone: an original duplicate group, a prompt duplicate group, a shared span.
    static func report() -> Report {
        let findings = [
            Finding(
                kind: .exactDuplicates, side: .synthetic, row: 2,
                related: [
                    RelatedRow(side: .synthetic, row: 5, text: "b"), RelatedRow(side: .synthetic, row: 9, text: "b"),
                ],
                relatedCount: 2, groupRows: [2, 5, 9]),
            Finding(
                kind: .nearDuplicates, side: .synthetic, row: 1,
                related: [
                    RelatedRow(side: .synthetic, row: 5, text: "b"), RelatedRow(side: .synthetic, row: 7, text: "c"),
                ],
                relatedCount: 4, groupRows: [1, 5, 7, 20, 31]),
            Finding(
                kind: .leakedPair, side: .synthetic, row: 30, detail: "an exact copy of original row 4", score: 1,
                related: [RelatedRow(side: .original, row: 4, text: "d")]),
            Finding(
                kind: .leakedPair, side: .synthetic, row: 7, detail: "a near copy of original row 8", score: 0.9,
                related: [RelatedRow(side: .original, row: 8, text: "c")]),
            Finding(
                kind: .labelIssue, side: .synthetic, row: 2, detail: "self-confidence 0.1", score: 0.1, given: "pos",
                suggested: "neg"),
            Finding(
                kind: .labelIssue, side: .synthetic, row: 20, detail: "self-confidence 0.2", score: 0.2, given: "neg",
                suggested: "pos"),
            Finding(kind: .labelIssue, side: .original, row: 3, given: "pos", suggested: "neg"),
            Finding(
                kind: .exactDuplicates, side: .original, row: 11,
                related: [RelatedRow(side: .original, row: 12, text: "e")], groupRows: [11, 12]),
            Finding(kind: .sharedNgram, side: .synthetic, row: 40, score: 13),
        ]
        var prompt = Finding(
            kind: .exactDuplicates, side: .synthetic, row: 50,
            related: [RelatedRow(side: .synthetic, row: 51, text: "f")], groupRows: [50, 51])
        prompt.part = .prompt
        return Report(
            tool: ToolInfo(version: "test"), createdAt: "2026-01-01T00:00:00Z", command: "compare", inputs: Inputs(),
            settings: Settings(
                seed: 13, sizeMatching: nil, selfBleuHypotheses: 10, bootstrapResamples: 10, subsampleRepeats: 10),
            metrics: [], findings: findings + [prompt])
    }

    // Exact: 5 and 9 (row 2 is kept). Near: 7, 20, 31 (5 is counted as exact). Leaked: 30 (7 is counted as
    // near). Label issues: 2 (20 is counted as near).
    @Test func duplicatesKeepTheirFirstRowAndEachRowCountsUnderItsFirstReason() throws {
        let plan = try CleaningPlan(report: Self.report(), labelIssues: .drop)
        #expect(
            plan.dropped == [
                5: .exactDuplicate, 9: .exactDuplicate, 7: .nearDuplicate, 20: .nearDuplicate, 31: .nearDuplicate,
                30: .leaked, 2: .labelIssue,
            ])
        #expect(CleaningPlan.Reason.allCases.map(plan.droppedCount) == [2, 3, 1, 1])
        #expect(plan.relabelled.isEmpty && plan.keptLabelIssues == 0)
        #expect(plan.flagged[.exactDuplicates]?.map(\.row) == [5, 9])
        #expect(plan.flagged[.exactDuplicates]?.map(\.relatedRow) == [2, 2])
        #expect(plan.flagged[.nearDuplicates]?.map(\.row) == [5, 7, 20, 31])
        #expect(plan.flagged[.nearDuplicates]?.allSatisfy { $0.relatedRow == 1 } == true)
        #expect(plan.flagged[.leakedPair]?.map(\.row) == [7, 30])
        #expect(plan.flagged[.leakedPair]?.map(\.relatedRow) == [8, 4])
        #expect(plan.flagged[.leakedPair]?.first?.reason == "a near copy of original row 8")
        #expect(plan.flagged[.labelIssue]?.map(\.row) == [2, 20])
        #expect(plan.flagged[.labelIssue]?.first?.suggested == "neg")
        #expect(plan.action(forRow: 2) == "drop" && plan.action(forRow: 1) == "keep")
    }

    // Row 2 takes the suggested label; row 20 is dropped as a near duplicate, so it is not relabelled.
    @Test func relabellingLeavesOutTheRowsDroppedForAnotherReason() throws {
        let plan = try CleaningPlan(report: Self.report(), labelIssues: .relabel)
        #expect(plan.relabelled == [2: "neg"])
        #expect(plan.dropped[2] == nil && plan.dropped.count == 6 && plan.droppedCount(.labelIssue) == 0)
        #expect(plan.action(forRow: 2) == "relabel" && plan.action(forRow: 20) == "drop")
        let kept = try CleaningPlan(report: Self.report(), labelIssues: .keep)
        #expect(kept.relabelled.isEmpty && kept.keptLabelIssues == 1 && kept.dropped.count == 6)
        #expect(kept.flagged[.labelIssue]?.count == 2)
    }

    // Without `group_rows` a group is its row and related rows, when those are all of them; a finding
    // listing fewer is an error rather than a partial cleaning.
    @Test func aGroupWithoutAllItsRowsIsAnError() throws {
        var report = Self.report()
        report.findings = [
            Finding(
                kind: .nearDuplicates, side: .synthetic, row: 3,
                related: [RelatedRow(side: .synthetic, row: 4, text: "x")], relatedCount: 1)
        ]
        #expect(try CleaningPlan(report: report, labelIssues: .drop).dropped == [4: .nearDuplicate])
        report.findings[0].relatedCount = 12
        let error = #expect(throws: AssayError.self) { try CleaningPlan(report: report, labelIssues: .drop) }
        #expect(error?.kind == .input)
    }
}
