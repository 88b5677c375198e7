import AssayReport
import Testing

@testable import AssayPipeline

/// The re-plan rules of `assay generate`, on hand-made report parts: no server, no subprocess.
struct ReplanPolicyTests {
    let policy = ReplanPolicy()

    // Distinct-2 by class: World 0.30 against the original's 0.50 (0.30 < 0.7 · 0.50 = 0.35: low);
    // Sports 0.40 against 0.50 (not below 0.35); Business 0.45 with no original value (< 0.5: low);
    // Sci/Tech 0.55 with none (not low); Health has no synthetic value (not judged).
    @Test func lowDiversityIsRelativeToTheOriginalElseAbsolute() {
        let distinct2: [String: ClassValue] = [
            "World": ClassValue(original: 0.50, synthetic: 0.30, n: 10),
            "Sports": ClassValue(original: 0.50, synthetic: 0.40, n: 10),
            "Business": ClassValue(original: nil, synthetic: 0.45, n: 10),
            "Sci/Tech": ClassValue(original: nil, synthetic: 0.55, n: 10),
            "Health": ClassValue(original: 0.50, synthetic: nil, n: 0),
        ]
        let classes = ["World", "Sports", "Business", "Sci/Tech", "Health"]
        #expect(policy.lowDiversity(distinct2, classes: classes) == ["World", "Business"])
        #expect(policy.lowDiversity(nil, classes: classes) == [])
        // A stricter policy: 0.40 < 0.9 · 0.50 = 0.45 makes Sports low too.
        let strict = ReplanPolicy(relativeDistinct2: 0.9)
        #expect(strict.lowDiversity(distinct2, classes: classes) == ["World", "Sports", "Business"])
    }

    // A synthetic near-duplicate group at rows 3, 7, 9 (1-based) keeps row 3: rows 7 and 9 go, which
    // are 0-based 6 and 8. Original rows and other kinds of findings are left alone.
    @Test func clusteredRowsAreEveryGroupMemberButTheFirst() {
        let findings = [
            Finding(
                kind: .nearDuplicates, side: .synthetic, row: 3,
                related: [
                    RelatedRow(side: .synthetic, row: 7, text: "b"), RelatedRow(side: .synthetic, row: 9, text: "c"),
                ]),
            Finding(
                kind: .exactDuplicates, side: .synthetic, row: 1,
                related: [RelatedRow(side: .synthetic, row: 2, text: "a")]),
            Finding(
                kind: .nearDuplicates, side: .original, row: 4,
                related: [RelatedRow(side: .original, row: 5, text: "d")]),
            Finding(
                kind: .leakedPair, side: .synthetic, row: 11,
                related: [RelatedRow(side: .original, row: 12, text: "e")]),
        ]
        #expect(policy.clusteredRows(findings) == [6, 8, 1])
    }

    // A group of 13 rows lists 10 related rows; `group_rows` names all of them, so all 12 after the first go.
    @Test func clusteredRowsAreTheWholeGroupBeyondTheListedRows() {
        let rows = Array(1...13)
        let finding = Finding(
            kind: .nearDuplicates, side: .synthetic, row: 1,
            related: rows.dropFirst().prefix(10).map { RelatedRow(side: .synthetic, row: $0, text: "t") },
            relatedCount: 12, groupRows: rows)
        #expect(policy.clusteredRows([finding]) == Set(1...12))
    }

    @Test func theRunStopsWhenEveryClassIsFullAndNoGateFails() {
        let classes = ["a", "b"]
        #expect(policy.isDone(kept: ["a": 4, "b": 4], classes: classes, countPerClass: 4, gateFails: nil))
        #expect(policy.isDone(kept: ["a": 5, "b": 4], classes: classes, countPerClass: 4, gateFails: false))
        #expect(!policy.isDone(kept: ["a": 4, "b": 4], classes: classes, countPerClass: 4, gateFails: true))
        #expect(!policy.isDone(kept: ["a": 4, "b": 3], classes: classes, countPerClass: 4, gateFails: nil))
        #expect(!policy.isDone(kept: ["a": 4], classes: classes, countPerClass: 4, gateFails: false))
    }

    // Half a class of 9 is 4 rows; of 1, still 1 row.
    @Test func aTopUpAsksHalfAClassWhereDiversityIsLowestElseEverywhere() {
        let classes = ["a", "b", "c"]
        #expect(policy.topUp(classes: classes, lowDiversity: ["b"], countPerClass: 9) == ["b": 4])
        #expect(policy.topUp(classes: classes, lowDiversity: [], countPerClass: 9) == ["a": 4, "b": 4, "c": 4])
        #expect(policy.topUp(classes: classes, lowDiversity: ["c"], countPerClass: 1) == ["c": 1])
    }
}
