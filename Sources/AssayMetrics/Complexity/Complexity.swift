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
        var skipped: [SkippedMetric] = []
        let tables = ComplexityTable.tables(context)
        let hasClassifierLoss = tables.values.contains(where: \.hasClassifierLoss)
        let measures = ComplexityMeasure.allCases.filter { $0 != .classifierLoss || hasClassifierLoss }
        if !hasClassifierLoss {
            // Labels of several classes and embeddings, yet no probabilities: every class but one is too small.
            let tooSmall = context.sides.contains { side in
                let classes = context.corpus(side)?.labelNames.count ?? 0
                return context.embeddings[side] != nil && classes > 1
                    && classes - context.tooSmallClasses(side).count < 2
            }
            skipped.append(
                SkippedMetric(
                    id: ComplexityMeasure.classifierLoss.descriptor.id,
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

        var byClass: [String: [String: ClassValue]] = [:]
        var pairByClass: [String: [String: ClassValue]] = [:]
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
                original: original, synthetic: synthetic, isCount: measure.isCount, id: measure.descriptor.id,
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
                value: mean, ci: ci, interval: ci == nil ? nil : .bootstrap, n: rows.count)
        }
        return result
    }

    /// Per-class means of each side (`by_class` of the per-side metrics) and per-class distances
    /// between the sides (`by_class` of the pair metrics), each class at its size-matched rows.
    private static func classValues(
        _ context: AnalysisContext, tables: [Side: ComplexityTable], measures: [ComplexityMeasure]
    ) -> (sides: [String: [String: ClassValue]], pairs: [String: [String: ClassValue]]) {
        let classes = context.labelNames.map { (label: $0, rows: context.classRows($0)) }
        var estimates: [String: [Side: [String: Double?]]] = [:]
        var pairs: [String: [String: ClassValue]] = [:]
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

// MARK: Per-text values

/// The per-text values of every row of one side: row-major, NaN where a descriptor is undefined.
struct ComplexityTable: Sendable {
    static let width = ComplexityMeasure.allCases.count

    /// `values[row * width + measure.rawValue]`.
    let values: [Double]
    let rows: Int
    /// Whether any row has class probabilities.
    let hasClassifierLoss: Bool

    /// The value of `measure` on `row`, nil where it is undefined.
    subscript(row: Int, measure: ComplexityMeasure) -> Double? {
        let value = values[row * ComplexityTable.width + measure.rawValue]
        return value.isNaN ? nil : value
    }

    /// The values of `measure` on those of `rows` where it is defined, ascending.
    func sortedValues(_ measure: ComplexityMeasure, rows: [Int]) -> [Double] {
        rows.compactMap { self[$0, measure] }.sorted()
    }

    /// Each measure's mean over `rows` (nil where no row has a value).
    static func rowMeans(_ table: ComplexityTable, rows: [Int]) -> [Double?] {
        let selected = rows.flatMap { row in table.values[(row * width)..<((row + 1) * width)] }
        return means(selected, width: width, weights: nil)
    }

    /// Each column's mean over the rows of the row-major `values`, row r counted `weights[r]` times
    /// (once each without weights); nil where no counted row has a value.
    ///
    /// - Complexity: O(rows · width).
    static func means(_ values: [Double], width: Int, weights: [Int32]?) -> [Double?] {
        var sums = [Double](repeating: 0, count: width)
        var counts = [Double](repeating: 0, count: width)
        values.withUnsafeBufferPointer { values in
            for row in 0..<(values.count / width) {
                let weight = weights.map { Double($0[row]) } ?? 1
                guard weight > 0 else { continue }
                let base = row * width
                for column in 0..<width {
                    let value = values[base + column]
                    if !value.isNaN {
                        sums[column] += weight * value
                        counts[column] += weight
                    }
                }
            }
        }
        return (0..<width).map { counts[$0] > 0 ? sums[$0] / counts[$0] : nil }
    }

    /// The tables of every side of `context`, all rows. The reference vocabulary of the rare-word
    /// ratio is the original's (every row, each original row left out of its own reference), or the
    /// side's own when there is no original.
    static func tables(_ context: AnalysisContext) -> [Side: ComplexityTable] {
        var tables: [Side: ComplexityTable] = [:]
        let reference = context.original ?? context.synthetic
        let referenceCounts = reference.map { ReferenceVocabulary($0.tokens) }
        for side in context.sides {
            guard let corpus = context.corpus(side), let referenceCounts else { continue }
            let isReference = side == .original || context.original == nil
            tables[side] = ComplexityTable(
                corpus: corpus, reference: referenceCounts, leaveOneOut: isReference,
                probabilities: context.classProbabilities(side))
        }
        return tables
    }

    /// Every row's values.
    ///
    /// - Parameters:
    ///   - reference: the rare-word ratio's reference vocabulary.
    ///   - leaveOneOut: whether `corpus` is the reference itself, so that each row's own tokens are
    ///     taken out of its reference counts.
    ///   - probabilities: out-of-sample class probabilities of the rows, for the classifier loss.
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores.
    init(corpus: Corpus, reference: ReferenceVocabulary, leaveOneOut: Bool, probabilities: ClassProbabilities?) {
        let stream = corpus.tokens
        let words = WordFacts(stream)
        let counts = reference.counts(for: stream)
        let labels = probabilities == nil ? nil : corpus.labels
        // A class too small to judge has no classifier loss: the built-in classifiers did not learn it.
        var isTooSmall = [Bool](repeating: false, count: probabilities?.values.columns ?? 0)
        for k in probabilities?.tooSmallClasses ?? [] where k < isTooSmall.count { isTooSmall[k] = true }
        let tooSmall = isTooSmall
        let chunk = 512
        let chunks = ParallelMap.map(0..<((corpus.count + chunk - 1) / chunk)) { index -> [Double] in
            var scratch = RowScratch()
            var values: [Double] = []
            let rows = (index * chunk)..<min(corpus.count, (index + 1) * chunk)
            values.reserveCapacity(rows.count * ComplexityTable.width)
            for row in rows {
                var loss: Double?
                if let probabilities, let labels, row < probabilities.values.rows, labels[row] >= 0,
                    Int(labels[row]) < probabilities.values.columns, !tooSmall[Int(labels[row])]
                {
                    let p = Double(probabilities.values[row, Int(labels[row])])
                    loss = -log(max(p, Complexity.probabilityFloor))
                }
                values += scratch.values(
                    text: corpus.texts[row], row: row, stream: stream, words: words, referenceCounts: counts,
                    leaveOneOut: leaveOneOut, classifierLoss: loss)
            }
            return values
        }
        self.values = chunks.flatMap { $0 }
        self.rows = corpus.count
        self.hasClassifierLoss = labels != nil && corpus.count > 0
    }
}

/// Syllables and characters of each word type of a token stream, computed once per type.
private struct WordFacts: Sendable {
    let syllables: [Int32]
    let characters: [Int32]

    init(_ stream: TokenStream) {
        let types = stream.types
        let facts = ParallelMap.map(0..<((types.count + 4095) / 4096)) { index -> [(Int32, Int32)] in
            types[(index * 4096)..<min(types.count, (index + 1) * 4096)].map { type in
                var type = type
                return type.withUTF8 { bytes in
                    (Int32(Syllables.count(utf8: bytes)), Int32(Readability.wordCharacters(utf8: bytes)))
                }
            }
        }.flatMap { $0 }
        syllables = facts.map(\.0)
        characters = facts.map(\.1)
    }
}

/// How often each word occurs in the reference rows, by word hash.
struct ReferenceVocabulary: Sendable {
    private let byHash: [UInt64: Int32]

    init(_ stream: TokenStream) {
        var counts = [Int32](repeating: 0, count: stream.typeCount)
        for word in stream.words { counts[Int(word)] += 1 }
        self.byHash = Dictionary(uniqueKeysWithValues: zip(stream.typeHashes, counts))
    }

    /// The reference count of each word type of `other`.
    func counts(for other: TokenStream) -> [Int32] {
        other.typeHashes.map { byHash[$0] ?? 0 }
    }
}

/// Reusable buffers for one row's values.
private struct RowScratch {
    private var hashes: [UInt64] = []
    private var scalars: [UInt32] = []
    private var repeated: [Int] = []
    private var rowWords: [UInt32] = []

    /// One row's values, in `ComplexityMeasure` order.
    mutating func values(
        text: String, row: Int, stream: TokenStream, words: WordFacts, referenceCounts: [Int32], leaveOneOut: Bool,
        classifierLoss: Double?
    ) -> [Double] {
        let range = stream.tokenRange(of: row)
        var syllables = 0
        var polysyllables = 0
        var characters = 0
        for position in range {
            let word = Int(stream.words[position])
            let count = Int(words.syllables[word])
            syllables += count
            polysyllables += count >= 3 ? 1 : 0
            characters += Int(words.characters[word])
        }
        let sentences = Readability.sentenceCount(in: text)
        let readability = Readability(
            words: range.count, sentences: range.isEmpty ? 0 : max(1, sentences), syllables: syllables,
            polysyllables: polysyllables, characters: characters)

        scalars.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }

        var values = [Double](repeating: .nan, count: ComplexityTable.width)
        func set(_ measure: ComplexityMeasure, _ value: Double?) { values[measure.rawValue] = value ?? .nan }
        set(.characters, Double(scalars.count))
        set(.tokens, Double(range.count))
        set(.sentences, Double(readability.sentences))
        set(.fleschReadingEase, readability.fleschReadingEase)
        set(.fleschKincaidGrade, readability.fleschKincaidGrade)
        set(.smog, readability.smog)
        set(.gunningFog, readability.gunningFog)
        set(.automatedReadabilityIndex, readability.automatedReadabilityIndex)
        set(.colemanLiau, readability.colemanLiau)
        set(.wordRepetition, wordRepetition(row: row, stream: stream))
        set(.characterRepetition, characterRepetition())
        set(
            .rareWordRatio,
            rareWordRatio(range: range, stream: stream, counts: referenceCounts, leaveOneOut: leaveOneOut))
        set(.classifierLoss, classifierLoss)
        return values
    }

    /// Data-Juicer's word repetition ratio of the row's tokens.
    private mutating func wordRepetition(row: Int, stream: TokenStream) -> Double {
        hashes.removeAll(keepingCapacity: true)
        stream.forEachNGram(order: Complexity.repetitionOrder, of: row) { hashes.append($0) }
        return RepetitionRatio.word(&hashes)
    }

    /// Data-Juicer's character repetition ratio of the row's scalars (in `scalars`).
    private mutating func characterRepetition() -> Double {
        hashes.removeAll(keepingCapacity: true)
        let order = Complexity.repetitionOrder
        if scalars.count >= order {
            scalars.withUnsafeBufferPointer { scalars in
                for start in 0...(scalars.count - order) {
                    var hash = StableHash.fnvOffset
                    for k in start..<(start + order) { hash = (hash ^ UInt64(scalars[k])) &* StableHash.fnvPrime }
                    hashes.append(hash)
                }
            }
        }
        return RepetitionRatio.character(&hashes, repeated: &repeated)
    }

    /// The share of the row's tokens whose word the reference holds fewer than
    /// `Complexity.rareWordMinimumCount` times, the row's own tokens taken out when `leaveOneOut`.
    private mutating func rareWordRatio(
        range: Range<Int>, stream: TokenStream, counts: [Int32], leaveOneOut: Bool
    ) -> Double? {
        guard !range.isEmpty else { return nil }
        let minimum = Int32(Complexity.rareWordMinimumCount)
        var rare = 0
        if leaveOneOut {
            rowWords.removeAll(keepingCapacity: true)
            rowWords.append(contentsOf: stream.words[range])
            rowWords.sort()
            var start = 0
            while start < rowWords.count {
                var end = start + 1
                while end < rowWords.count, rowWords[end] == rowWords[start] { end += 1 }
                if counts[Int(rowWords[start])] - Int32(end - start) < minimum { rare += end - start }
                start = end
            }
        } else {
            for position in range where counts[Int(stream.words[position])] < minimum { rare += 1 }
        }
        return Double(rare) / Double(range.count)
    }
}

/// Data-Juicer's repetition ratios on the hashes of a text's n-grams.
enum RepetitionRatio {
    /// `word_repetition_filter`: Σ counts of the n-grams occurring more than once / Σ counts of all
    /// n-grams; 0 without n-grams. Sorts `hashes`.
    ///
    /// - Complexity: O(n log n).
    static func word(_ hashes: inout [UInt64]) -> Double {
        guard !hashes.isEmpty else { return 0 }
        hashes.sort()
        var repeated = 0
        forEachRun(hashes) { count in if count > 1 { repeated += count } }
        return Double(repeated) / Double(hashes.count)
    }

    /// `character_repetition_filter`: with D distinct n-grams, the counts of the ⌊√D⌋ most frequent
    /// n-grams — taking only n-grams that occur more than once — summed, over the count of all
    /// n-grams; 0 without n-grams. Sorts `hashes`; `repeated` is scratch.
    ///
    /// - Complexity: O(n log n).
    static func character(_ hashes: inout [UInt64], repeated: inout [Int]) -> Double {
        guard !hashes.isEmpty else { return 0 }
        hashes.sort()
        repeated.removeAll(keepingCapacity: true)
        var distinct = 0
        forEachRun(hashes) { count in
            distinct += 1
            if count > 1 { repeated.append(count) }
        }
        let top = min(Int(Double(distinct).squareRoot()), repeated.count)
        guard top > 0 else { return 0 }
        repeated.sort(by: >)
        return Double(repeated[..<top].reduce(0, +)) / Double(hashes.count)
    }

    /// Calls `body` with the length of each run of equal values of `sorted`.
    private static func forEachRun(_ sorted: [UInt64], _ body: (Int) -> Void) {
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end] == sorted[start] { end += 1 }
            body(end - start)
            start = end
        }
    }
}

// MARK: The descriptors

/// A per-text descriptor of the complexity pack, in report order.
enum ComplexityMeasure: Int, CaseIterable, Sendable {
    case characters
    case tokens
    case sentences
    case fleschReadingEase
    case fleschKincaidGrade
    case smog
    case gunningFog
    case automatedReadabilityIndex
    case colemanLiau
    case wordRepetition
    case characterRepetition
    case rareWordRatio
    case classifierLoss

    /// Whether the values are whole numbers.
    var isCount: Bool { self == .characters || self == .tokens || self == .sentences }

    var descriptor: MetricDescriptor {
        let (name, title, formula, source, caveat) = catalogEntry
        let better: Direction = self == .wordRepetition || self == .characterRepetition ? .lower : .neither
        return MetricDescriptor(
            id: "complexity.\(name)", family: "complexity", title: title, better: better, formula: formula,
            source: source, interval: .bootstrap, caveat: caveat)
    }

    var ksDescriptor: MetricDescriptor {
        let (name, title, _, _, _) = catalogEntry
        return MetricDescriptor(
            id: "complexity.\(name)_ks", family: "complexity", title: "\(title): KS distance", better: .lower,
            formula:
                "two-sample Kolmogorov–Smirnov statistic sup_x |F_o(x) − F_s(x)| between the two sides' per-text values on the matched rows; 0 for identical distributions, 1 for disjoint ones",
            source: "Kolmogorov 1933; Smirnov 1948 (the statistic of scipy.stats.ks_2samp)", interval: nil)
    }

    var wassersteinDescriptor: MetricDescriptor {
        let (name, title, _, _, _) = catalogEntry
        return MetricDescriptor(
            id: "complexity.\(name)_wasserstein", family: "complexity", title: "\(title): Wasserstein distance",
            better: .lower,
            formula:
                "1-D Wasserstein-1 distance ∫ |F_o(x) − F_s(x)| dx between the two sides' per-text values on the matched rows, in the descriptor's units",
            source: "Vaserstein 1969; scipy.stats.wasserstein_distance", interval: nil)
    }

    /// Why the side's mean is undefined.
    func undefined(_ table: ComplexityTable) -> String {
        switch self {
        case .classifierLoss:
            return table.hasClassifierLoss
                ? "no row has a label"
                : "no class probabilities for this side (labels of two or more classes and embeddings, or --pred-probs)"
        case .characters, .tokens, .sentences, .wordRepetition, .characterRepetition: return "no rows"
        default: return "no row has a word"
        }
    }

    private static let readabilityCaveat =
        "fitted on running prose; on one-sentence texts it extrapolates, and syllables come from a rule-based heuristic (98% agreement with the CMU dictionary on familiar words)"
    private static let readabilityTerms =
        "ASL = words / sentence, ASW = syllables / word (WordTokenizer words, rule-based syllables); per text, mean over rows with words"

    private var catalogEntry: (name: String, title: String, formula: String, source: String, caveat: String?) {
        switch self {
        case .characters:
            return (
                "characters", "Length (characters)",
                "mean over rows of the number of Unicode scalars (code points) of the text",
                "text length (as Data-Juicer's text_length_filter counts it)", nil
            )
        case .tokens:
            return (
                "tokens", "Length (words)",
                "mean over rows of the number of word tokens (WordTokenizer: runs of letters and digits, inner apostrophes kept)",
                "word count", nil
            )
        case .sentences:
            return (
                "sentences", "Sentences per text",
                "mean over rows of the number of sentences: runs of . ! ? … followed by whitespace end one, except after listed abbreviations and initialisms and an ellipsis before a lower-case word; a text without terminal punctuation is one sentence",
                "rule-based splitter (Readability.forEachSentence)", nil
            )
        case .fleschReadingEase:
            return (
                "flesch_reading_ease", "Flesch reading ease",
                "206.835 − 1.015·ASL − 84.6·ASW; \(Self.readabilityTerms)",
                "Flesch 1948", Self.readabilityCaveat
            )
        case .fleschKincaidGrade:
            return (
                "flesch_kincaid_grade", "Flesch–Kincaid grade", "0.39·ASL + 11.8·ASW − 15.59; \(Self.readabilityTerms)",
                "Kincaid, Fishburne, Rogers & Chissom 1975", Self.readabilityCaveat
            )
        case .smog:
            return (
                "smog", "SMOG grade",
                "1.0430·√(polysyllables · 30 / sentences) + 3.1291, polysyllables = words of 3 or more syllables; per text, mean over rows with words",
                "McLaughlin 1969",
                "calibrated on 30-sentence samples: a shorter text is scaled up by 30 / sentences; "
                    + Self.readabilityCaveat
            )
        case .gunningFog:
            return (
                "gunning_fog", "Gunning fog index",
                "0.4·(ASL + 100 · complex words / words), complex = 3 or more syllables (Gunning's exclusions of proper nouns, compounds and -es/-ed/-ing forms not applied); \(Self.readabilityTerms)",
                "Gunning 1952", Self.readabilityCaveat
            )
        case .automatedReadabilityIndex:
            return (
                "ari", "Automated readability index",
                "4.71·(characters / words) + 0.5·ASL − 21.43, characters = letters and digits of the words; \(Self.readabilityTerms)",
                "Senter & Smith 1967", "fitted on running prose; on one-sentence texts it extrapolates"
            )
        case .colemanLiau:
            return (
                "coleman_liau", "Coleman–Liau index",
                "0.0588·L − 0.296·S − 15.8, L = letters and digits per 100 words, S = sentences per 100 words; per text, mean over rows with words",
                "Coleman & Liau 1975", "fitted on running prose; on one-sentence texts it extrapolates"
            )
        case .wordRepetition:
            return (
                "word_repetition", "Word repetition ratio",
                "per text: Σ counts of the word 10-grams occurring more than once / Σ counts of all its word 10-grams (lower-cased WordTokenizer words), 0 under 10 words; mean over rows",
                "Data-Juicer word_repetition_filter (word_rep_ratio, rep_len 10)",
                "Data-Juicer's words are whitespace-split with punctuation stripped, these are the shared tokenizer's (which also splits at inner punctuation); texts under 10 words score 0"
            )
        case .characterRepetition:
            return (
                "character_repetition", "Character repetition ratio",
                "per text: with D distinct character 10-grams (Unicode scalars of the raw text), Σ counts of the ⌊√D⌋ most frequent 10-grams among those occurring more than once / Σ counts of all its 10-grams, 0 under 10 characters; mean over rows",
                "Data-Juicer character_repetition_filter (char_rep_ratio, rep_len 10), after BigScience's text-data-filtering",
                "texts under 10 characters score 0"
            )
        case .rareWordRatio:
            return (
                "rare_word_ratio", "Rare-word ratio",
                "per text: share of its words that the original's rows other than this one hold fewer than 2 times (without an original, the dataset's own other rows); mean over rows with words",
                "vocabulary coverage against the original, leave-one-row-out for original rows",
                "the reference is every original row, so a larger original makes fewer words rare (both sides are measured against the same rows); leaving each original row out of its own reference makes two halves of one dataset score alike, and a synthetic set that copies original rows scores below the original"
            )
        case .classifierLoss:
            return (
                "classifier_loss", "Classifier loss",
                "per labelled row: −ln max(P(given label), 1e-12) under the out-of-sample class probabilities label noise uses (cross-validated built-in classifier, or --pred-probs); mean over rows",
                "model-based difficulty: cross-validated log loss per example",
                "each side's classifier is trained on that side alone, so it compares how hard each set is to learn from itself; with K balanced classes a guess scores ln K"
            )
        }
    }
}
