import AssayCore
import AssayReport
import AssayText
import Foundation

/// `assay clean` as a library call: a comparison, then the synthetic rows its report flags written out
/// by kind and a cleaned synthetic set without them (`CleaningPlan` decides which).
///
///     let cleaning = try Cleaning.run(original: "real.jsonl", synthetic: "generated.jsonl",
///                                     options: RunOptions(), labelIssues: .drop, into: "clean")
///     try AtomicFiles.write(cleaning.files)
///     print(cleaning.summary)
///
/// The files, all in the output folder:
/// - `flagged/<kind>.jsonl` for `exact_duplicates`, `near_duplicates`, `leaked_pair` and `label_issue`
///   (empty when nothing was flagged): one object per flagged row, by row number, with `kind`, `row`,
///   `location` (shards), `action` (`drop`, `relabel` or `keep`), `reason`, `score`, `text`, `given` and
///   `suggested` (label issues), `duplicate_of` (the first row of a duplicate's group, with its Jaccard of
///   normalised character 5-grams as the score) or `copy_of` and `copy_of_location` (the original row a
///   leaked row copies);
/// - `<name>.cleaned.<ext>`: the synthetic set without the dropped rows, in its own form where it can be
///   kept (`DatasetRewriter`).
public enum Cleaning {
    /// What a cleaning produced.
    public struct Result: Sendable {
        /// The comparison whose report the cleaning follows.
        public var run: RunResult
        public var plan: CleaningPlan
        /// The flagged rows' files and the cleaned set, to be written together (`AtomicFiles.write`).
        public var files: [OutputFile]
        /// Where the cleaned set goes.
        public var cleanedPath: String
        /// One line saying what was removed, e.g. `removed 23 of 160 rows: 6 exact duplicates, 12 near
        /// duplicates, 0 leaked, 5 label issues → clean/reviews.cleaned.jsonl`.
        public var summary: String
    }

    /// Loads both files, compares them as `Comparison.run` does, and cleans the synthetic set by the report.
    ///
    /// - Parameters:
    ///   - labelIssues: what to do with rows that have a label issue.
    ///   - directory: the folder the files go in.
    /// - Throws: `AssayError` for a bad file, field, option file or model, or a synthetic file that changed
    ///   while it was read.
    /// - Complexity: the comparison's, plus O(bytes of the synthetic files).
    public static func run(
        original: String, synthetic: String, options: RunOptions, labelIssues: LabelIssueAction,
        into directory: String
    ) throws -> Result {
        try options.embedding.checkModel()
        let corpora = try DatasetLoader.loadPair(original: original, synthetic: synthetic, fields: options.fields)
        let run = try Comparison.run(
            original: corpora.original, synthetic: corpora.synthetic, command: "compare", options: options)
        return try clean(
            corpora.synthetic, report: run.report, run: run, labelIssues: labelIssues, into: directory)
    }

    /// The files and line of cleaning `synthetic` by `report`, a comparison of it.
    ///
    /// - Throws: `AssayError` when the report lists only part of a duplicate group or the synthetic files
    ///   changed since they were loaded.
    public static func clean(
        _ synthetic: Corpus, report: Report, run: RunResult, labelIssues: LabelIssueAction, into directory: String
    ) throws -> Result {
        let plan = try CleaningPlan(report: report, labelIssues: labelIssues)
        let rewritten = try DatasetRewriter.rewrite(
            synthetic.source, labelField: synthetic.labelField, dropping: Set(plan.dropped.keys),
            relabelling: plan.relabelled)
        let folder = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        let cleanedPath = "\(folder)/\(cleanedName(synthetic.source))\(rewritten.fileExtension)"
        var files = try CleaningPlan.Reason.allCases.map { reason in
            OutputFile(
                path: "\(folder)/flagged/\(reason.kind.rawValue).jsonl",
                data: try flaggedLines(plan.flagged[reason.kind] ?? [], plan: plan, synthetic: synthetic))
        }
        files.append(OutputFile(path: cleanedPath, data: rewritten.data))
        return Result(
            run: run, plan: plan, files: files, cleanedPath: cleanedPath,
            summary: summary(plan, rows: synthetic.count, written: rewritten, path: cleanedPath))
    }

    /// The name of the cleaned set before its extension: the input file's name without its extensions
    /// (`reviews_synthetic.jsonl.gz` → `reviews_synthetic.cleaned`); for shards, the folder's name, or the
    /// name of the folder a pattern is in.
    static func cleanedName(_ source: Corpus.Source) -> String {
        var components = source.path.split(separator: "/")
        if source.shards != nil, components.last?.contains(where: { "*?[".contains($0) }) == true {
            components.removeLast()
        }
        var name = String(components.last ?? "")
        if source.shards == nil {
            if let compression = Compression(path: name) { name.removeLast(compression.suffix.count) }
            if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = String(name[..<dot]) }
        }
        if name.isEmpty || name == "." || name == ".." { name = "synthetic" }
        return name + ".cleaned"
    }

    /// One flagged row as `flagged/<kind>.jsonl` holds it.
    private struct FlaggedRecord: Encodable {
        var kind: FindingKind
        var row: Int
        var location: String?
        var action: String
        var reason: String
        var score: Double?
        var text: String?
        var given: String?
        var suggested: String?
        var duplicateOf: Int?
        var copyOf: Int?
        var copyOfLocation: String?

        enum CodingKeys: String, CodingKey {
            case kind, row, location, action, reason, score, text, given, suggested
            case duplicateOf = "duplicate_of"
            case copyOf = "copy_of"
            case copyOfLocation = "copy_of_location"
        }
    }

    /// `rows` as JSON Lines, with their texts from `synthetic`; a duplicate's score is its Jaccard of
    /// normalised character 5-grams with the first row of its group, as the report's related rows have.
    private static func flaggedLines(_ rows: [CleaningPlan.FlaggedRow], plan: CleaningPlan, synthetic: Corpus)
        throws -> Data
    {
        let index = Dictionary(
            synthetic.rowNumbers.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for flagged in rows {
            let text = index[flagged.row].map { synthetic.texts[$0] }
            var record = FlaggedRecord(
                kind: flagged.kind, row: flagged.row,
                location: synthetic.source.location(ofRow: flagged.row).map { "\($0.file):\($0.line)" },
                action: plan.action(forRow: flagged.row), reason: flagged.reason, score: flagged.score, text: text,
                given: flagged.given, suggested: flagged.suggested)
            if FindingKind.duplicateGroups.contains(flagged.kind) {
                record.duplicateOf = flagged.relatedRow
                if let text, let first = flagged.relatedRow.flatMap({ index[$0] }) {
                    record.score = NearDuplicates.jaccard(
                        TextNormalization.normalized(synthetic.texts[first]), TextNormalization.normalized(text))
                }
            } else if flagged.kind == .leakedPair {
                record.copyOf = flagged.relatedRow
                record.copyOfLocation = flagged.relatedLocation
            }
            data.append(try encoder.encode(record))
            data.append(0x0A)
        }
        return data
    }

    /// The line that says what was removed, relabelled or kept, and where the cleaned set went.
    private static func summary(
        _ plan: CleaningPlan, rows: Int, written: DatasetRewriter.Output, path: String
    ) -> String {
        func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
            "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
        }
        var line =
            "removed \(plan.dropped.count) of \(count(rows, "row")): "
            + count(plan.droppedCount(.exactDuplicate), "exact duplicate") + ", "
            + count(plan.droppedCount(.nearDuplicate), "near duplicate") + ", "
            + "\(plan.droppedCount(.leaked)) leaked"
        if plan.relabelled.isEmpty && plan.keptLabelIssues == 0 {
            line += ", " + count(plan.droppedCount(.labelIssue), "label issue")
        } else {
            line += plan.relabelled.isEmpty ? "" : "; relabelled " + count(plan.relabelled.count, "label issue")
            line += plan.keptLabelIssues == 0 ? "" : "; kept " + count(plan.keptLabelIssues, "label issue")
        }
        line += " → \(path)"
        if let change = written.change { line += ", \(change)" }
        return line
    }
}
