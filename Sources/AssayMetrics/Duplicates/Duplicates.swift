import AssayCore
import AssayLinalg
import AssayReport
import AssayText

/// Duplicates within each set (family `duplicates`) and copies of the original in the synthetic set
/// (family `leakage`), with the groups and pairs as evidence.
///
/// Three tests of "the same text", from strict to loose, as METRICS.md ("Duplicates and leakage"):
/// - **exact**: equal after Unicode NFKC;
/// - **near**: equal after normalisation (NFKC, case, whitespace, punctuation), or a MinHash-estimated
///   and exactly verified Jaccard of the character 5-gram sets of the normalised texts at or above
///   `settings.nearJaccard` (0.8), or an embedding cosine at or above `settings.nearCosine` (0.95,
///   from the shared neighbour lists; only on the whole text, which is what was embedded).
///   Near includes exact.
///
/// `settings.duplicatesField` restricts all of it to one text field (e.g. the premise of a pair).
public struct Duplicates: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] {
        [
            Duplicates.exactRate, Duplicates.nearRate, Duplicates.exactLeakage, Duplicates.nearLeakage,
            Duplicates.ngramLeakage,
        ]
    }

    static let nearDefinition =
        "near: equal after normalisation (Unicode NFKC, case, whitespace, punctuation), Jaccard of character 5-gram sets ≥ 0.8 (MinHash, 20 bands × 5 rows, verified exactly) or embedding cosine ≥ 0.95"

    static let exactRate = MetricDescriptor(
        id: "duplicates.exact_rate", family: "duplicates", title: "Exact duplicate rate", better: .lower,
        formula: "rows whose text (Unicode NFKC) equals an earlier row's / rows: the rows exact deduplication drops",
        source: "exact-match deduplication (no single published source)", interval: nil)
    static let nearRate = MetricDescriptor(
        id: "duplicates.near_rate", family: "duplicates", title: "Near-duplicate rate", better: .lower,
        formula:
            "(rows − connected groups of near-duplicate pairs, singletons included) / rows: the rows near deduplication drops; \(nearDefinition); exact copies included",
        source: "Broder 1997 (MinHash); Leskovec, Rajaraman & Ullman, Mining of Massive Datasets ch. 3 (LSH banding)",
        interval: nil,
        caveat:
            "the thresholds are in the units of their measure (Jaccard, cosine); short texts change many 5-grams per edited word"
    )
    static let exactLeakage = MetricDescriptor(
        id: "leakage.synthetic_exact_in_original_rate", family: "leakage", title: "Synthetic rows copied exactly",
        better: .lower, formula: "synthetic rows whose text (Unicode NFKC) equals an original row's / synthetic rows",
        source: "memorisation / leakage: exact overlap of the synthetic set with the original", interval: .bootstrap)
    static let nearLeakage = MetricDescriptor(
        id: "leakage.synthetic_near_original_rate", family: "leakage", title: "Synthetic rows near an original row",
        better: .lower,
        formula:
            "synthetic rows with an exact or near duplicate among the original rows / synthetic rows; \(nearDefinition)",
        source: "memorisation / leakage: near-duplicate overlap with the original; Broder 1997 (MinHash)",
        interval: .bootstrap)
    static let ngramLeakage = MetricDescriptor(
        id: "leakage.synthetic_13gram_rate", family: "leakage", title: "Synthetic rows sharing a 13-gram",
        better: .lower,
        formula: "synthetic rows sharing at least one word 13-gram with an original row / synthetic rows",
        source: "Brown et al. 2020 (GPT-3), 13-gram overlap contamination analysis", interval: .bootstrap,
        caveat: "long quotations, boilerplate and templates count too; read the shared spans")

    /// Groups and spans listed as findings at most, per side and kind, where the list is capped: the
    /// original's duplicate groups and the shared spans. The synthetic side's duplicate groups and leaked
    /// rows are listed in full, as `assay clean` drops exactly the rows the report flags.
    static let findingLimit = 500
    /// Rows of a group listed in its finding at most.
    static let groupListLimit = 10

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = AnalyzerOutput()
        let field = context.settings.duplicatesField
        var views: [Side: TextView] = [:]
        for side in context.sides {
            views[side] = context.duplicateTexts(side)
        }
        if field != nil, views.values.contains(where: { !$0.wholeText }) {
            output.warnings.append(
                "duplicates and leakage look at the field '\(field ?? "")' only; embedding similarity is not used there (the embeddings are of the whole text)"
            )
        }
        var groups: [Side: (exact: [[Int]], near: [[Int]], count: Int)] = [:]
        for side in context.sides {
            guard let view = views[side], let within = context.duplicateGroups(side) else { continue }
            groups[side] = (within.exactGroups, within.nearGroups, within.count)
            output.findings += within.findings(side: side, view: view)
        }
        if !groups.isEmpty {
            let classes = Dictionary(
                uniqueKeysWithValues: context.sides.compactMap { side in
                    context.corpus(side).map { (side, LabelledRows($0)) }
                })
            output.metrics.append(
                Duplicates.rateMetric(
                    Duplicates.exactRate, groups: groups.mapValues { ($0.exact, $0.count) }, classes: classes))
            output.metrics.append(
                Duplicates.rateMetric(
                    Duplicates.nearRate, groups: groups.mapValues { ($0.near, $0.count) }, classes: classes))
            let duplicates = DuplicateSettings(
                field: field, nearJaccard: context.settings.nearJaccard, nearCosine: context.settings.nearCosine)
            output.settings.append { $0.duplicates = duplicates }
        }
        if let original = views[.original], let synthetic = views[.synthetic] {
            let leakage = Leakage(original: original, synthetic: synthetic, context: context)
            output.metrics += leakage.metrics(context: context)
            output.findings += leakage.findings(original: original, synthetic: synthetic)
        }
        return output
    }
}

/// The texts duplicates look at, with their two normal forms, computed once per side
/// (`AnalysisContext.duplicateTexts`).
struct TextView: Sendable {
    let corpus: Corpus
    let texts: [String]
    /// Whether `texts` is the whole text of each row (what the embeddings are of).
    let wholeText: Bool
    /// Unicode NFKC: equal keys are exact duplicates.
    let exactKeys: [String]
    /// NFKC, case-folded, punctuation removed, whitespace collapsed.
    let normalized: [String]

    init(corpus: Corpus, texts: [String], wholeText: Bool) {
        self.corpus = corpus
        self.texts = texts
        self.wholeText = wholeText
        exactKeys = ParallelMap.map(0..<texts.count) { TextNormalization.exactKey(texts[$0]) }
        normalized = ParallelMap.map(0..<texts.count) { TextNormalization.normalized(texts[$0]) }
    }

    func related(_ row: Int, side: Side, score: Double?) -> RelatedRow {
        RelatedRow(side: side, row: corpus.rowNumbers[row], text: texts[row], score: score)
    }
}

/// Duplicate groups inside one set.
struct WithinSet {
    /// Groups of rows with equal exact keys (two rows or more), each ascending.
    let exactGroups: [[Int]]
    /// Connected groups of near-duplicate pairs (two rows or more), each ascending, exact ones included.
    let nearGroups: [[Int]]
    let count: Int

    init(_ view: TextView, context: AnalysisContext, side: Side) {
        count = view.texts.count
        exactGroups = WithinSet.equalGroups(view.exactKeys, skipEmpty: false)
        var pairs: [SimilarPair] = []
        for group in exactGroups + WithinSet.equalGroups(view.normalized, skipEmpty: true) {
            for row in group.dropFirst() { pairs.append(SimilarPair(a: group[0], b: row, jaccard: 1)) }
        }
        let options = MinHashOptions(threshold: context.settings.nearJaccard)
        if let signatures = context.minHashSignatures(side, options: options) {
            pairs += NearDuplicates.within(view.normalized, signatures: signatures, threshold: options.threshold)
        }
        if view.wholeText, let neighbors = context.neighbors(side) {
            let threshold = Float(context.settings.nearCosine)
            for row in 0..<count {
                for neighbor in neighbors.neighbors(of: row)
                where neighbor.similarity >= threshold && neighbor.index > row {
                    pairs.append(SimilarPair(a: row, b: neighbor.index, jaccard: Double(neighbor.similarity)))
                }
            }
        }
        nearGroups = NearDuplicates.groups(pairs, count: count)
    }

    /// Rows sharing a key, in groups of two or more ordered by their first row.
    static func equalGroups(_ keys: [String], skipEmpty: Bool) -> [[Int]] {
        equalGroups(keys) { skipEmpty && $0.isEmpty }
    }

    /// Rows sharing a key, in groups of two or more ordered by their first row; rows whose key `skip`s are
    /// in none.
    static func equalGroups<Key: Hashable>(_ keys: [Key], skipping skip: (Key) -> Bool = { _ in false }) -> [[Int]] {
        var groups: [Key: [Int]] = [:]
        for (row, key) in keys.enumerated() where !skip(key) { groups[key, default: []].append(row) }
        return groups.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }

    /// Rows sharing a digest, as `equalGroups(_:skipping:)` gives them, found by sorting (digest, row) pairs
    /// rather than filling a table of lists: 16 bytes a row, for the millions of exact keys of a sharded report.
    ///
    /// - Complexity: O(N log N) time, O(N) memory.
    static func equalGroups(_ keys: [UInt64]) -> [[Int]] {
        var pairs = keys.enumerated().map { (key: $0.element, row: $0.offset) }
        pairs.sort { ($0.key, $0.row) < ($1.key, $1.row) }
        var groups: [[Int]] = []
        var start = 0
        while start < pairs.count {
            var end = start + 1
            while end < pairs.count, pairs[end].key == pairs[start].key { end += 1 }
            if end - start > 1 { groups.append(pairs[start..<end].map(\.row)) }
            start = end
        }
        return groups.sorted { $0[0] < $1[0] }
    }

    var exactRate: Double { WithinSet.droppedShare(exactGroups, count: count) }
    var nearRate: Double { WithinSet.droppedShare(nearGroups, count: count) }

    func exactRate(among rows: [Int]) -> Double? { WithinSet.droppedShare(exactGroups, among: rows) }
    func nearRate(among rows: [Int]) -> Double? { WithinSet.droppedShare(nearGroups, among: rows) }

    /// Σ (size − 1) / count: the share of rows deduplication drops.
    static func droppedShare(_ groups: [[Int]], count: Int) -> Double {
        count > 0 ? Double(groups.reduce(0) { $0 + $1.count - 1 }) / Double(count) : 0
    }

    /// For each class, the rows deduplication drops among the class's rows alone: Σ over groups of
    /// max(0, members of the class − 1) — `droppedShare(_:among:)`'s numerator for every class at once.
    ///
    /// - Complexity: O(rows in groups + K).
    static func droppedByClass(_ groups: [[Int]], labels: [Int32], classCount: Int) -> [Int] {
        var dropped = [Int](repeating: 0, count: classCount)
        var seen = [Int32](repeating: -1, count: classCount)
        for (index, group) in groups.enumerated() {
            for row in group where labels[row] >= 0 {
                let label = Int(labels[row])
                // The first member of the class in this group is kept; each further one is dropped.
                if seen[label] == Int32(index) { dropped[label] += 1 } else { seen[label] = Int32(index) }
            }
        }
        return dropped
    }

    /// The dropped share among `rows` alone (a group counts by its members in `rows`).
    static func droppedShare(_ groups: [[Int]], among rows: [Int]) -> Double? {
        guard !rows.isEmpty else { return nil }
        let members = Set(rows)
        let dropped = groups.reduce(0) { total, group in
            total + max(0, group.filter { members.contains($0) }.count - 1)
        }
        return Double(dropped) / Double(rows.count)
    }

    /// The exact groups, then the near groups that are more than an exact group; the largest first,
    /// each with its first rows and the numbers of all its rows. Every synthetic group is listed, the
    /// original's first `Duplicates.findingLimit`.
    func findings(side: Side, view: TextView) -> [Finding] {
        let exactSets = Set(exactGroups)
        let nearOnly = nearGroups.filter { !exactSets.contains($0) }
        let limit = side == .synthetic ? Int.max : Duplicates.findingLimit
        func listed(_ groups: [[Int]], kind: FindingKind, detail: ([Int]) -> String) -> [Finding] {
            let ordered = groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
            return ordered.prefix(limit).map { group in
                let first = group[0]
                let related = group.dropFirst().prefix(Duplicates.groupListLimit).map { row in
                    view.related(
                        row, side: side,
                        score: NearDuplicates.jaccard(view.normalized[first], view.normalized[row]))
                }
                return Finding(
                    kind: kind, side: side, row: view.corpus.rowNumbers[first], text: view.texts[first],
                    detail: detail(group), score: Double(group.count), related: Array(related),
                    relatedCount: group.count - 1, groupRows: group.map { view.corpus.rowNumbers[$0] })
            }
        }
        let exactKeys = view.exactKeys
        return listed(exactGroups, kind: .exactDuplicates) { "\($0.count) rows with the same text" }
            + listed(nearOnly, kind: .nearDuplicates) { group in
                let copies = group.dropFirst().filter { exactKeys[$0] == exactKeys[group[0]] }.count
                return
                    "\(group.count) near duplicates (scores: Jaccard of normalised character 5-grams with the first row)"
                    + (copies > 0 ? "; \(copies) exact cop\(copies == 1 ? "y" : "ies") of the first" : "")
            }
    }
}
