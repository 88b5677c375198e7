import AssayCore
import AssayReport

/// How `assay generate` steers its next round from the last round's report: which classes read as
/// low in diversity, which rows of near-duplicate clusters are dropped to be generated again, when the
/// run stops, and what a round asks for when every class is full but the gate still fails.
public struct ReplanPolicy: Sendable, Equatable {
    /// A class whose synthetic distinct-2 is below this share of the original's is low in diversity.
    public var relativeDistinct2: Double
    /// Without an original value for the class, a synthetic distinct-2 below this is low in diversity.
    public var absoluteDistinct2: Double
    /// The share of `count_per_class` a top-up round asks of each class it targets (at least one row).
    public var topUpShare: Double

    public init(relativeDistinct2: Double = 0.7, absoluteDistinct2: Double = 0.5, topUpShare: Double = 0.5) {
        self.relativeDistinct2 = relativeDistinct2
        self.absoluteDistinct2 = absoluteDistinct2
        self.topUpShare = topUpShare
    }

    /// The classes of `classes` whose synthetic distinct-2 is low: below `relativeDistinct2` × the
    /// original's for the class, or below `absoluteDistinct2` when the original has no value; a class
    /// without a synthetic value is not judged.
    ///
    /// - Parameter distinct2: the report's `diversity.distinct_2` values by class.
    /// - Complexity: O(classes).
    public func lowDiversity(_ distinct2: [String: ClassValue]?, classes: [String]) -> Set<String> {
        guard let distinct2 else { return [] }
        return Set(
            classes.filter { label in
                guard let value = distinct2[label]?.synthetic else { return false }
                if let original = distinct2[label]?.original { return value < relativeDistinct2 * original }
                return value < absoluteDistinct2
            })
    }

    /// `lowDiversity` on `report`'s `diversity.distinct_2`.
    public func lowDiversity(_ report: Report, classes: [String]) -> Set<String> {
        lowDiversity(report.metric("diversity.distinct_2")?.byClass, classes: classes)
    }

    /// The positions (0-based rows of the generated JSONL) of every member of a synthetic exact or near
    /// duplicate group but its first: what the next round drops and generates again. The members are the
    /// finding's `groupRows`, complete, or else its related rows.
    ///
    /// - Complexity: O(findings + group rows).
    public func clusteredRows(_ findings: [Finding]) -> Set<Int> {
        var rows: Set<Int> = []
        for finding in findings
        where finding.side == .synthetic && FindingKind.duplicateGroups.contains(finding.kind) {
            let members =
                finding.groupRows.map { Array($0.dropFirst()) }
                ?? (finding.related ?? []).filter { $0.side == .synthetic }.map(\.row)
            for row in members { rows.insert(row - 1) }
        }
        return rows
    }

    /// Whether the run stops after a round: every class holds `countPerClass` rows and the gate, if
    /// there is one, does not fail.
    ///
    /// - Parameters:
    ///   - kept: rows kept so far, by class.
    ///   - gateFails: nil without an `--until-gate` policy.
    public func isDone(kept: [String: Int], classes: [String], countPerClass: Int, gateFails: Bool?) -> Bool {
        let full = classes.allSatisfy { (kept[$0] ?? 0) >= countPerClass }
        return full && gateFails != true
    }

    /// What a top-up round asks for when every class is full but the gate fails: `topUpShare` of a class
    /// (at least one row) for each low-diversity class, or for every class when none stands out.
    public func topUp(classes: [String], lowDiversity low: Set<String>, countPerClass: Int) -> [String: Int] {
        let rows = max(1, Int(Double(countPerClass) * topUpShare))
        return Dictionary(
            uniqueKeysWithValues: classes.filter { low.isEmpty || low.contains($0) }.map { ($0, rows) })
    }
}
