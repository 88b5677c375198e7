import AssayCore
import AssayReport

/// One side's rows as the exact duplicate and leakage measures read them: each row's `ExactKey.digest`, label
/// and, for the 13-gram leakage, distinct word 13-grams. A sharded report builds them from its states
/// (`ShardState.everyRow`) and so measures every row without holding any text.
public struct ExactRows: Sendable {
    public let keys: [UInt64]
    let classes: LabelledRows
    /// Each row's distinct word 13-grams (`RowNgrams`); nil when not kept, and then no 13-gram leakage.
    let ngrams: RowNgrams?

    /// - Parameters:
    ///   - labels: each row's label as an index into `labelNames`, nil for unlabelled data.
    ///   - labelNames: the labels, sorted, as `Corpus` numbers them.
    public init(keys: [UInt64], labels: [Int32]?, labelNames: [String], ngrams: RowNgrams? = nil) {
        precondition(labels.map { $0.count == keys.count } ?? true, "one label per row")
        precondition(ngrams.map { $0.counts.count == keys.count } ?? true, "one row of 13-grams per row")
        self.keys = keys
        self.ngrams = ngrams
        classes = LabelledRows(labels: labels, names: labels == nil ? [] : labelNames)
    }
}

/// A side's labels and the rows of each class, which rates by class read.
struct LabelledRows: Sendable {
    /// Each row's class, an index into `names`; nil for unlabelled data.
    let labels: [Int32]?
    let names: [String]
    /// `rows[k]`: the rows labelled `names[k]`, ascending.
    let rows: [[Int]]

    init(labels: [Int32]?, names: [String]) {
        self.labels = labels
        self.names = names
        var rows = Array(repeating: [Int](), count: labels == nil ? 0 : names.count)
        for (row, label) in (labels ?? []).enumerated() { rows[Int(label)].append(row) }
        self.rows = rows
    }

    init(_ corpus: Corpus) {
        labels = corpus.labels
        names = corpus.labelNames
        rows = corpus.rowsByLabel
    }

    /// The rows of the class named `label`; nil when the side has no such class.
    func rows(of label: String) -> [Int]? {
        names.firstIndex(of: label).flatMap { labels == nil ? nil : rows[$0] }
    }
}

extension Duplicates {
    /// The exact duplicate rate of each side and, with both sides, the share of synthetic rows copied
    /// exactly and, when both sides hold their 13-grams, the share sharing a word 13-gram with an original row:
    /// the values, intervals and values by class `analyze` gives for the texts behind the keys.
    ///
    /// - Complexity: O(rows + 13-grams) expected, plus the bootstrap's O(B · synthetic rows).
    public static func exactMeasures(
        original: ExactRows?, synthetic: ExactRows?, settings: AnalysisSettings
    ) -> [MetricResult] {
        let sides = [(Side.original, original), (.synthetic, synthetic)].compactMap { side, rows in
            rows.map { (side, $0) }
        }
        let grouped = Dictionary(
            uniqueKeysWithValues: sides.map { side, rows in
                (side, (groups: WithinSet.equalGroups(rows.keys), count: rows.keys.count))
            })
        var metrics = [
            rateMetric(
                exactRate, groups: grouped,
                classes: Dictionary(uniqueKeysWithValues: sides.map { ($0.0, $0.1.classes) }))
        ]
        if let original, let synthetic {
            let copied = Set(original.keys)
            metrics.append(
                shareMetric(
                    exactLeakage, flags: synthetic.keys.map { copied.contains($0) }, settings: settings,
                    classes: synthetic.classes))
            if let base = original.ngrams, let query = synthetic.ngrams {
                metrics.append(
                    shareMetric(
                        ngramLeakage, flags: sharing(query, base: base), settings: settings, classes: synthetic.classes)
                )
            }
        }
        return metrics
    }

    /// Whether each row of `rows` has a 13-gram among `base`'s rows'.
    ///
    /// - Complexity: O(13-grams) expected, with a table of the base's distinct 13-grams.
    static func sharing(_ rows: RowNgrams, base: RowNgrams) -> [Bool] {
        var index = HashIndex(expectedCount: base.hashes.count)
        for hash in base.hashes { _ = index.insert(hash) }
        var flags: [Bool] = []
        flags.reserveCapacity(rows.counts.count)
        var start = 0
        for count in rows.counts {
            let end = start + Int(count)
            flags.append(rows.hashes[start..<end].contains { index.slot(of: $0) != nil })
            start = end
        }
        return flags
    }

    /// A rate of duplicates within each side: the share of rows deduplication by `groups` drops, and the same
    /// among each class's rows, on every side present in `classes` (a side without groups has no value).
    static func rateMetric(
        _ descriptor: MetricDescriptor, groups: [Side: (groups: [[Int]], count: Int)], classes: [Side: LabelledRows]
    ) -> MetricResult {
        var values: [Side: SideValue] = [:]
        var estimates: [String: [Side: [MetricID: Double?]]] = [:]
        for (side, grouped) in groups {
            values[side] = SideValue(
                value: WithinSet.droppedShare(grouped.groups, count: grouped.count), n: grouped.count)
            guard let labelled = classes[side], let labels = labelled.labels else { continue }
            let dropped = WithinSet.droppedByClass(grouped.groups, labels: labels, classCount: labelled.names.count)
            for (k, (label, rows)) in zip(labelled.names, labelled.rows).enumerated() where !rows.isEmpty {
                estimates[label, default: [:]][side] = [descriptor.id: Double(dropped[k]) / Double(rows.count)]
            }
        }
        let byClass = ClassBreakdown.byMetric(
            ids: [descriptor.id],
            classes: estimates.keys.sorted().map { label in
                (label: label, rows: classes.compactMapValues { $0.rows(of: label) })
            },
            estimates: estimates)
        return MetricResult(
            descriptor, original: values[.original], synthetic: values[.synthetic], byClass: byClass[descriptor.id])
    }

    /// The share of synthetic rows `flags` marks, with its bootstrap interval (stream `bootstrap/ID` of the
    /// run's seed) and its value among each class's rows.
    static func shareMetric(
        _ descriptor: MetricDescriptor, flags: [Bool], settings: AnalysisSettings, classes: LabelledRows
    ) -> MetricResult {
        let n = flags.count
        let rate = Sampling.share(flags, among: Array(0..<n))
        var random = SeededRandom(seed: settings.seed, stream: "bootstrap/\(descriptor.id)")
        let ci = Sampling.bootstrapInterval(count: n, resamples: settings.bootstrapResamples, using: &random) {
            sample in Sampling.share(flags, among: sample)
        }
        let byClass = classes.labels.map { _ in
            Dictionary(
                uniqueKeysWithValues: zip(classes.names, classes.rows).map { label, rows in
                    (label, ClassValue(value: Sampling.share(flags, among: rows), n: rows.count))
                })
        }
        return MetricResult(descriptor, value: rate, ci: ci, n: n, byClass: byClass)
    }
}
