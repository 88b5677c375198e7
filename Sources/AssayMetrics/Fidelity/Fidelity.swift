import AssayCore
import AssayLinalg
import AssayReport

/// Distribution fidelity (family `fidelity`): how close the synthetic set's embeddings lie to the
/// original's (MAUVE, Fréchet distance, precision / recall / density / coverage), whether a classifier
/// can tell the two apart (with the n-grams and texts that give the synthetic set away), and how far
/// apart the label distributions are. Overall and per class where both sides have the class.
///
/// The embedding measures use the size-matched rows of each side (equal N), at most
/// `settings.fidelitySample` of them (a seeded subsample beyond, said in the metric's note).
public struct Fidelity: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] {
        [
            Fidelity.mauve, Fidelity.frechet, Fidelity.precision, Fidelity.recall, Fidelity.density,
            Fidelity.coverage, Fidelity.twoSample, Fidelity.labelTVD, Fidelity.labelJSD,
        ]
    }

    static let mauve = MetricDescriptor(
        id: "fidelity.mauve", family: "fidelity", title: "MAUVE", better: .higher,
        formula:
            "area under the divergence curve (exp(−5·KL(Q‖R)), exp(−5·KL(P‖R))), R = λP + (1 − λ)Q for 25 λ in (0, 1), of the two sets' histograms over k-means clusters (k = max(2, round(min(N_P, N_Q)/10)), 5 restarts) of the pooled embeddings after PCA keeping 90% of the variance",
        source: "Pillutla et al. 2021 (MAUVE), as mauve-text", interval: nil,
        caveat: "depends on the clustering; compare values computed at similar sizes")
    static let frechet = MetricDescriptor(
        id: "fidelity.frechet", family: "fidelity", title: "Fréchet distance", better: .lower,
        formula: "|μ_P − μ_Q|² + Tr(Σ_P + Σ_Q − 2(Σ_P Σ_Q)^{1/2}) of the embeddings",
        source: "Heusel et al. 2017 (FID), on sentence embeddings", interval: nil,
        caveat:
            "in squared embedding units, and biased upward at small N (two halves of SST-2's 872 rows: 0.20): compare runs with the same embedder and similar sizes"
    )
    static let precision = MetricDescriptor(
        id: "fidelity.precision", family: "fidelity", title: "Precision (PRDC)", better: .higher,
        formula:
            "share of synthetic rows inside some original row's ball, radius the distance to its 5th nearest original neighbour",
        source: "Kynkäänniemi et al. 2019", interval: nil)
    static let recall = MetricDescriptor(
        id: "fidelity.recall", family: "fidelity", title: "Recall (PRDC)", better: .higher,
        formula:
            "share of original rows inside some synthetic row's ball, radius the distance to its 5th nearest synthetic neighbour",
        source: "Kynkäänniemi et al. 2019", interval: nil,
        caveat:
            "outlying synthetic rows have wide balls that swallow original rows, so recall can stay high for an unrelated set (SST-2 against AG News: 0.75); read coverage beside it"
    )
    static let density = MetricDescriptor(
        id: "fidelity.density", family: "fidelity", title: "Density (PRDC)", better: .neither,
        formula: "(1/(kM)) Σ_j #{original i : |y_j − x_i| < r_k(x_i)}, k = 5; about 1 when the sets match",
        source: "Naeem et al. 2020", interval: nil,
        caveat: "above 1 when synthetic rows crowd into dense regions of the original")
    static let coverage = MetricDescriptor(
        id: "fidelity.coverage", family: "fidelity", title: "Coverage (PRDC)", better: .higher,
        formula: "share of original rows whose nearest synthetic row lies inside their own 5-NN ball",
        source: "Naeem et al. 2020", interval: nil)
    static let twoSample = MetricDescriptor(
        id: "fidelity.c2st_auc", family: "fidelity", title: "Two-sample classifier AUC", better: .lower,
        formula:
            "ROC AUC, on a seeded held-out half, of a logistic regression on the embeddings trained to tell synthetic (1) from original (0); 0.5 = indistinguishable",
        source:
            "classifier two-sample test (Lopez-Paz & Oquab 2017), as Evidently's text drift and SDMetrics' detection",
        interval: nil)
    static let labelTVD = MetricDescriptor(
        id: "fidelity.label_tvd", family: "fidelity", title: "Label distribution TVD", better: .lower,
        formula: "½ Σ_k |p_k − q_k| over the labels of either set", source: "total variation distance",
        interval: nil, languages: MetricDescriptor.anyLanguage)
    static let labelJSD = MetricDescriptor(
        id: "fidelity.label_jsd", family: "fidelity", title: "Label distribution JSD", better: .lower,
        formula: "Jensen–Shannon divergence of the label distributions, base 2, in [0, 1]",
        source: "Lin 1991", interval: nil, languages: MetricDescriptor.anyLanguage)

    /// Rows per side a class needs for the per-class embedding measures.
    static let minimumClassRows = 20
    /// Discriminative n-grams and example texts listed per side.
    static let evidenceCount = 10

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        var output = AnalyzerOutput()
        guard let original = context.original, let synthetic = context.synthetic else { return output }
        if original.isLabelled && synthetic.isLabelled {
            let labels = context.labelNames
            let (originalCounts, syntheticCounts) = (original.labelCounts, synthetic.labelCounts)
            let p = labels.map { Double(originalCounts[$0] ?? 0) }
            let q = labels.map { Double(syntheticCounts[$0] ?? 0) }
            let n = min(original.count, synthetic.count)
            output.metrics.append(
                MetricResult(Fidelity.labelTVD, value: FidelityMeasures.totalVariation(p, q), n: n))
            output.metrics.append(
                MetricResult(Fidelity.labelJSD, value: FidelityMeasures.jensenShannon(p, q), n: n))
        }
        guard let originalEmbeddings = context.embeddings[.original],
            let syntheticEmbeddings = context.embeddings[.synthetic]
        else {
            for descriptor in [Fidelity.mauve, Fidelity.frechet, Fidelity.precision, Fidelity.twoSample] {
                output.skipped.append(
                    SkippedMetric(id: descriptor.id.rawValue, reason: "needs embeddings of both sets (--embedder)"))
            }
            if !output.metrics.isEmpty { output.settings.append(sampleSetting(context)) }
            return output
        }
        let seed = context.settings.seed
        let cap = context.settings.fidelitySample
        let overallRows = (
            Fidelity.capped(context.matchedRows[.original] ?? [], cap, seed: seed, stream: "fidelity/original"),
            Fidelity.capped(context.matchedRows[.synthetic] ?? [], cap, seed: seed, stream: "fidelity/synthetic")
        )
        let overall = Estimates(
            original: originalEmbeddings.selecting(rows: overallRows.0),
            synthetic: syntheticEmbeddings.selecting(rows: overallRows.1), seed: seed,
            progress: context.progress, step: "MAUVE k-means")

        var perClass: [String: Estimates] = [:]
        var classSizes: [String: Int] = [:]
        if original.isLabelled && synthetic.isLabelled {
            for label in Set(original.labelNames).intersection(synthetic.labelNames).sorted() {
                let rows = context.classRows(label)
                guard let o = rows[.original], let s = rows[.synthetic],
                    min(o.count, s.count) >= Fidelity.minimumClassRows
                else { continue }
                let co = Fidelity.capped(o, cap, seed: seed, stream: "fidelity/\(label)/original")
                let cs = Fidelity.capped(s, cap, seed: seed, stream: "fidelity/\(label)/synthetic")
                perClass[label] = Estimates(
                    original: originalEmbeddings.selecting(rows: co),
                    synthetic: syntheticEmbeddings.selecting(rows: cs),
                    seed: seed, progress: context.progress, step: "MAUVE k-means, class \(label)")
                classSizes[label] = min(co.count, cs.count)
            }
        }
        let n = min(overallRows.0.count, overallRows.1.count)
        let note =
            max(context.matchedRows[.original]?.count ?? 0, context.matchedRows[.synthetic]?.count ?? 0) > cap
            ? "on a seeded subsample of \(cap) rows per side" : nil
        let measures: [(MetricDescriptor, (Estimates) -> Double?)] = [
            (Fidelity.mauve, \.mauve), (Fidelity.frechet, \.frechet), (Fidelity.precision, { $0.prdc?.precision }),
            (Fidelity.recall, { $0.prdc?.recall }), (Fidelity.density, { $0.prdc?.density }),
            (Fidelity.coverage, { $0.prdc?.coverage }), (Fidelity.twoSample, { $0.twoSample?.auc }),
        ]
        for (descriptor, value) in measures {
            var byClass: [String: ClassValue] = [:]
            for (label, estimate) in perClass {
                byClass[label] = ClassValue(value: value(estimate), n: classSizes[label] ?? 0)
            }
            output.metrics.append(
                MetricResult(
                    descriptor, value: value(overall), n: n, note: note, byClass: byClass.isEmpty ? nil : byClass))
        }
        if let test = overall.twoSample {
            output.findings += Fidelity.evidence(
                test, context: context, originalRows: overallRows.0, syntheticRows: overallRows.1)
        }
        output.settings.append(sampleSetting(context))
        return output
    }

    /// Records the rows per side the embedding measures use at most in the report's settings.
    private func sampleSetting(_ context: AnalysisContext) -> @Sendable (inout Settings) -> Void {
        let cap = context.settings.fidelitySample
        return { $0.fidelitySample = cap }
    }

    /// `rows`, or a seeded subsample of `cap` of them in ascending order.
    static func capped(_ rows: [Int], _ cap: Int, seed: UInt64, stream: String) -> [Int] {
        guard rows.count > cap else { return rows }
        var random = SeededRandom(seed: seed, stream: stream)
        return Sampling.withoutReplacement(cap, from: rows.count, using: &random).map { rows[$0] }.sorted()
    }

    /// The embedding measures of one pair of row sets.
    struct Estimates {
        let mauve: Double?
        let frechet: Double?
        let prdc: FidelityMeasures.PRDC?
        let twoSample: FidelityMeasures.TwoSampleTest?

        /// The measures of `original` against `synthetic`; MAUVE's k-means, the slow part, reports to
        /// `progress` as the step `step`.
        init(original: Matrix, synthetic: Matrix, seed: UInt64, progress: any ProgressReporter, step: String) {
            let clustering = progress.step(
                step, total: FidelityMeasures.mauveRestarts, rows: original.rows + synthetic.rows)
            mauve = FidelityMeasures.mauve(original, synthetic, seed: seed, progress: clustering)
            clustering.finish()
            frechet = FidelityMeasures.frechet(original, synthetic)
            prdc = FidelityMeasures.prdc(real: original, fake: synthetic)
            twoSample = FidelityMeasures.classifierTwoSample(original: original, synthetic: synthetic, seed: seed)
        }
    }
}
