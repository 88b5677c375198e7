import AssayCore
import AssayLinalg
import AssayReport

/// Metrics by attribute value: for each value of an attribute, on each side that has the attribute, its rows,
/// distinct-2, APS, label-issue rate and near-duplicate rate, so that "is the `targeted` generation method more
/// diverse than `baseline`" has an answer.
///
/// Each measure is its family's own, on the value's rows of the side (all of them: not size-matched):
/// - distinct-2: |unique word bigrams| / |word bigrams| within rows, through the lexical family's token stream
///   (Li et al. 2016; `LexicalSample.distinct(order:)`);
/// - APS: the mean cosine over pairs i ≠ j of the rows' embeddings (AttrPrompt, Yu et al. 2023;
///   `SemanticMeasures.averagePairwiseSimilarity`), nil without embeddings;
/// - label-issue rate: the value's rows confident learning flags / the value's rows it judged (the label-noise
///   family's issues, `AnalysisContext.labelIssues`), nil when label noise did not judge the side;
/// - near-duplicate rate: the value's rows in a near-duplicate group of their side / the value's rows (the
///   duplicates family's groups, found over the whole side, `AnalysisContext.duplicateGroups`).
///
/// A value with fewer than `ValueSideMetrics.minimumRows` (5) rows on a side gets its row count and `too_few`,
/// no measures.
extension AttributeAudit {
    /// The measures of every value in `keys` on each side of `perSide` (each side's value of every row).
    ///
    /// - Complexity: O(N) per side for the grouping, plus each value's measures: O(tokens) for distinct-2 and
    ///   O(rows · d) for APS.
    static func byValue(_ keys: [String], _ perSide: [Side: [String]], context: AnalysisContext) -> [ValueMetrics] {
        var measured: [Side: [String: ValueSideMetrics]] = [:]
        for (side, values) in perSide {
            guard let corpus = context.corpus(side) else { continue }
            var rows: [String: [Int]] = [:]
            for (row, value) in values.enumerated() { rows[value, default: []].append(row) }
            let sources = MeasureSources(
                corpus: corpus, embeddings: context.embeddings[side], labelIssues: context.labelIssues(side),
                duplicates: context.duplicateGroups(side))
            measured[side] = Dictionary(uniqueKeysWithValues: keys.map { ($0, sources.measures(of: rows[$0] ?? [])) })
        }
        return keys.map { key in
            ValueMetrics(value: key, original: measured[.original]?[key], synthetic: measured[.synthetic]?[key])
        }
    }
}

/// What one side's measures by value read: the corpus and the families' shared results.
private struct MeasureSources {
    let corpus: Corpus
    let embeddings: Matrix?
    /// Confident learning on the side's labels, and the rows it flags.
    let labelIssues: ConfidentLearning?
    let flagged: Set<Int>
    /// The rows in a near-duplicate group of the side; nil without duplicate texts.
    let nearDuplicates: Set<Int>?

    init(corpus: Corpus, embeddings: Matrix?, labelIssues: ConfidentLearning?, duplicates: WithinSet?) {
        self.corpus = corpus
        self.embeddings = embeddings
        self.labelIssues = labelIssues
        flagged = Set(labelIssues?.issues ?? [])
        nearDuplicates = duplicates.map { Set($0.nearGroups.joined()) }
    }

    /// The measures of `rows`, or only their count when they are fewer than `ValueSideMetrics.minimumRows`.
    func measures(of rows: [Int]) -> ValueSideMetrics {
        guard rows.count >= ValueSideMetrics.minimumRows else {
            return ValueSideMetrics(rows: rows.count, tooFew: true)
        }
        var result = ValueSideMetrics(rows: rows.count)
        result.distinct2 = LexicalSample(corpus: corpus, rows: rows).distinct(order: 2)
        if let embeddings {
            result.aps = SemanticMeasures(embeddings: embeddings.selecting(rows: rows)).averagePairwiseSimilarity()
        }
        if let labelIssues {
            // Rows of a class too small to judge have no self-confidence: confident learning left them out.
            let judged = rows.filter { !labelIssues.selfConfidence[$0].isNaN }
            if !judged.isEmpty {
                result.labelIssueRate = Double(judged.filter(flagged.contains).count) / Double(judged.count)
            }
        }
        if let nearDuplicates {
            result.nearDuplicateRate = Double(rows.filter(nearDuplicates.contains).count) / Double(rows.count)
        }
        return result
    }
}
