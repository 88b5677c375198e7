import AssayCore
import AssayReport
import Foundation

/// The lexical diversity pack of METRICS.md (family `diversity`): distinct-1..4, the n-gram
/// diversity score, gzip compression ratio, self-repetition, self-BLEU, vocabulary size, TarGEN's
/// vocabulary, TTR, MATTR, MTLD and HD-D — per side, per class, at equal N.
///
/// Intervals follow METRICS.md: per-document averages get a bootstrap over documents; corpus-level
/// type-count measures get none from resampling with replacement (it duplicates documents and biases
/// them down) — instead the larger side of a comparison carries the 2.5–97.5 percentiles over
/// seeded size-matched subsamples.
public struct LexicalDiversity: Analyzer {
    /// How many of each side's most repeated phrases the report lists.
    public static let repeatedPhraseCount = 10

    public init() {}

    public var descriptors: [MetricDescriptor] { LexicalDiversity.metrics.map(\.descriptor) }

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        // Each side's subsample intervals, and the classes, run on every core; each draws from its own
        // seeded stream, so the values are those of a sequential run. (The sides themselves run one after
        // the other: libdispatch runs a parallel loop nested in another serially.)
        var values: [Side: [MetricID: SideValue]] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side), let rows = context.matchedRows[side] else { continue }
            values[side] = sideValues(corpus: corpus, rows: rows, side: side, context: context)
        }
        var byClass: [MetricID: [String: ClassValue]] = [:]
        var skipped: [SkippedMetric] = []
        if let reason = ClassBreakdown.unavailableReason(context) {
            skipped.append(SkippedMetric(id: "diversity.by_class", reason: reason))
        } else {
            let classes = context.labelNames.map { (label: $0, rows: context.classRows($0)) }
            let jobs = classes.flatMap { label, rows in
                Side.allCases.compactMap { side in rows[side].map { (label: label, side: side, rows: $0) } }
            }
            let estimates = ParallelMap.map(0..<jobs.count) { index -> [MetricID: Double?] in
                let job = jobs[index]
                guard let corpus = context.corpus(job.side) else { return [:] }
                return classEstimates(
                    label: job.label, side: job.side, corpus: corpus, rows: job.rows, settings: context.settings)
            }
            var perClass: [String: [Side: [MetricID: Double?]]] = [:]
            for (job, estimate) in zip(jobs, estimates) { perClass[job.label, default: [:]][job.side] = estimate }
            byClass = ClassBreakdown.byMetric(
                ids: LexicalDiversity.metrics.map(\.descriptor.id), classes: classes, estimates: perClass)
        }
        let metrics = LexicalDiversity.metrics.map { metric in
            let id = metric.descriptor.id
            return MetricResult(
                metric.descriptor, original: values[.original]?[id], synthetic: values[.synthetic]?[id],
                byClass: byClass[id])
        }
        return AnalyzerOutput(metrics: metrics, findings: repeatedPhraseFindings(context), skipped: skipped)
    }

    /// Every measure but the compression ratio (which reads the texts) over rows known by their words alone
    /// (`Corpus.useTokens`: word hashes, no texts), as `analyze` gives them on the rows' texts: their values,
    /// intervals and per-class values; no findings. What a sharded report measures over every row.
    ///
    /// - Complexity: as `analyze`.
    public static func everyRow(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = try LexicalDiversity().analyze(context)
        let kept = Set(everyRowMetricIDs)
        output.metrics = output.metrics.filter { kept.contains($0.id) }
        output.findings = []
        output.skipped = []
        return output
    }

    /// The metrics `everyRow` gives, in its order.
    public static var everyRowMetricIDs: [MetricID] {
        metrics.map(\.descriptor.id).filter { $0 != "diversity.compression_ratio" }
    }

    /// Point estimates of every metric on one class of one side.
    private func classEstimates(
        label: String, side: Side, corpus: Corpus, rows: [Int], settings: AnalysisSettings
    ) -> [MetricID: Double?] {
        var random = SeededRandom(seed: settings.seed, stream: "self-bleu/class/\(label)/\(side.rawValue)")
        let sample = LexicalSample(corpus: corpus, rows: rows)
        let measures = CorpusMeasures(sample)
        return Dictionary(
            uniqueKeysWithValues: LexicalDiversity.metrics.map {
                (
                    $0.descriptor.id,
                    $0.statistic.estimate(sample, measures: measures, settings: settings, random: &random)
                )
            })
    }

    /// The phrases (word 4-grams) each side repeats most, with the share of rows containing them and
    /// the first row that does: the evidence behind low distinct-n and high self-repetition.
    private func repeatedPhraseFindings(_ context: AnalysisContext) -> [Finding] {
        context.sides.flatMap { side -> [Finding] in
            guard let corpus = context.corpus(side) else { return [] }
            let sample = LexicalSample(corpus: corpus, rows: Array(0..<corpus.count))
            return sample.repeatedPhrases(top: LexicalDiversity.repeatedPhraseCount).map { phrase in
                let share = Double(phrase.rows) / Double(corpus.count)
                return Finding(
                    kind: .repeatedPhrase, side: side, row: corpus.rowNumbers[phrase.firstRow],
                    text: phrase.text,
                    detail: "in \(phrase.rows) of \(corpus.count) rows (\(String(format: "%.1f", 100 * share))%)",
                    score: share)
            }
        }
    }

    /// Point estimates and intervals of every metric on one side.
    private func sideValues(corpus: Corpus, rows: [Int], side: Side, context: AnalysisContext) -> [MetricID: SideValue]
    {
        let settings = context.settings
        let sample = LexicalSample(corpus: corpus, rows: rows)
        // The larger side of a comparison: its corpus-level values over size-matched subsamples.
        var subsampleValues: [MetricID: [Double]] = [:]
        if context.isComparison, corpus.count > rows.count {
            // Each subsample draws from its own seeded stream, so running them in parallel changes nothing.
            let step = context.progress.step(
                "lexical subsamples \(side.rawValue)", total: settings.subsampleRepeats, rows: corpus.count)
            let draws = ParallelMap.map(0..<settings.subsampleRepeats) { index in
                var random = SeededRandom(seed: settings.seed, stream: "subsample-ci/\(side.rawValue)/\(index)")
                let draw = Sampling.withoutReplacement(rows.count, from: corpus.count, using: &random)
                defer { step.advance() }
                return CorpusMeasures(LexicalSample(corpus: corpus, rows: draw))
            }
            step.finish()
            for measures in draws {
                for metric in LexicalDiversity.metrics {
                    guard case .corpus(let measure, _) = metric.statistic, let value = measure(measures) else {
                        continue
                    }
                    subsampleValues[metric.descriptor.id, default: []].append(value)
                }
            }
        }
        let measures = CorpusMeasures(sample)
        var result: [MetricID: SideValue] = [:]
        for metric in LexicalDiversity.metrics {
            let id = metric.descriptor.id
            switch metric.statistic {
            case .corpus(let measure, let undefined):
                let value = measure(measures)
                var ci: [Double]?
                if let draws = subsampleValues[id], draws.count == settings.subsampleRepeats {
                    let sorted = draws.sorted()
                    ci = [Sampling.quantile(sorted, 0.025), Sampling.quantile(sorted, 0.975)]
                }
                result[id] = SideValue(
                    value: value, ci: ci, interval: ci == nil ? nil : .subsample, n: rows.count,
                    note: value == nil ? undefined : nil)
            case .perDocument(let scores, let aggregate, let undefined):
                var random = SeededRandom(seed: settings.seed, stream: "\(id)/\(side.rawValue)")
                let documentScores = scores(sample, settings, &random)
                let value = documentScores.isEmpty ? nil : aggregate.apply(documentScores)
                var ci: [Double]?
                if !documentScores.isEmpty {
                    var resampling = SeededRandom(seed: settings.seed, stream: "bootstrap/\(id)/\(side.rawValue)")
                    ci = Sampling.bootstrapInterval(
                        count: documentScores.count, resamples: settings.bootstrapResamples, using: &resampling
                    ) { rows in aggregate.apply(rows.map { documentScores[$0] }) }
                }
                result[id] = SideValue(
                    value: value, ci: ci, interval: ci == nil ? nil : .bootstrap, n: rows.count,
                    note: value == nil ? undefined : nil)
            }
        }
        return result
    }
}

/// How a lexical metric is computed and which interval it gets.
enum LexicalStatistic: Sendable {
    /// A corpus-level value (type counts): subsample percentiles on the larger side.
    case corpus(@Sendable (CorpusMeasures) -> Double?, undefined: String)
    /// An aggregate of per-document scores: bootstrap over documents.
    case perDocument(
        @Sendable (LexicalSample, AnalysisSettings, inout SeededRandom) -> [Double], Aggregate, undefined: String)

    /// The point estimate on `sample`, whose corpus-level measures are `measures`.
    func estimate(
        _ sample: LexicalSample, measures: CorpusMeasures, settings: AnalysisSettings, random: inout SeededRandom
    ) -> Double? {
        switch self {
        case .corpus(let measure, _):
            return measure(measures)
        case .perDocument(let scores, let aggregate, _):
            let values = scores(sample, settings, &random)
            return values.isEmpty ? nil : aggregate.apply(values)
        }
    }
}

/// How per-document scores combine into the metric.
enum Aggregate: Sendable {
    case mean
    case sum

    func apply(_ values: [Double]) -> Double {
        let total = values.reduce(0, +)
        return self == .sum ? total : total / Double(values.count)
    }
}

/// A metric of the pack: what the catalog says and how to compute it.
struct LexicalMetric: Sendable {
    let descriptor: MetricDescriptor
    let statistic: LexicalStatistic
}

extension LexicalDiversity {
    static let metrics: [LexicalMetric] =
        distinctMetrics + [
            metric(
                "ngram_diversity_score", "N-gram diversity score", .higher,
                formula:
                    "Σ_{n=1..4} distinct-n with the corpus joined by spaces, so n-grams cross documents; range (0, 4]",
                source: "Shaib et al. 2024, `diversity` package (ngram_diversity_score)",
                .corpus({ $0.profile.ngramDiversityScore }, undefined: "fewer than 4 tokens in all rows")),
            metric(
                "compression_ratio", "Compression ratio (gzip)", .lower,
                formula:
                    "bytes(join(D, \" \")) / bytes(gzip(join(D, \" \"))), zlib deflate level 9 with gzip framing; higher = more repetitive",
                source: "Shaib et al. 2024, `diversity` package (compression_ratio)",
                .corpus({ $0.compressionRatio }, undefined: "no text"),
                caveat:
                    "a row longer than 64 KiB counts with its first 64 KiB only, so that one very long row does not cost minutes of compression in every subsample"
            ),
            metric(
                "self_repetition", "Self-repetition", .lower,
                formula: "c(g) = rows containing word 4-gram g; mean_i log(1 + Σ_{g ∈ set4(d_i)} (c(g) − 1))",
                source: "Salkar et al. 2022; `diversity` package (self_repetition_score)",
                .perDocument({ sample, _, _ in sample.selfRepetitionScores() }, .mean, undefined: "no rows")),
            metric(
                "self_bleu", "Self-BLEU", .lower,
                formula:
                    "mean over sampled hypotheses d_i of BLEU-4(d_i; refs = D ∖ d_i), uniform weights, NLTK smoothing method 1 (ε = 0.1)",
                source: "Zhu et al. 2018, Texygen",
                .perDocument(
                    { sample, settings, random in
                        let count = min(settings.selfBleuHypotheses, sample.rows.count)
                        let hypotheses = Sampling.withoutReplacement(count, from: sample.rows.count, using: &random)
                        return sample.selfBLEUScores(hypotheses: hypotheses)
                    }, .mean, undefined: "needs at least two rows")),
            metric(
                "vocabulary_size", "Vocabulary size", .higher, formula: "|∪ tokens|, the number of distinct words",
                source: "corpus type count",
                .corpus({ Double($0.vocabularySize) }, undefined: "no rows")),
            metric(
                "targen_vocabulary", "TarGEN vocabulary", .higher,
                formula: "Σ_i |set(non-stopword tokens of d_i)| (NLTK English stopwords); grows with N",
                source: "Gupta et al. 2023, TarGEN",
                .perDocument({ sample, _, _ in sample.targenVocabularyCounts() }, .sum, undefined: "no rows"),
                caveat: "a sum over rows: it grows with the number and the length of the texts",
                languages:
                    "any language, but its stopwords are English: in other languages function words count as vocabulary"
            ),
            metric(
                "ttr", "Type–token ratio", .higher, formula: "V / N over all tokens of the rows",
                source: "Templin 1957", .corpus({ $0.typeTokenRatio }, undefined: "no tokens")),
            metric(
                "mattr", "MATTR (window 50)", .higher,
                formula: "mean TTR over every window of 50 consecutive tokens of the rows' token stream, in row order",
                source: "Covington & McFall 2010; `lexicalrichness`",
                .corpus({ $0.movingAverageTTR }, undefined: "fewer than 50 tokens in all rows")),
            metric(
                "mtld", "MTLD", .higher,
                formula:
                    "per row: N / factors at TTR threshold 0.72, partial factor (1 − TTR)/(1 − 0.72), mean of forward and backward passes; averaged over rows with tokens",
                source: "McCarthy & Jarvis 2010; `lexicalrichness`",
                .perDocument({ sample, _, _ in sample.mtldScores() }, .mean, undefined: "no row has a token"),
                caveat:
                    "unstable below about 100 tokens: on short texts whose words rarely repeat it approaches their length"
            ),
            metric(
                "hdd", "HD-D", .higher, formula: "Σ_t [1 − C(N − f_t, 42) / C(N, 42)] / 42 over the rows' tokens",
                source: "McCarthy & Jarvis 2007; `lexicalrichness`",
                .corpus({ $0.hdd }, undefined: "fewer than 42 tokens in all rows")),
        ]

    private static let distinctMetrics: [LexicalMetric] = (1...TokenStream.maxOrder).map { order in
        metric(
            "distinct_\(order)", "Distinct-\(order)", .higher,
            formula: "|unique(G_\(order))| / |G_\(order)|, word \(order)-grams within documents",
            source: "Li et al. 2016",
            .corpus({ $0.profile.distinct[order - 1] }, undefined: "no row has \(order) tokens"))
    }

    private static func metric(
        _ name: String, _ title: String, _ better: Direction, formula: String, source: String,
        _ statistic: LexicalStatistic, caveat: String? = nil, languages: String? = nil
    ) -> LexicalMetric {
        let interval: IntervalMethod
        switch statistic {
        case .corpus: interval = .subsample
        case .perDocument: interval = .bootstrap
        }
        return LexicalMetric(
            descriptor: MetricDescriptor(
                id: MetricID("diversity.\(name)"), family: "diversity", title: title, better: better, formula: formula,
                source: source, interval: interval, caveat: caveat, languages: languages),
            statistic: statistic)
    }
}
