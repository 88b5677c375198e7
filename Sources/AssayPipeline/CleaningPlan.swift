import AssayCore
import AssayReport

/// What `assay clean` does with a synthetic row that has a label issue.
public enum LabelIssueAction: String, Sendable, CaseIterable {
    /// Leave the row out.
    case drop
    /// Give the row the label the evidence points to.
    case relabel
    /// Leave the row as it is; it is still listed among the flagged rows.
    case keep
}

/// The synthetic rows a report flags, and what cleaning does with each: of every exact and near
/// duplicate group keep the first row (the lowest row number) and drop the rest; drop every row that
/// copies an original row; drop, relabel or keep every row with a label issue.
///
/// Read from the findings on the synthetic side of the judged part (all of plain texts; the response or
/// the prompt of chat and instruction examples, as `--judge-part` chose): `exact_duplicates` and
/// `near_duplicates` (every row of a group, `Finding.groupRows`), `leaked_pair` and `label_issue`. The
/// report lists all of them, so the rows dropped are exactly the rows the report flags.
public struct CleaningPlan: Sendable, Equatable {
    /// Why a row is dropped. A row flagged for several reasons counts under the first of them in this
    /// order.
    public enum Reason: Int, Sendable, Comparable, CaseIterable {
        case exactDuplicate
        case nearDuplicate
        case leaked
        case labelIssue

        /// The finding kind behind the reason.
        public var kind: FindingKind {
            switch self {
            case .exactDuplicate: .exactDuplicates
            case .nearDuplicate: .nearDuplicates
            case .leaked: .leakedPair
            case .labelIssue: .labelIssue
            }
        }

        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One synthetic row a finding flags.
    public struct FlaggedRow: Sendable, Equatable {
        public var kind: FindingKind
        /// The row, as `Corpus.rowNumbers` gives it.
        public var row: Int
        /// The row it repeats (duplicates: the first of its group) or copies (leaked: an original row).
        public var relatedRow: Int?
        /// `FILE:LINE` of `relatedRow` when its dataset was read from shards.
        public var relatedLocation: String?
        /// Why it is flagged, in one sentence.
        public var reason: String
        /// The finding's score where it is the row's own: the similarity of a leaked row to the original
        /// row, the self-confidence of a label issue.
        public var score: Double?
        /// The label as given and the label the evidence points to (label issues).
        public var given: String?
        public var suggested: String?

        public init(
            kind: FindingKind, row: Int, relatedRow: Int? = nil, relatedLocation: String? = nil, reason: String,
            score: Double? = nil, given: String? = nil, suggested: String? = nil
        ) {
            self.kind = kind
            self.row = row
            self.relatedRow = relatedRow
            self.relatedLocation = relatedLocation
            self.reason = reason
            self.score = score
            self.given = given
            self.suggested = suggested
        }
    }

    /// The flagged rows of each kind cleaning acts on (`Reason.kind`), by row number; every kind is
    /// present, empty when nothing was flagged. A row may be flagged under several kinds.
    public private(set) var flagged: [FindingKind: [FlaggedRow]]
    /// The rows to drop, each with the reason it counts under.
    public private(set) var dropped: [Int: Reason]
    /// The rows to relabel, each with its new label (`--label-issues relabel`); none of them is dropped.
    public private(set) var relabelled: [Int: String]
    /// The rows with a label issue that are neither dropped nor relabelled (`--label-issues keep`).
    public private(set) var keptLabelIssues: Int

    /// Reads the plan from `report`'s findings.
    ///
    /// - Throws: `AssayError` (`.input`) when a duplicate group's finding lists only some of its rows
    ///   (a report from an Assay version before `group_rows`).
    /// - Complexity: O(flagged rows · log flagged rows).
    public init(report: Report, labelIssues: LabelIssueAction) throws {
        var flagged: [FindingKind: [FlaggedRow]] = Dictionary(
            uniqueKeysWithValues: Reason.allCases.map { ($0.kind, []) })
        var dropped: [Int: Reason] = [:]
        var relabelled: [Int: String] = [:]
        func drop(_ row: Int, _ reason: Reason) {
            dropped[row] = min(dropped[row] ?? reason, reason)
        }
        for finding in report.judgedFindings where finding.side == .synthetic {
            guard let row = finding.row else { continue }
            switch finding.kind {
            case .exactDuplicates, .nearDuplicates:
                let rows = try Self.groupRows(of: finding, row: row)
                let first = rows[0]
                let exact = finding.kind == .exactDuplicates
                for member in rows.dropFirst() {
                    flagged[finding.kind, default: []].append(
                        FlaggedRow(
                            kind: finding.kind, row: member, relatedRow: first,
                            relatedLocation: first == row ? finding.location : nil,
                            reason: exact
                                ? "the same text as row \(first), the first of \(rows.count) rows with it"
                                : "a near duplicate of row \(first), the first of a group of \(rows.count) near duplicates"
                        ))
                    drop(member, exact ? .exactDuplicate : .nearDuplicate)
                }
            case .leakedPair:
                let original = finding.related?.first { $0.side == .original }
                flagged[.leakedPair, default: []].append(
                    FlaggedRow(
                        kind: .leakedPair, row: row, relatedRow: original?.row, relatedLocation: original?.location,
                        reason: finding.detail ?? "a copy of an original row", score: finding.score))
                drop(row, .leaked)
            case .labelIssue:
                let given = finding.given ?? ""
                let suggested = finding.suggested ?? ""
                flagged[.labelIssue, default: []].append(
                    FlaggedRow(
                        kind: .labelIssue, row: row,
                        reason:
                            "labelled '\(given)' where the out-of-fold class probabilities point to '\(suggested)' (\(finding.detail ?? "confident learning"))",
                        score: finding.score, given: finding.given, suggested: finding.suggested))
                switch labelIssues {
                case .drop: drop(row, .labelIssue)
                case .relabel: if let suggested = finding.suggested { relabelled[row] = suggested }
                case .keep: break
                }
            default:
                continue
            }
        }
        for row in dropped.keys { relabelled[row] = nil }
        self.flagged = flagged.mapValues { rows in rows.sorted { $0.row < $1.row } }
        self.dropped = dropped
        self.relabelled = relabelled
        keptLabelIssues =
            flagged[.labelIssue, default: []].filter { dropped[$0.row] == nil && relabelled[$0.row] == nil }
            .count
    }

    /// The number of rows dropped for `reason` (counted under their first reason).
    public func droppedCount(_ reason: Reason) -> Int {
        dropped.values.filter { $0 == reason }.count
    }

    /// What cleaning does with `row`: `drop`, `relabel` or `keep`.
    public func action(forRow row: Int) -> String {
        dropped[row] != nil ? "drop" : relabelled[row] != nil ? "relabel" : "keep"
    }

    /// Every row of a duplicate group's finding, ascending: `groupRows`, or the finding's row and its
    /// related rows when those are all of them.
    private static func groupRows(of finding: Finding, row: Int) throws -> [Int] {
        if let rows = finding.groupRows { return rows.sorted() }
        let related = (finding.related ?? []).filter { $0.side == finding.side }.map(\.row)
        guard (finding.relatedCount ?? related.count) <= related.count else {
            throw AssayError(
                .input,
                "the \(finding.kind.rawValue) finding at row \(row) lists \(related.count) of its group's \(finding.relatedCount ?? 0) other rows; make the report again with this version of assay, which lists them all"
            )
        }
        return ([row] + related).sorted()
    }
}
