import AssayCore
import AssayReport

/// Label-set problems between the two sides: synthetic labels the original does not have (with the
/// closest original label by name — a case or spacing variant, a shorter or longer form such as "Tech"
/// for "Sci/Tech", or a near spelling — and the class a model of the original predicts for their rows),
/// and original classes the synthetic set lacks.
enum LabelSetCheck {
    /// The problems of `context`'s two sides.
    ///
    /// - Parameters:
    ///   - predictions: the original model's class for each synthetic row, when it ran.
    static func problems(_ context: AnalysisContext, predictions: [Int32]?) -> [LabelSetProblem] {
        guard let original = context.original, let synthetic = context.synthetic, original.isLabelled,
            synthetic.isLabelled
        else { return [] }
        let known = Set(original.labelNames)
        var problems: [LabelSetProblem] = []
        // Each side's rows by label and its candidate names, once: a run may have thousands of labels.
        let syntheticRows = synthetic.rowsByLabel
        let originalNames = Candidates(original.labelNames)
        for (id, name) in synthetic.labelNames.enumerated() where !known.contains(name) {
            let rows = syntheticRows[id]
            var problem = LabelSetProblem(
                label: name, side: .synthetic, rows: rows.count,
                firstRow: rows.first.map { synthetic.rowNumbers[$0] }, problem: "absent_from_original")
            if let match = closest(to: name, among: originalNames) {
                problem.closest = match.label
                if match.isVariant { problem.problem = "case_or_spacing_variant" }
            }
            if let predictions, !rows.isEmpty {
                var votes = [Int](repeating: 0, count: original.labelNames.count)
                for row in rows { votes[Int(predictions[row])] += 1 }
                if let top = votes.indices.max(by: { votes[$0] < votes[$1] || (votes[$0] == votes[$1] && $0 > $1) }) {
                    problem.predictedAs = original.labelNames[top]
                    problem.predictedShare = Double(votes[top]) / Double(rows.count)
                }
            }
            problems.append(problem)
        }
        let present = Set(synthetic.labelNames)
        let originalRows = original.rowsByLabel
        let unknownNames = Candidates(synthetic.labelNames.filter { !known.contains($0) })
        for (id, name) in original.labelNames.enumerated() where !present.contains(name) {
            problems.append(
                LabelSetProblem(
                    label: name, side: .original, rows: originalRows[id].count, firstRow: nil,
                    problem: "missing_from_synthetic", closest: closest(to: name, among: unknownNames)?.label))
        }
        return problems
    }

    /// The finding that puts a problem in the report's evidence.
    static func finding(_ problem: LabelSetProblem) -> Finding {
        let label = problem.label.map { "'\($0)'" } ?? "no label"
        let rows = "\(problem.rows) row\(problem.rows == 1 ? "" : "s")"
        var detail: String
        switch problem.problem {
        case "case_or_spacing_variant":
            detail = "\(rows) labelled \(label), a case or spacing variant of the original's '\(problem.closest ?? "")'"
        case "missing_from_synthetic":
            detail = "the original's class \(label) (\(rows)) has no synthetic rows"
        default:
            detail = "\(rows) labelled \(label), which the original does not have"
            if let closest = problem.closest { detail += "; closest original label by name: '\(closest)'" }
        }
        if let predicted = problem.predictedAs, let share = problem.predictedShare {
            detail += "; a model of the original predicts '\(predicted)' for \(Int((share * 100).rounded()))% of them"
        }
        return Finding(
            kind: .labelSet, side: problem.side, row: problem.firstRow, detail: detail, given: problem.label,
            suggested: problem.closest ?? problem.predictedAs)
    }

    /// The candidate closest to `label` by name, if any is close: the same letters and digits ignoring
    /// case, spacing and punctuation (a variant); else one whose words contain all of the label's, or
    /// the reverse; else the nearest spelling within a third of the longer name's length.
    static func closest(to label: String, among candidates: [String]) -> (label: String, isVariant: Bool)? {
        closest(to: label, among: Candidates(candidates))
    }

    /// Candidate labels with their normalised forms and words, computed once for many look-ups.
    struct Candidates {
        let names: [String]
        let keys: [[Character]]
        let words: [Set<String>]

        /// - Complexity: O(total length of `names`).
        init(_ names: [String]) {
            self.names = names
            keys = names.map { Array(LabelSetCheck.normalized($0)) }
            words = names.map { Set(LabelSetCheck.wordsOf($0)) }
        }
    }

    /// `closest(to:among:)` over prepared candidates.
    ///
    /// - Complexity: O(candidates · label length²) at worst (the edit distances).
    static func closest(to label: String, among candidates: Candidates) -> (label: String, isVariant: Bool)? {
        let key = Array(normalized(label))
        if let variant = candidates.keys.firstIndex(of: key) { return (candidates.names[variant], true) }
        let words = Set(wordsOf(label))
        let containing = candidates.names.indices.filter { index in
            let other = candidates.words[index]
            return !words.isEmpty && !other.isEmpty && (words.isSubset(of: other) || other.isSubset(of: words))
        }.map { candidates.names[$0] }
        if let best = containing.min(by: { abs($0.count - label.count) < abs($1.count - label.count) }) {
            return (best, false)
        }
        let scored = candidates.names.indices.map { index in (index, editDistance(key, candidates.keys[index])) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let longer = max(key.count, candidates.keys[best.0].count)
        return best.1 * 3 <= longer ? (candidates.names[best.0], false) : nil
    }

    /// Lowercased letters and digits only.
    static func normalized(_ label: String) -> String {
        String(
            label.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
    }

    /// The lowercased words of a label (runs of letters and digits).
    static func wordsOf(_ label: String) -> [String] {
        label.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Levenshtein distance (insertions, deletions, substitutions of one character).
    ///
    /// - Complexity: O(a.count · b.count).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
