import AssayCore
import AssayReport
import Foundation

/// Text complexity (family `complexity`): per-text lengths, readability, repetition, rare words and
/// classifier difficulty, each side's mean over its size-matched rows, and how far apart the two
/// sides' distributions of each descriptor lie.
///
/// Every descriptor is a value per text (`ComplexityMeasure`). Each side reports the mean over its
/// matched rows (`AnalysisContext.matchedRows`; rows where the descriptor is undefined, such as the
/// readability of a text without words, left out) with a 95% percentile bootstrap interval over rows,
/// and the mean over each class's matched rows. In a comparison, each descriptor also has two metrics
/// about the pair, computed on the same rows: `<id>_ks`, the two-sample Kolmogorov–Smirnov statistic,
/// and `<id>_wasserstein`, the 1-D Wasserstein-1 distance in the descriptor's own units — for every
/// descriptor, so that any of them can be gated. The report's charts get one `Distribution` per
/// descriptor (`histogram(original:synthetic:isCount:id:title:)`). The distances carry no interval.
/// The classifier loss is reported only when some side has class probabilities (the built-in
/// classifier's on embeddings, or `--pred-probs`); otherwise it is listed as skipped.
///
/// The bootstrap draws one resample of a side's rows per replicate, from its own seeded stream
/// (`bootstrap/complexity/<side>/<replicate>`), and evaluates every descriptor's mean on it: the
/// marginal interval of each descriptor is the usual percentile interval, and the replicates run in
/// parallel with the values of a sequential run.
public struct Complexity: Analyzer {
    /// The n of the word and character n-grams of the repetition ratios: Data-Juicer's default
    /// `rep_len` of both `word_repetition_filter` and `character_repetition_filter`.
    public static let repetitionOrder = 10
    /// A token is rare when the reference rows other than its own hold its word fewer times than this.
    public static let rareWordMinimumCount = 2
    /// The number of bins of a continuous descriptor's histogram.
    public static let histogramBins = 20
    /// The floor of a probability before its logarithm (classifier loss).
    public static let probabilityFloor = 1e-12

    public init() {}

    public var descriptors: [MetricDescriptor] {
        ComplexityMeasure.allCases.map(\.descriptor)
            + ComplexityMeasure.allCases.flatMap { [$0.ksDescriptor, $0.wassersteinDescriptor] }
    }

    public func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput {
        analyze(context, tables: ComplexityTable.tables(context))
    }

    /// The descriptors that each row gives alone, and the rare-word ratio (all but the classifier loss), over rows
    /// known only by their packed `ComplexityCounts` and words, as `analyze` gives them on the rows' texts: their
    /// means, distances, per-class values and histograms. What a sharded report measures over every row.
    ///
    /// - Parameters:
    ///   - context: the rows (the texts unread: `AnalysisContext.matchedRows` and `classRows` pick the rows).
    ///   - packedCounts: each side's `packedCounts(of:)`, row for row with its corpus.
    ///   - words: each side's words (`RowWords`), row for row with its corpus, for the rare-word ratio against the
    ///     original's rows (or the synthetic's own, without an original); without them, no rare-word ratio.
    /// - Complexity: as `analyze`, without reading texts.
    public static func everyRow(
        _ context: AnalysisContext, packedCounts: [Side: [UInt32]], words: [Side: RowWords] = [:]
    ) -> AnalyzerOutput {
        precondition(
            packedCounts.allSatisfy { side, counts in
                counts.count == (context.corpus(side)?.count ?? 0) * ComplexityCounts.width
            }, "one row of counts per row")
        let reference: Side = packedCounts[.original] != nil ? .original : .synthetic
        let hasWords = packedCounts.keys.allSatisfy { words[$0] != nil }
        let tables = Dictionary(
            uniqueKeysWithValues: packedCounts.map { side, counts in
                let ratios = words[side].map { rows in
                    ComplexityTable.rareWordRatios(rows, reference: side == reference ? nil : words[reference])
                }
                return (side, ComplexityTable(packedCounts: counts, rareWordRatios: hasWords ? ratios : nil))
            })
        var output = Complexity().analyze(context, tables: tables)
        let kept = Set(everyRowMetricIDs(rareWords: hasWords))
        output.metrics = output.metrics.filter { kept.contains($0.id) }
        output.distributions = output.distributions.filter { kept.contains(MetricID($0.id)) }
        output.skipped = []
        return output
    }

    /// The metrics `everyRow` gives, in its order: each descriptor's mean but the classifier loss's (and the
    /// rare-word ratio's without `rareWords`), then their two distances.
    public static func everyRowMetricIDs(rareWords: Bool = true) -> [MetricID] {
        let measures = ComplexityMeasure.allCases.filter {
            $0 != .classifierLoss && (rareWords || $0 != .rareWordRatio)
        }
        return measures.map(\.descriptor.id)
            + measures.flatMap { [$0.ksDescriptor.id, $0.wassersteinDescriptor.id] }
    }

    /// Every row's `ComplexityCounts`, packed: `ComplexityCounts.width` numbers per row, in row order (what
    /// `assay shard` keeps for `everyRow`); `languages` are the rows' languages (`Bias.rowLanguages`), which pick
    /// each row's readability formulas.
    ///
    /// - Complexity: O(bytes + tokens · `repetitionOrder`), spread over the cores.
    public static func packedCounts(of corpus: Corpus, languages: [String]) -> [UInt32] {
        ComplexityTable.packedCounts(of: corpus, languages: languages)
    }

    private func analyze(_ context: AnalysisContext, tables: [Side: ComplexityTable]) -> AnalyzerOutput {
        var skipped: [SkippedMetric] = []
        let hasClassifierLoss = tables.values.contains(where: \.hasClassifierLoss)
        // A readability formula defined for the main language of no side is skipped, with the languages found.
        let unreadable = ComplexityMeasure.allCases.filter { measure in
            measure.isReadability && !tables.isEmpty && !tables.values.contains(where: measure.hasLanguage)
        }
        for measure in unreadable {
            let found = context.sides.compactMap { side in
                tables[side].map { "\(side.rawValue): \(ComplexityMeasure.languageCounts($0))" }
            }
            skipped.append(
                SkippedMetric(
                    id: measure.descriptor.id.rawValue,
                    reason:
                        "defined for \(measure.readabilityLanguages) only, and no side's main language is one of those (rows by language, \(found.joined(separator: "; ")))"
                ))
        }
        let measures = ComplexityMeasure.allCases.filter {
            ($0 != .classifierLoss || hasClassifierLoss) && !unreadable.contains($0)
        }
        if !hasClassifierLoss {
            // Labels of several classes and embeddings, yet no probabilities: every class but one is too small.
            let tooSmall = context.sides.contains { side in
                let classes = context.corpus(side)?.labelNames.count ?? 0
                return context.embeddings[side] != nil && classes > 1
                    && classes - context.tooSmallClasses(side).count < 2
            }
            skipped.append(
                SkippedMetric(
                    id: ComplexityMeasure.classifierLoss.descriptor.id.rawValue,
                    reason: tooSmall
                        ? "no class probabilities: fewer than two classes have at least \(context.settings.folds) rows (the cross-validation folds); smaller classes are too small to judge"
                        : "no class probabilities: they need labels of at least two classes and embeddings (or --pred-probs)"
                ))
        }

        var sideValues: [Side: [ComplexityMeasure: SideValue]] = [:]
        for side in context.sides {
            guard let table = tables[side], let rows = context.matchedRows[side] else { continue }
            sideValues[side] = Complexity.sideValues(table, rows: rows, side: side, settings: context.settings)
        }

        var byClass: [MetricID: [String: ClassValue]] = [:]
        var pairByClass: [MetricID: [String: ClassValue]] = [:]
        if let reason = ClassBreakdown.unavailableReason(context) {
            skipped.append(SkippedMetric(id: "complexity.by_class", reason: reason))
        } else {
            (byClass, pairByClass) = Complexity.classValues(context, tables: tables, measures: measures)
        }

        var metrics = measures.map { measure in
            MetricResult(
                measure.descriptor, original: sideValues[.original]?[measure],
                synthetic: sideValues[.synthetic]?[measure], byClass: byClass[measure.descriptor.id])
        }
        // Each measure's values on each side's matched rows, sorted, for the distances and the histograms.
        let columns = ParallelMap.map(0..<measures.count) { index in
            Side.allCases.map { side in
                tables[side].flatMap { table in
                    context.matchedRows[side].map { table.sortedValues(measures[index], rows: $0) }
                }
            }
        }
        var distributions: [Distribution] = []
        for (measure, column) in zip(measures, columns) {
            let (original, synthetic) = (column[0], column[1])
            if let distribution = Complexity.histogram(
                original: original, synthetic: synthetic, isCount: measure.isCount, id: measure.descriptor.id.rawValue,
                title: measure.descriptor.title)
            {
                distributions.append(distribution)
            }
            guard context.isComparison, let original, let synthetic else { continue }
            let n = context.sizeMatching?.rows
            let note = original.isEmpty || synthetic.isEmpty ? "no row of one side has a value" : nil
            for (descriptor, distance) in [
                (measure.ksDescriptor, Divergences.kolmogorovSmirnov(sorted:_:)),
                (measure.wassersteinDescriptor, Divergences.wasserstein(sorted:_:)),
            ] {
                metrics.append(
                    MetricResult(
                        descriptor, value: distance(original, synthetic), n: n, note: note,
                        byClass: pairByClass[descriptor.id]))
            }
        }
        var output = AnalyzerOutput(metrics: metrics, skipped: skipped)
        output.distributions = distributions
        return output
    }

    /// Each measure's mean over `rows` with its bootstrap interval.
    ///
    /// - Complexity: O(`settings.bootstrapResamples` · rows · measures), spread over the cores.
    private static func sideValues(
        _ table: ComplexityTable, rows: [Int], side: Side, settings: AnalysisSettings
    ) -> [ComplexityMeasure: SideValue] {
        let width = ComplexityTable.width
        // The matched rows' values, row-major, so a resample reads each row's values together.
        let matched = rows.flatMap { row in table.values[(row * width)..<((row + 1) * width)] }
        let means = ComplexityTable.means(matched, width: width, weights: nil)
        let replicates = ParallelMap.map(0..<(rows.isEmpty ? 0 : settings.bootstrapResamples)) { index in
            var random = SeededRandom(seed: settings.seed, stream: "bootstrap/complexity/\(side.rawValue)/\(index)")
            // How often the resample draws each row: one pass over the values in order, not a gather.
            var weights = [Int32](repeating: 0, count: rows.count)
            for _ in 0..<rows.count { weights[random.below(rows.count)] += 1 }
            return ComplexityTable.means(matched, width: width, weights: weights)
        }
        var result: [ComplexityMeasure: SideValue] = [:]
        for measure in ComplexityMeasure.allCases {
            let column = measure.rawValue
            guard let mean = means[column] else {
                result[measure] = SideValue(value: nil, n: rows.count, note: measure.undefined(table))
                continue
            }
            let draws = replicates.compactMap { $0[column] }.sorted()
            let ci = draws.isEmpty ? nil : [Sampling.quantile(draws, 0.025), Sampling.quantile(draws, 0.975)]
            result[measure] = SideValue(
                value: mean, ci: ci, interval: ci == nil ? nil : .bootstrap, n: rows.count,
                note: measure.languageNote(table))
        }
        return result
    }

    /// Per-class means of each side (`by_class` of the per-side metrics) and per-class distances
    /// between the sides (`by_class` of the pair metrics), each class at its size-matched rows.
    private static func classValues(
        _ context: AnalysisContext, tables: [Side: ComplexityTable], measures: [ComplexityMeasure]
    ) -> (sides: [MetricID: [String: ClassValue]], pairs: [MetricID: [String: ClassValue]]) {
        let classes = context.labelNames.map { (label: $0, rows: context.classRows($0)) }
        var estimates: [String: [Side: [MetricID: Double?]]] = [:]
        var pairs: [MetricID: [String: ClassValue]] = [:]
        for (label, rows) in classes {
            for (side, sideRows) in rows {
                guard let table = tables[side] else { continue }
                let means = ComplexityTable.rowMeans(table, rows: sideRows)
                estimates[label, default: [:]][side] = Dictionary(
                    uniqueKeysWithValues: measures.map { ($0.descriptor.id, means[$0.rawValue]) })
            }
            guard context.isComparison, let o = rows[.original], let s = rows[.synthetic],
                let originalTable = tables[.original], let syntheticTable = tables[.synthetic]
            else { continue }
            for measure in measures {
                let a = originalTable.sortedValues(measure, rows: o)
                let b = syntheticTable.sortedValues(measure, rows: s)
                pairs[measure.ksDescriptor.id, default: [:]][label] = ClassValue(
                    value: Divergences.kolmogorovSmirnov(sorted: a, b), n: o.count)
                pairs[measure.wassersteinDescriptor.id, default: [:]][label] = ClassValue(
                    value: Divergences.wasserstein(sorted: a, b), n: o.count)
            }
        }
        let sides = ClassBreakdown.byMetric(ids: measures.map(\.descriptor.id), classes: classes, estimates: estimates)
        return (sides, pairs)
    }
}

// MARK: Histograms

extension Complexity {
    /// Both sides' values (each sorted ascending) as histograms over shared bins; nil when neither side
    /// has a value.
    ///
    /// The bins span the 1st to the 99th percentile of both sides' values pooled, and values outside
    /// fall into the end bins (so the first and last bins also hold the tails). A continuous
    /// descriptor gets `histogramBins` equal bins; a count (`isCount`) gets bins of a whole width of at
    /// least 1, starting at a whole number, at most `histogramBins` of them. When every value is the
    /// same, one bin of width 1 centred on it holds them all.
    /// - Complexity: O(n) for n values in all.
    static func histogram(
        original: [Double]?, synthetic: [Double]?, isCount: Bool, id: String, title: String
    ) -> Distribution? {
        let pooled = merged(original ?? [], synthetic ?? [])
        guard !pooled.isEmpty else { return nil }
        var low = Sampling.quantile(pooled, 0.01)
        var high = Sampling.quantile(pooled, 0.99)
        let edges: [Double]
        if isCount {
            (low, high) = (low.rounded(.down), high.rounded(.up))
            let span = high - low + 1
            let width = max(1, (span / Double(histogramBins)).rounded(.up))
            let bins = Int((span / width).rounded(.up))
            edges = (0...bins).map { low + Double($0) * width }
        } else if high > low {
            let width = (high - low) / Double(histogramBins)
            edges = (0...histogramBins).map { $0 == histogramBins ? high : low + Double($0) * width }
        } else {
            edges = [low - 0.5, low + 0.5]
        }
        let bins = edges.count - 1
        func counts(_ values: [Double]?) -> [Int]? {
            guard let values else { return nil }
            var counts = [Int](repeating: 0, count: bins)
            let (first, width) = (edges[0], (edges[bins] - edges[0]) / Double(bins))
            for value in values {
                let bin = Int(((value - first) / width).rounded(.down))
                counts[min(max(bin, 0), bins - 1)] += 1
            }
            return counts
        }
        return Distribution(
            id: id, title: title, edges: edges, original: counts(original), synthetic: counts(synthetic))
    }

    /// The union of two ascending arrays, ascending.
    private static func merged(_ a: [Double], _ b: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                result.append(a[i])
                i += 1
            } else {
                result.append(b[j])
                j += 1
            }
        }
        return result
    }
}
