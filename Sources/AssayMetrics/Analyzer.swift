import AssayCore
import AssayReport

/// A capability that measures one family of qualities (diversity, label noise, bias …).
///
/// An analyzer reads the corpora and the shared artifacts of an `AnalysisContext` and returns
/// metric results and evidence; it writes no files and never recomputes what the context has.
public protocol Analyzer: Sendable {
    /// The metrics this analyzer reports, for the catalog.
    var descriptors: [MetricDescriptor] { get }

    /// Measures `context`'s data.
    func analyze(_ context: AnalysisContext) throws -> AnalyzerOutput
}

/// What an analyzer found, and the parts of the report it contributes beside its metrics.
public struct AnalyzerOutput: Sendable {
    public var metrics: [MetricResult]
    public var findings: [Finding]
    public var skipped: [SkippedMetric]
    /// A 2-D view of the embeddings, from the analyzer that has them.
    public var projection: Projection?
    /// Confident-learning estimates and label-set problems, from the label-noise analyzer.
    public var labelQuality: LabelQuality?
    /// Sentences for the report's notes.
    public var warnings: [String] = []
    /// Per-text descriptors as histograms of both sides, for the report's charts.
    public var distributions: [Distribution] = []
    /// The bias audit's tables, from the bias analyzer.
    public var bias: BiasSummary?
    /// The turns of chat and instruction examples, from the shape analyzer.
    public var shape: ShapeSummary?
    /// The report settings this analyzer's results depend on (its classifier and folds, thresholds, a
    /// sample cap), each applied to the report's settings in analyzer order.
    public var settings: [@Sendable (inout Settings) -> Void] = []

    public init(
        metrics: [MetricResult] = [], findings: [Finding] = [], skipped: [SkippedMetric] = [],
        projection: Projection? = nil, labelQuality: LabelQuality? = nil
    ) {
        self.metrics = metrics
        self.findings = findings
        self.skipped = skipped
        self.projection = projection
        self.labelQuality = labelQuality
    }
}
