import AssayCore
import AssayReport

/// The distribution of every attribute column on both sides, and of the derived length bucket, with each
/// value's measures (`AttributeAudit+ByValue.swift`).
///
/// An attribute that one side of a comparison lacks (`DatasetLoader.loadPair`) is described on the other side
/// alone: its counts, distinct values and normalised entropy, with a note and no coverage, JSD, TVD or χ², and
/// it takes no part in `bias.attribute_jsd` or `bias.attribute_coverage`.
struct AttributeAudit {
    var tables: [AttributeTable] = []
    var metrics: [MetricResult] = []

    /// The derived attribute: each row's length in words, bucketed.
    static let lengthField = "length_bucket"
    static let lengthBuckets: [(upTo: Int, name: String)] = [
        (0, "0 words"), (5, "1–5 words"), (10, "6–10 words"), (20, "11–20 words"), (50, "21–50 words"),
        (100, "51–100 words"), (Int.max, "over 100 words"),
    ]

    /// The derived attribute: each row's language (`LanguageIdentifier`), unless the rows have a field of that
    /// name, which is then the attribute.
    static let languageField = "language"

    init(_ context: AnalysisContext) {
        var columns: [Side: [String: [String]]] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side) else { continue }
            let stream = corpus.tokens
            columns[side] = AttributeAudit.columns(
                attributes: corpus.attributes, words: (0..<corpus.count).map { stream.tokenRange(of: $0).count },
                languages: context.languages(side)?.map(\.language))
        }
        self.init(context, columns: columns, byValue: true)
    }

    /// The audit of the attribute `columns` of each side (`columns(attributes:words:)`), with the measures by
    /// value (which read the rows' texts, embeddings and findings) when `byValue`.
    init(_ context: AnalysisContext, columns perSide: [Side: [String: [String]]], byValue: Bool) {
        var columns: [String: [Side: [String]]] = [:]
        for (side, sideColumns) in perSide {
            for (field, values) in sideColumns { columns[field, default: [:]][side] = values }
        }
        let derived = [AttributeAudit.lengthField, AttributeAudit.languageField]
        let fields = columns.keys.filter { !derived.contains($0) }.sorted() + derived
        for field in fields {
            guard let perSide = columns[field] else { continue }
            tables.append(AttributeAudit.table(field, perSide, context: context, byValue: byValue))
        }
        guard context.isComparison else { return }
        // The language is left out of the headline over attributes: a stray row of another language must not set
        // it.
        let compared = tables.filter { $0.jsd != nil && $0.field != AttributeAudit.languageField }
        if let widest = compared.max(by: { ($0.jsd ?? 0) < ($1.jsd ?? 0) }) {
            metrics.append(
                MetricResult(
                    Bias.attributeJSD, value: widest.jsd, n: context.original?.count ?? 0,
                    note: "largest for \(widest.field)"))
        }
        if let narrowest = compared.min(by: { ($0.coverage ?? 1) < ($1.coverage ?? 1) }) {
            metrics.append(
                MetricResult(
                    Bias.attributeCoverage, value: narrowest.coverage, n: context.original?.count ?? 0,
                    note: "smallest for \(narrowest.field)"))
        }
    }

    /// A side's attribute columns, the derived length bucket of rows of `words` words and, unless the rows have a
    /// `language` field, the `languages` detected (none when nil).
    static func columns(attributes: [String: [String]], words: [Int], languages: [String]?) -> [String: [String]] {
        var columns = attributes
        columns[lengthField] = words.map { words in lengthBuckets.first { words <= $0.upTo }?.name ?? "" }
        columns[languageField] = languageColumn(attributes: attributes, detected: languages)
        return columns
    }

    /// The `language` attribute of rows with `attributes`: their `language` field when they have one, else the
    /// `detected` languages (none when nil).
    static func languageColumn(attributes: [String: [String]], detected: [String]?) -> [String]? {
        attributes[languageField] ?? detected
    }

    /// One attribute's table: counts per value, distinct values, coverage, entropies, JSD, TVD, χ², JSD per
    /// class and, when `byValue`, the measures by value.
    static func table(
        _ field: String, _ perSide: [Side: [String]], context: AnalysisContext, byValue: Bool = true
    ) -> AttributeTable {
        var counts: [Side: [String: Int]] = [:]
        for (side, values) in perSide {
            for value in values { counts[side, default: [:]][value, default: 0] += 1 }
        }
        let present = Set(counts.values.flatMap(\.keys))
        // The length buckets in their own order; other values by total count, then name.
        let keys =
            field == AttributeAudit.lengthField
            ? AttributeAudit.lengthBuckets.map(\.name).filter(present.contains)
            : present.sorted { a, b in
                let ta = counts.values.reduce(0) { $0 + ($1[a] ?? 0) }
                let tb = counts.values.reduce(0) { $0 + ($1[b] ?? 0) }
                return ta != tb ? ta > tb : a < b
            }
        func vector(_ side: Side) -> [Double]? { counts[side].map { c in keys.map { Double(c[$0] ?? 0) } } }
        var entropy: [String: Double] = [:]
        for side in perSide.keys { entropy[side.rawValue] = vector(side).flatMap(Contingency.normalizedEntropy) }
        var coverage: Double?
        var jsd: Double?
        var tvd: Double?
        var pValue: Double?
        var jsdByClass: [String: Double] = [:]
        if let o = vector(.original), let s = vector(.synthetic), let originalCounts = counts[.original] {
            let present = originalCounts.keys.filter { (counts[.synthetic]?[$0] ?? 0) > 0 }.count
            coverage = Double(present) / Double(max(originalCounts.count, 1))
            jsd = Divergences.jensenShannon(o, s)
            tvd = Divergences.totalVariation(o, s)
            pValue = Divergences.chiSquare(o, s)?.pValue
            if let oc = context.original, let sc = context.synthetic, oc.isLabelled, sc.isLabelled,
                let originalValues = perSide[.original], let syntheticValues = perSide[.synthetic]
            {
                for label in Set(oc.labelNames).intersection(sc.labelNames).sorted() {
                    let rows = context.classRows(label)
                    func classVector(_ values: [String], _ rows: [Int]) -> [Double] {
                        var c: [String: Int] = [:]
                        for row in rows { c[values[row], default: 0] += 1 }
                        return keys.map { Double(c[$0] ?? 0) }
                    }
                    let a = classVector(originalValues, rows[.original] ?? [])
                    let b = classVector(syntheticValues, rows[.synthetic] ?? [])
                    if a.reduce(0, +) > 0, b.reduce(0, +) > 0 {
                        jsdByClass[label] = Divergences.jensenShannon(a, b)
                    }
                }
            }
        }
        var table = AttributeTable(
            field: field, derived: field == AttributeAudit.lengthField || field == AttributeAudit.languageField,
            values: keys.map { key in
                CategoryCounts(
                    value: key, original: counts[.original].map { $0[key] ?? 0 },
                    synthetic: counts[.synthetic].map { $0[key] ?? 0 })
            }, coverage: coverage, normalizedEntropy: entropy, jsd: jsd, tvd: tvd, chiSquarePValue: pValue,
            jsdByClass: jsdByClass)
        table.distinctValues = Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value.count) })
        if context.isComparison, let absent = context.sides.first(where: { perSide[$0] == nil }) {
            let present = absent == .original ? Side.synthetic : .original
            table.absentFrom = absent
            table.note =
                "the \(absent) set has no field '\(field)': the \(present) set's values are described alone, without coverage or divergences"
        }
        if byValue { table.byValue = AttributeAudit.byValue(keys, perSide, context: context) }
        return table
    }
}
