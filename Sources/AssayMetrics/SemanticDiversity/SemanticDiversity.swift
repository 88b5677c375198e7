import AssayCore
import AssayLinalg
import AssayReport

/// Semantic diversity from sentence embeddings (family `diversity`): APS overall, intra- and
/// inter-class (AttrPrompt), remote-clique, chamfer, the Vendi score and dispersion — per side at
/// equal N and per class, each side's rows matched as the lexical pack's are.
///
/// Point estimates only for now; their intervals come with the next round of this analyzer.
public struct SemanticDiversity: Analyzer {
    public init() {}

    public var descriptors: [MetricDescriptor] { SemanticDiversity.metrics.map(\.descriptor) }

    /// A metric of the family: what the catalog says, its value on a set of rows, and whether it has a
    /// per-class value.
    struct Metric: Sendable {
        let descriptor: MetricDescriptor
        let value: @Sendable (Evaluation) -> Double?
        let perClass: Bool
    }

    /// Every measure of one set of rows, each computed once (the Vendi eigen-decomposition serves two
    /// ids; the chamfer distance reads the context's shared neighbour lists of the rows).
    struct Evaluation: Sendable {
        let aps: Double?
        let intraClassAPS: Double?
        let interClassAPS: Double?
        let remoteClique: Double?
        let chamfer: Double?
        let vendi: VendiScore?
        let dispersion: Double?

        /// - Parameter neighbors: the rows' own neighbour lists (k ≥ 1, the row itself excluded); nil for
        ///   fewer than two rows.
        init(_ measures: SemanticMeasures, neighbors: NearestNeighbors?) {
            aps = measures.averagePairwiseSimilarity()
            intraClassAPS = measures.intraClassAPS()
            interClassAPS = measures.interClassAPS()
            remoteClique = measures.remoteClique()
            chamfer = neighbors.flatMap { measures.chamfer(neighbors: $0) }
            vendi = measures.vendi()
            dispersion = measures.dispersion()
        }
    }

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        guard !context.embeddings.isEmpty else {
            return AnalyzerOutput(skipped: [
                SkippedMetric(
                    id: "diversity.aps", reason: "no embeddings: run with --embedder minilm, hashing or file:PATH")
            ])
        }
        let labelNames = context.labelNames
        var values: [Side: [MetricID: SideValue]] = [:]
        for side in context.sides {
            guard let rows = context.matchedRows[side],
                let measures = measures(context, side: side, rows: rows, labels: labelNames)
            else { continue }
            // The shared lists of the matched rows: the k-NN and near-duplicate lists when the side was not
            // subsampled. Chamfer reads only each row's first neighbour, whatever k.
            let neighbors = context.neighbors(side, among: rows, k: context.settings.neighborCount)
            let evaluation = Evaluation(measures, neighbors: neighbors)
            var sideValues: [MetricID: SideValue] = [:]
            for metric in SemanticDiversity.metrics {
                let value = metric.value(evaluation)
                sideValues[metric.descriptor.id] = SideValue(
                    value: value, n: rows.count,
                    note: value == nil ? "needs at least two rows (two classes for inter-class)" : nil)
            }
            values[side] = sideValues
        }
        var byClass: [MetricID: [String: ClassValue]] = [:]
        if context.sides.allSatisfy({ context.corpus($0)?.isLabelled == true }) {
            let perClassMetrics = SemanticDiversity.metrics.filter(\.perClass)
            let classes = labelNames.map { (label: $0, rows: context.classRows($0)) }
            var estimates: [String: [Side: [MetricID: Double?]]] = [:]
            // One class's rows carry one label, and no per-class metric reads labels: each class is measured
            // unlabelled, so that it costs O(n_k·d), not O(K·d) for class sums it would not use.
            for (label, rows) in classes {
                for (side, classRows) in rows {
                    guard let embeddings = context.embeddings[side] else { continue }
                    let measures = SemanticMeasures(embeddings: embeddings.selecting(rows: classRows))
                    let evaluation = Evaluation(measures, neighbors: context.neighbors(side, among: classRows, k: 1))
                    estimates[label, default: [:]][side] = Dictionary(
                        uniqueKeysWithValues: perClassMetrics.map { ($0.descriptor.id, $0.value(evaluation)) })
                }
            }
            byClass = ClassBreakdown.byMetric(
                ids: perClassMetrics.map(\.descriptor.id), classes: classes, estimates: estimates)
        }
        let metrics = SemanticDiversity.metrics.map { metric in
            let id = metric.descriptor.id
            return MetricResult(
                metric.descriptor, original: values[.original]?[id], synthetic: values[.synthetic]?[id],
                byClass: byClass[id])
        }
        var output = AnalyzerOutput(metrics: metrics, projection: projection(context))
        output.distributions = similarityDistribution(context, labels: labelNames).map { [$0] } ?? []
        return output
    }

    /// Rows per side whose pairwise similarities the histogram counts: a seeded sample of the
    /// matched rows, so the count of pairs stays under two million a side.
    static let similaritySample = 2000
    /// Histogram bins per unit of cosine similarity (bins 0.05 wide, edges on multiples of 0.05).
    static let similarityBinsPerUnit = 20

    /// The cosine similarities of every pair of (sampled, matched) rows of each side, over shared bins
    /// from the smallest similarity seen to 1.
    ///
    /// - Complexity: O(S² · d) per side for S = min(N, `similaritySample`) rows, tiled.
    private func similarityDistribution(_ context: AnalysisContext, labels: [String]) -> Distribution? {
        var sides: [(side: Side, measures: SemanticMeasures)] = []
        for side in context.sides {
            guard let rows = context.matchedRows[side], rows.count >= 2 else { continue }
            var random = SeededRandom(seed: context.settings.seed, stream: "similarity/\(side.rawValue)")
            let sample =
                rows.count <= Self.similaritySample
                ? rows
                : Sampling.withoutReplacement(Self.similaritySample, from: rows.count, using: &random).map { rows[$0] }
            guard let measures = measures(context, side: side, rows: sample, labels: labels) else { continue }
            sides.append((side, measures))
        }
        guard !sides.isEmpty else { return nil }
        var lowest: Float = 1
        for side in sides { side.measures.forEachPairSimilarity { lowest = min(lowest, $0) } }
        let perUnit = Double(Self.similarityBinsPerUnit)
        let firstEdge = max(-Self.similarityBinsPerUnit, Int((Double(lowest) * perUnit).rounded(.down)))
        let bins = max(1, Self.similarityBinsPerUnit - firstEdge)
        let edges = (0...bins).map { Double(firstEdge + $0) / perUnit }
        var counts: [Side: [Int]] = [:]
        for side in sides {
            var sideCounts = [Int](repeating: 0, count: bins)
            side.measures.forEachPairSimilarity { similarity in
                let bin = Int((Double(similarity) * perUnit).rounded(.down)) - firstEdge
                sideCounts[min(max(bin, 0), bins - 1)] += 1
            }
            counts[side.side] = sideCounts
        }
        return Distribution(
            id: "diversity.pairwise_similarity", title: "Pairwise cosine similarity", edges: edges,
            original: counts[.original], synthetic: counts[.synthetic])
    }

    /// Both sides' embeddings on the first two principal components of the pooled set; at most
    /// `Projection.maxPoints` seeded-sampled rows per side are plotted.
    private func projection(_ context: AnalysisContext) -> Projection? {
        let sides = context.sides.filter { context.embeddings[$0] != nil }
        guard let pca = context.pooledPCA(componentCount: 2) else { return nil }
        var points: [String: [[Double]]] = [:]
        for side in sides {
            guard let embeddings = context.embeddings[side] else { continue }
            var random = SeededRandom(seed: context.settings.seed, stream: "projection/\(side.rawValue)")
            let count = min(Projection.maxPoints, embeddings.rows)
            let rows = Sampling.withoutReplacement(count, from: embeddings.rows, using: &random)
            let projected = pca.transform(embeddings.selecting(rows: rows))
            points[side.rawValue] = (0..<projected.rows).map { row in
                (0..<projected.columns).map { Double(projected[row, $0]) }
            }
        }
        return Projection(explainedVarianceRatio: pca.explainedVarianceRatio, points: points)
    }

    /// The measures of `rows` of one side, labelled with ids into the run's label names.
    private func measures(_ context: AnalysisContext, side: Side, rows: [Int], labels: [String]) -> SemanticMeasures? {
        guard let embeddings = context.embeddings[side], let corpus = context.corpus(side) else { return nil }
        var ids: [Int32]?
        if let corpusLabels = corpus.labels {
            let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, Int32($0)) })
            let global = corpus.labelNames.map { position[$0] ?? -1 }
            ids = rows.map { global[Int(corpusLabels[$0])] }
        }
        return SemanticMeasures(embeddings: embeddings.selecting(rows: rows), labels: ids, classCount: labels.count)
    }

    static let metrics: [Metric] = [
        metric(
            "aps", "APS (average pairwise similarity)", .lower,
            formula:
                "mean over pairs i ≠ j of e_i·e_j = (|Σe|² − Σ|e_i|²) / (N(N − 1)), cosine of L2-normalised embeddings",
            source: "Yu et al. 2023, AttrPrompt", perClass: true
        ) { $0.aps },
        metric(
            "aps_intra_class", "APS within classes", .lower,
            formula: "mean e_i·e_j over pairs with the same label, from the class sums",
            source: "Yu et al. 2023, AttrPrompt",
            perClass: false
        ) { $0.intraClassAPS },
        metric(
            "aps_inter_class", "APS across classes", .lower,
            formula: "mean e_i·e_j over pairs with different labels, from the class sums",
            source: "Yu et al. 2023, AttrPrompt", perClass: false
        ) { $0.interClassAPS },
        metric(
            "remote_clique", "Remote-clique", .higher, formula: "mean_i mean_j (1 − e_i·e_j), j = i included",
            source: "`diversity` package; Cevallos et al. 2018", perClass: true
        ) { $0.remoteClique },
        metric(
            "chamfer", "Chamfer distance", .higher,
            formula: "mean_i min_{j≠i} (1 − e_i·e_j), the nearest-neighbour distance",
            source: "`diversity` package", perClass: true
        ) { $0.chamfer },
        metric(
            "vendi", "Vendi score", .higher,
            formula:
                "exp(−Σ λ log λ) over the eigenvalues of XᵀX/N (the d×d dual of K/N), the effective number of distinct samples",
            source: "Friedman & Dieng 2023", perClass: true
        ) { $0.vendi?.score },
        metric(
            "vendi_ratio", "Vendi score / N", .higher, formula: "VS / N, in (0, 1]", source: "Friedman & Dieng 2023",
            perClass: true
        ) { $0.vendi?.normalized },
        metric(
            "dispersion", "Dispersion", .higher, formula: "mean Euclidean distance of embeddings to their centroid",
            source: "spread of the embeddings about their mean (no single published source)", perClass: true
        ) { $0.dispersion },
    ]

    /// A metric of the family in the report's `semantic` section: the semantic diversity card counts it.
    private static func metric(
        _ name: String, _ title: String, _ better: Direction, formula: String, source: String, perClass: Bool,
        _ value: @escaping @Sendable (Evaluation) -> Double?
    ) -> Metric {
        Metric(
            descriptor: MetricDescriptor(
                id: MetricID("diversity.\(name)"), family: "diversity", title: title, better: better,
                formula: formula, source: source, interval: nil, section: "semantic"),
            value: value, perClass: perClass)
    }
}
