import AssayCore
import AssayMetrics
import AssayReport

/// The embedding budget: which rows of each side are embedded when a side has more rows than
/// `AnalysisSettings.semanticSample`.
///
/// Embedding and the all-pairs neighbour searches grow with N and N²; a seeded uniform sample of 20,000
/// rows measures semantic diversity, fidelity, label noise and utility within their intervals at a fraction
/// of the cost. A side at or below the limit is used whole; a larger one is sampled without replacement
/// (stream `semantic-sample/SIDE` of the run's seed), its rows kept in file order.
struct SemanticSampling: Sendable {
    /// Rows per side at most.
    let limit: Int
    /// The sampled rows (positions in the corpus, ascending) of each side larger than `limit`.
    let rows: [Side: [Int]]
    /// Each present side's rows, sampled or not.
    let sizes: [Side: Int]

    /// The sample of `sides` under `limit`; nil when no side exceeds it (every row is embedded).
    init?(sides: [(side: Side, corpus: Corpus)], limit: Int?, seed: UInt64) {
        guard let limit, sides.contains(where: { $0.corpus.count > limit }) else { return nil }
        self.limit = limit
        var rows: [Side: [Int]] = [:]
        for (side, corpus) in sides where corpus.count > limit {
            var random = SeededRandom(seed: seed, stream: "semantic-sample/\(side.rawValue)")
            rows[side] = Sampling.withoutReplacement(limit, from: corpus.count, using: &random).sorted()
        }
        self.rows = rows
        sizes = Dictionary(uniqueKeysWithValues: sides.map { ($0.side, $0.corpus.count) })
    }

    /// Each sampled side's rows and its dataset's rows, for `EmbeddingProvider.embed(_:progress:sampledFrom:)`.
    var sampledFrom: [Side: (rows: [Int], count: Int)] {
        rows.reduce(into: [:]) { result, entry in result[entry.key] = (entry.value, sizes[entry.key] ?? 0) }
    }

    /// The corpus of `side` the sampled measures see.
    func corpus(_ corpus: Corpus, side: Side) -> Corpus {
        rows[side].map { corpus.selecting(rows: $0) } ?? corpus
    }

    /// The user's class probabilities of `side`, cut to the sampled rows.
    func probabilities(_ probabilities: ClassProbabilities, side: Side) -> ClassProbabilities {
        guard let rows = rows[side] else { return probabilities }
        return ClassProbabilities(
            values: probabilities.values.selecting(rows: rows), method: probabilities.method,
            tooSmallClasses: probabilities.tooSmallClasses)
    }

    /// What the report's settings record.
    var summary: SemanticSample {
        func basis(_ side: Side) -> SemanticSample.Basis? {
            sizes[side].map { SemanticSample.Basis(rows: rows[side]?.count ?? $0, of: $0) }
        }
        return SemanticSample(limit: limit, original: basis(.original), synthetic: basis(.synthetic))
    }

    /// The analyzers whose measures use embeddings, which the sampled pass runs; the pass over every row
    /// runs all of them without embeddings.
    static func embeddingAnalyzers(of analyzers: [any Analyzer]) -> [any Analyzer] {
        analyzers.filter { !($0 is LexicalDiversity || $0 is ShapeStatistics || $0 is Duplicates) }
    }

    /// The finding kinds only embeddings (or a classifier on them) produce; the pass over every row has none.
    static let embeddingFindingKinds: Set<FindingKind> = [
        .labelIssue, .labelDisagreement, .discriminativeNgram, .distinguishableExample,
    ]
}

extension Report {
    /// Adds to this report — the analysis of every row without embeddings — what `sampled`, the analysis of
    /// the embedding sample, measured and this one could not: its metrics, skipped entries, embedding-based
    /// findings, label quality, projection, distributions and per-value APS and label issue rates; records
    /// `sample` in the settings.
    ///
    /// Metrics are in the order a run of every analyzer with embeddings gives them.
    mutating func addSampledMeasures(_ sampled: Report, sample: SemanticSample) {
        let measured = Set(metrics.map(\.id.rawValue))
        let sampledIDs = Set(sampled.metrics.map(\.id.rawValue)).union(sampled.skipped.map(\.id))
        // Each sampled metric goes where the sampled run put it: after the metric before it there, or (the
        // first of that run) before the next one this run measured too.
        let order = sampled.metrics
        for (index, metric) in order.enumerated() where !measured.contains(metric.id.rawValue) {
            if index > 0, let at = metrics.firstIndex(where: { $0.id == order[index - 1].id }) {
                metrics.insert(metric, at: at + 1)
            } else if let next = order[index...].first(where: { measured.contains($0.id.rawValue) }),
                let at = metrics.firstIndex(where: { $0.id == next.id })
            {
                metrics.insert(metric, at: at)
            } else {
                metrics.append(metric)
            }
        }
        skipped = skipped.filter { !sampledIDs.contains($0.id) } + sampled.skipped.filter { !measured.contains($0.id) }
        findings += sampled.findings.filter { SemanticSampling.embeddingFindingKinds.contains($0.kind) }
        labelQuality = labelQuality ?? sampled.labelQuality
        projection = projection ?? sampled.projection
        let distributionIDs = Set((distributions ?? []).map(\.id))
        let added = (sampled.distributions ?? []).filter { !distributionIDs.contains($0.id) }
        if !added.isEmpty { distributions = (distributions ?? []) + added }
        if let sampledBias = sampled.bias { bias?.takeEmbeddingMeasures(from: sampledBias) }
        for warning in sampled.warnings where !warnings.contains(warning) { warnings.append(warning) }
        settings.embedder = sampled.settings.embedder
        settings.classifier = settings.classifier ?? sampled.settings.classifier
        settings.folds = settings.folds ?? sampled.settings.folds
        settings.fidelitySample = settings.fidelitySample ?? sampled.settings.fidelitySample
        settings.semanticSample = sample
    }
}

extension BiasSummary {
    /// Fills each attribute value's APS and label issue rate, which need embeddings, from the same value of
    /// `sampled`.
    mutating func takeEmbeddingMeasures(from sampled: BiasSummary) {
        for (a, attribute) in attributes.enumerated() {
            guard let values = attribute.byValue,
                let other = sampled.attributes.first(where: { $0.field == attribute.field })?.byValue
            else { continue }
            let byName = Dictionary(other.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
            for (v, value) in values.enumerated() {
                guard let match = byName[value.value] else { continue }
                attributes[a].byValue?[v].original?.aps = match.original?.aps
                attributes[a].byValue?[v].original?.labelIssueRate = match.original?.labelIssueRate
                attributes[a].byValue?[v].synthetic?.aps = match.synthetic?.aps
                attributes[a].byValue?[v].synthetic?.labelIssueRate = match.synthetic?.labelIssueRate
            }
        }
    }
}
