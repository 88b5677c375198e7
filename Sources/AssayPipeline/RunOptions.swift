import AssayCore
import AssayMetrics

/// Everything that shapes a `compare`, `analyze` or `gate` run apart from its input files: which fields
/// to read, how to embed, the analysis settings, and the user's own files that feed the analysis.
///
/// The commands of `assay` fill one of these from their options; a library user builds it directly.
public struct RunOptions: Sendable {
    /// The text, label and attribute fields of every dataset read.
    public var fields: FieldOptions
    /// The embedder and its cache.
    public var embedding: EmbeddingProvider
    /// Seed, classifier, folds, thresholds and samples of the analyzers.
    public var settings: AnalysisSettings
    /// `--pred-probs` arguments: `[original=|synthetic=]FILE` of the user's own class probabilities.
    public var predictedProbabilities: [String]
    /// A YAML or JSON file of group → terms for the bias audit; nil for the built-in gendered terms.
    public var groupsFile: String?
    /// Progress of the long steps.
    public var progress: any ProgressReporter

    public init(
        fields: FieldOptions = FieldOptions(), embedding: EmbeddingProvider = EmbeddingProvider(),
        settings: AnalysisSettings = AnalysisSettings(), predictedProbabilities: [String] = [],
        groupsFile: String? = nil, progress: any ProgressReporter = SilentProgress()
    ) {
        self.fields = fields
        self.embedding = embedding
        self.settings = settings
        self.predictedProbabilities = predictedProbabilities
        self.groupsFile = groupsFile
        self.progress = progress
    }
}
