import AssayCore
import AssayLinalg
import AssayReport

/// Settings every analyzer shares.
public struct AnalysisSettings: Sendable, Equatable {
    /// The seed of every random choice in the run.
    public var seed: UInt64
    /// Hypotheses sampled for self-BLEU, which is O(N²) in the number of rows scored.
    public var selfBleuHypotheses: Int
    /// Bootstrap resamples for intervals of per-document averages.
    public var bootstrapResamples: Int
    /// Size-matched subsamples for intervals of corpus-level (type-count) metrics.
    public var subsampleRepeats: Int
    /// The built-in classifier behind label noise (utility always uses logistic regression).
    public var classifier: ClassifierKind
    /// Folds of the stratified cross-validation that gives out-of-sample probabilities.
    public var folds: Int
    /// Neighbours in the shared within-set lists (k-NN classifier, near duplicates).
    public var neighborCount: Int
    /// The logistic regression's options (inverse regularisation C, iterations, tolerance).
    public var logistic: LogisticRegression.Options
    /// The text field duplicates and leakage look at; nil for the whole (joined) text.
    public var duplicatesField: String?
    /// Near duplicates by MinHash: the Jaccard of character 5-gram sets at or above which two texts are near.
    public var nearJaccard: Double
    /// Near duplicates by embeddings: the cosine at or above which two texts are near.
    public var nearCosine: Double
    /// Rows per side at most that the embedding fidelity measures use (a seeded subsample beyond).
    public var fidelitySample: Int
    /// The groups whose association with the labels the bias audit measures.
    public var groups: GroupLexicon
    /// Rows per side at most that are embedded: a larger side's semantic and embedding-based measures run
    /// on a seeded sample of this many rows (`Comparison`); nil embeds every row.
    public var semanticSample: Int?

    /// C = 0.001 on standardised embeddings: on AG News and UCI sentiment with 10% injected label noise
    /// it finds the flipped rows as well as scikit-learn's default (C = 1 on the raw unit-length
    /// embeddings, cleanlab's text tutorial) and better than weaker penalties, which overfit.
    public static let defaultLogistic = LogisticRegression.Options(inverseRegularization: 0.001)

    public init(
        seed: UInt64 = 13, selfBleuHypotheses: Int = 1000, bootstrapResamples: Int = 200, subsampleRepeats: Int = 50,
        classifier: ClassifierKind = .ensemble, folds: Int = 5, neighborCount: Int = 20,
        logistic: LogisticRegression.Options = AnalysisSettings.defaultLogistic, duplicatesField: String? = nil,
        nearJaccard: Double = 0.8, nearCosine: Double = 0.95, fidelitySample: Int = 5000,
        groups: GroupLexicon = .gendered, semanticSample: Int? = 20_000
    ) {
        self.seed = seed
        self.selfBleuHypotheses = selfBleuHypotheses
        self.bootstrapResamples = bootstrapResamples
        self.subsampleRepeats = subsampleRepeats
        self.classifier = classifier
        self.folds = folds
        self.neighborCount = neighborCount
        self.logistic = logistic
        self.duplicatesField = duplicatesField
        self.nearJaccard = nearJaccard
        self.nearCosine = nearCosine
        self.fidelitySample = fidelitySample
        self.groups = groups
        self.semanticSample = semanticSample
    }
}

extension AnalysisSettings {
    /// Records the built-in classifier and its folds in the report's settings, for the analyzers whose
    /// results depend on them (label noise, utility).
    var classifierSettings: @Sendable (inout Settings) -> Void {
        let (classifier, folds) = (classifier.rawValue, folds)
        return { settings in
            settings.classifier = classifier
            settings.folds = folds
        }
    }
}

/// The data of one run and the artifacts analyzers share, computed once.
///
/// Corpus-level metrics fall as N grows, so the context fixes, once, the rows each side
/// contributes to a comparison: the larger side is subsampled (seeded, without replacement) to the
/// size of the smaller, overall and per class, and the report discloses it.
public struct AnalysisContext: Sendable {
    public let original: Corpus?
    public let synthetic: Corpus?
    public let settings: AnalysisSettings
    /// The rows of each side used for comparisons, at equal size when both sides are present.
    public let matchedRows: [Side: [Int]]
    /// How the sides were matched; nil for a single dataset.
    public let sizeMatching: SizeMatching?
    /// Each side's sentence embeddings (one L2-normalised row per corpus row), when an embedder ran.
    public let embeddings: [Side: Matrix]
    /// The embedder that made `embeddings` (`all-MiniLM-L6-v2`, `hashing-512` …), for the report.
    public let embedderName: String?
    /// Class probabilities the user supplied (`--pred-probs`), by side; they replace the built-in
    /// classifier's for label noise.
    public let suppliedProbabilities: [Side: ClassProbabilities]
    /// Where the long steps (neighbour search, cross-validation, k-means …) report how far they have got;
    /// silent unless the caller passes a reporter that shows it.
    public let progress: any ProgressReporter
    /// Artifacts computed on first use and shared by every analyzer, with how often each was computed.
    public let artifacts = ArtifactStore()

    /// A comparison of two datasets, or the analysis of one (pass nil for the absent side).
    ///
    /// - Parameters:
    ///   - embeddings: each present side's embeddings, row for row; empty when no embedder ran.
    ///   - progress: where the long steps report their progress.
    public init(
        original: Corpus?, synthetic: Corpus?, settings: AnalysisSettings = AnalysisSettings(),
        embeddings: [Side: Matrix] = [:], embedderName: String? = nil,
        suppliedProbabilities: [Side: ClassProbabilities] = [:], progress: any ProgressReporter = SilentProgress()
    ) {
        precondition(original != nil || synthetic != nil, "an analysis needs at least one dataset")
        precondition(
            embeddings.allSatisfy { side, matrix in
                matrix.rows == (side == .original ? original?.count : synthetic?.count)
            }, "one embedding per row")
        self.original = original
        self.synthetic = synthetic
        self.settings = settings
        self.embeddings = embeddings
        self.embedderName = embedderName
        self.suppliedProbabilities = suppliedProbabilities
        self.progress = progress
        if let original, let synthetic {
            let (o, s) = AnalysisContext.match(
                original: Array(0..<original.count), synthetic: Array(0..<synthetic.count), seed: settings.seed,
                stream: "size-match")
            matchedRows = [.original: o, .synthetic: s]
            let rows = min(original.count, synthetic.count)
            let subsampled: Side? =
                original.count > rows ? .original : synthetic.count > rows ? .synthetic : nil
            sizeMatching = SizeMatching(
                rows: rows, subsampledSide: subsampled, originalRows: original.count,
                syntheticRows: synthetic.count)
        } else {
            var rows: [Side: [Int]] = [:]
            if let original { rows[.original] = Array(0..<original.count) }
            if let synthetic { rows[.synthetic] = Array(0..<synthetic.count) }
            matchedRows = rows
            sizeMatching = nil
        }
    }

    /// The sides present, original first.
    public var sides: [Side] {
        Side.allCases.filter { corpus($0) != nil }
    }

    /// The corpus of `side`, if present.
    public func corpus(_ side: Side) -> Corpus? {
        side == .original ? original : synthetic
    }

    /// Whether two sides are compared (rather than one dataset analysed).
    public var isComparison: Bool { original != nil && synthetic != nil }

    /// The labels present on any side, sorted.
    public var labelNames: [String] {
        Set(sides.flatMap { corpus($0)?.labelNames ?? [] }).sorted()
    }

    /// The rows of class `label` on each side; where both sides have it, the larger is
    /// subsampled to the size of the smaller (seeded per class).
    ///
    /// - Complexity: O(rows of the class) once each side's rows by label are known (O(N), once per run).
    public func classRows(_ label: String) -> [Side: [Int]] {
        var rows: [Side: [Int]] = [:]
        for side in sides {
            guard let labelRows = rowsByLabel(side)[label] else { continue }
            rows[side] = labelRows
        }
        if let o = rows[.original], let s = rows[.synthetic] {
            let (mo, ms) = AnalysisContext.match(
                original: o, synthetic: s, seed: settings.seed, stream: "size-match/class/\(label)")
            rows = [.original: mo, .synthetic: ms]
        }
        return rows
    }

    /// The rows of each label of `side`, by label name; computed once per run (an analyzer asks once per class).
    ///
    /// - Complexity: O(N + K) the first time, O(1) after.
    func rowsByLabel(_ side: Side) -> [String: [Int]] {
        artifacts.value(ArtifactKey("rows-by-label", ["side": .side(side)])) { () -> [String: [Int]] in
            guard let corpus = corpus(side) else { return [:] }
            return Dictionary(uniqueKeysWithValues: zip(corpus.labelNames, corpus.rowsByLabel))
        }
    }

    /// Subsamples the larger of two row lists to the size of the smaller.
    static func match(original: [Int], synthetic: [Int], seed: UInt64, stream: String) -> ([Int], [Int]) {
        var random = SeededRandom(seed: seed, stream: stream)
        let size = min(original.count, synthetic.count)
        func shrink(_ rows: [Int]) -> [Int] {
            rows.count == size
                ? rows : Sampling.withoutReplacement(size, from: rows.count, using: &random).map { rows[$0] }
        }
        return (shrink(original), shrink(synthetic))
    }
}
