import AssayCore

/// The analysis of one run: the single source every writer and the gate read.
///
/// Encoded as `report.json` (snake_case keys, `schema_version` 2; `reports/report.schema.json`).
/// Per-side metrics carry `original` and `synthetic`; metrics about the pair carry `value`.
public struct Report: Codable, Sendable, Equatable {
    public static let schemaVersion = 2

    public var schemaVersion: Int = Report.schemaVersion
    public var tool: ToolInfo
    /// ISO 8601, UTC; the only field that differs between two runs on the same inputs and seed.
    public var createdAt: String
    /// The command that made the report: `compare` or `analyze`.
    public var command: String
    public var inputs: Inputs
    public var settings: Settings
    public var metrics: [MetricResult]
    /// Metrics or breakdowns that could not be computed, with the reason.
    public var skipped: [SkippedMetric]
    public var findings: [Finding]
    public var gates: [GateResult]
    /// Both sets' embeddings projected on their first two principal components, when embeddings exist.
    public var projection: Projection?
    /// Confident-learning estimates, label faithfulness and label-set problems, when labels were analysed.
    public var labelQuality: LabelQuality?
    /// Per-text descriptors of both sides as histograms (complexity), when measured.
    public var distributions: [Distribution]?
    /// Regions, attributes and group–label associations of both sides (the bias audit).
    public var bias: BiasSummary?
    /// How chat or instruction examples were split into parts, and what their turns looked like.
    public var shape: ShapeSummary?
    /// How many rows the embedder's input limit cut, per side, when the MiniLM embedder ran.
    public var embedding: EmbeddingSummary?
    /// The verdict card of each family, in report order (`judge(catalog:)`); nil for one dataset alone.
    public var families: [FamilyVerdict]?
    /// What is wrong with the synthetic set, most important first, each with its rows and an action
    /// (`judge(catalog:)`); nil for one dataset alone.
    public var problems: [Problem]?
    public var warnings: [String]
    /// `pass`, `warn` or `fail` once a gate has run; `not_gated` otherwise.
    public var status: RunStatus

    public init(
        tool: ToolInfo, createdAt: String, command: String, inputs: Inputs, settings: Settings,
        metrics: [MetricResult], skipped: [SkippedMetric] = [], findings: [Finding] = [], gates: [GateResult] = [],
        warnings: [String] = [], status: RunStatus = .notGated
    ) {
        self.tool = tool
        self.createdAt = createdAt
        self.command = command
        self.inputs = inputs
        self.settings = settings
        self.metrics = metrics
        self.skipped = skipped
        self.findings = findings
        self.gates = gates
        self.warnings = warnings
        self.status = status
    }

    /// The metric with `id` on the judged part (every metric of plain texts), if the report has it.
    public func metric(_ id: MetricID) -> MetricResult? {
        metrics.first { $0.id == id && isJudged($0.part) }
    }

    /// The metric with `id` measured on `part` (nil: the judged part), if the report has it.
    public func metric(_ id: MetricID, part: TextPart?) -> MetricResult? {
        guard let part else { return metric(id) }
        return metrics.first { $0.id == id && $0.part == part }
    }

    /// The metrics of the judged part and of the examples as a whole: what the families' sections,
    /// verdicts and tables show. The other part's metrics have their own section.
    public var judgedMetrics: [MetricResult] { metrics.filter { isJudged($0.part) } }

    /// The findings about the judged part's texts.
    public var judgedFindings: [Finding] { findings.filter { isJudged($0.part) } }

    /// Adds the metrics, findings, skipped metrics and warnings of `other`, a run on the other part of
    /// the same examples, marked as `part`.
    public mutating func add(_ other: Report, as part: TextPart) {
        metrics += other.metrics.map { metric in
            var metric = metric
            metric.part = part
            return metric
        }
        findings += other.findings.map { finding in
            var finding = finding
            finding.part = part
            return finding
        }
        skipped += other.skipped.map { skipped in
            var skipped = skipped
            skipped.part = part
            return skipped
        }
        warnings += other.warnings.filter { !warnings.contains($0) }.map { "\(part.rawValue)s: \($0)" }
    }

    /// The id that names `metric` in tables, the run history and gates: qualified by its part
    /// (`diversity.distinct_2@prompt`) when that is not the judged part.
    public func qualifiedID(of metric: MetricResult) -> MetricID {
        metric.id.qualified(by: isJudged(metric.part) ? nil : metric.part)
    }

    /// Whether a metric or finding of `part` belongs with the judged part.
    private func isJudged(_ part: TextPart?) -> Bool { part == nil || part == shape?.judgedPart }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case tool
        case createdAt = "created_at"
        case command, inputs, settings, metrics, skipped, findings, gates, projection
        case labelQuality = "label_quality"
        case distributions, bias, shape, embedding, families, problems, warnings, status
    }
}

public struct ToolInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String

    public init(name: String = "assay", version: String) {
        self.name = name
        self.version = version
    }
}

/// The datasets a report describes; `analyze` fills one side.
public struct Inputs: Codable, Sendable, Equatable {
    public var original: DatasetSummary?
    public var synthetic: DatasetSummary?

    public init(original: DatasetSummary? = nil, synthetic: DatasetSummary? = nil) {
        self.original = original
        self.synthetic = synthetic
    }
}

/// One input file: where it is, what it holds, and its fingerprint.
public struct DatasetSummary: Codable, Sendable, Equatable {
    public var path: String
    public var format: String
    public var rows: Int
    public var bytes: Int
    public var sha256: String
    public var textFields: [String]
    /// The label field, absent for unlabelled data.
    public var labelField: String?
    /// Rows per label, absent for unlabelled data.
    public var labels: [String: Int]?
    public var attributeFields: [String]
    /// Rows whose text has no word tokens (empty or only punctuation).
    public var emptyTexts: Int
    /// The files of a dataset read from a folder or glob pattern, in the order they were read; absent
    /// for a single file. `sha256` is then the SHA-256 of the shards' digests (each lowercase hex and a
    /// newline, in order) and `bytes` their total.
    public var shards: [ShardSummary]?

    public init(
        path: String, format: String, rows: Int, bytes: Int, sha256: String, textFields: [String],
        labelField: String?, labels: [String: Int]?, attributeFields: [String], emptyTexts: Int,
        shards: [ShardSummary]? = nil
    ) {
        self.path = path
        self.format = format
        self.rows = rows
        self.bytes = bytes
        self.sha256 = sha256
        self.textFields = textFields
        self.labelField = labelField
        self.labels = labels
        self.attributeFields = attributeFields
        self.emptyTexts = emptyTexts
        self.shards = shards
    }

    enum CodingKeys: String, CodingKey {
        case path, format, rows, bytes, sha256
        case textFields = "text_fields"
        case labelField = "label_field"
        case labels
        case attributeFields = "attribute_fields"
        case emptyTexts = "empty_texts"
        case shards
    }
}

/// One file of a dataset read from shards.
public struct ShardSummary: Codable, Sendable, Equatable {
    /// The file: the folder joined with its name, or the path as the pattern matched it.
    public var path: String
    /// Rows read from it.
    public var rows: Int
    /// Its size as stored.
    public var bytes: Int
    /// SHA-256 of its bytes as stored, lowercase hex.
    public var sha256: String

    public init(path: String, rows: Int, bytes: Int, sha256: String) {
        self.path = path
        self.rows = rows
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// How the run was configured, including every random choice it disclosed.
public struct Settings: Codable, Sendable, Equatable {
    /// The embedder, once semantic metrics exist; null while only lexical metrics run.
    public var embedder: String?
    public var seed: UInt64
    /// A user-requested row sample per side, if any.
    public var sample: Int?
    /// How the two sides were brought to equal size for corpus-level metrics.
    public var sizeMatching: SizeMatching?
    /// Hypotheses sampled for self-BLEU.
    public var selfBleuHypotheses: Int
    /// Resamples for bootstrap intervals of per-document averages.
    public var bootstrapResamples: Int
    /// Size-matched subsamples for intervals of corpus-level (type-count) metrics.
    public var subsampleRepeats: Int
    /// Confidence level of every interval.
    public var confidenceLevel: Double
    /// The classifier behind label noise (`logistic` or `knn`), and the folds of its cross-validation.
    public var classifier: String?
    public var folds: Int?
    /// How duplicates were found: the field looked at (null: the whole text) and the near thresholds.
    public var duplicates: DuplicateSettings?
    /// Rows per side the embedding fidelity measures use at most.
    public var fidelitySample: Int?
    /// The rows embedded when a side was larger than the embedding budget; nil when every row was.
    public var semanticSample: SemanticSample?
    /// The sample every measure ran on, for a report of sharded states (`assay report`); nil otherwise.
    public var sharded: ShardedSample?

    public init(
        embedder: String? = nil, seed: UInt64, sample: Int? = nil, sizeMatching: SizeMatching?,
        selfBleuHypotheses: Int, bootstrapResamples: Int, subsampleRepeats: Int, confidenceLevel: Double = 0.95
    ) {
        self.embedder = embedder
        self.seed = seed
        self.sample = sample
        self.sizeMatching = sizeMatching
        self.selfBleuHypotheses = selfBleuHypotheses
        self.bootstrapResamples = bootstrapResamples
        self.subsampleRepeats = subsampleRepeats
        self.confidenceLevel = confidenceLevel
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(embedder, forKey: .embedder)
        try container.encode(seed, forKey: .seed)
        try container.encode(sample, forKey: .sample)
        try container.encode(sizeMatching, forKey: .sizeMatching)
        try container.encode(selfBleuHypotheses, forKey: .selfBleuHypotheses)
        try container.encode(bootstrapResamples, forKey: .bootstrapResamples)
        try container.encode(subsampleRepeats, forKey: .subsampleRepeats)
        try container.encode(confidenceLevel, forKey: .confidenceLevel)
        try container.encodeIfPresent(classifier, forKey: .classifier)
        try container.encodeIfPresent(folds, forKey: .folds)
        try container.encodeIfPresent(duplicates, forKey: .duplicates)
        try container.encodeIfPresent(fidelitySample, forKey: .fidelitySample)
        try container.encodeIfPresent(semanticSample, forKey: .semanticSample)
        try container.encodeIfPresent(sharded, forKey: .sharded)
    }

    enum CodingKeys: String, CodingKey {
        case embedder, seed, sample
        case sizeMatching = "size_matching"
        case selfBleuHypotheses = "self_bleu_hypotheses"
        case bootstrapResamples = "bootstrap_resamples"
        case subsampleRepeats = "subsample_repeats"
        case confidenceLevel = "confidence_level"
        case classifier, folds, duplicates
        case fidelitySample = "fidelity_sample"
        case semanticSample = "semantic_sample"
        case sharded
    }
}

/// The sample of a report of sharded states (`assay shard`, `assay merge`, `assay report`): every measure
/// but those of `everyRow` ran on the bottom-k sample of each side's rows by a hash of the seed and each row's
/// file and number; those, and the inputs' counts (rows, labels, empty texts), are of every row.
public struct ShardedSample: Codable, Sendable, Equatable {
    /// Rows per side at most (`assay shard --sample`).
    public var limit: Int
    /// Each present side's rows sampled, of its rows.
    public var original: SemanticSample.Basis?
    public var synthetic: SemanticSample.Basis?
    public var method: String
    /// The metrics measured over every row from the states' exact keys (ids qualified by part as in gates).
    public var everyRow: [String]

    public init(
        limit: Int, original: SemanticSample.Basis?, synthetic: SemanticSample.Basis?, everyRow: [String] = []
    ) {
        self.limit = limit
        self.original = original
        self.synthetic = synthetic
        self.method =
            "bottom-k: the rows with the smallest SHA-256 of (seed, file SHA-256, row number), merged exactly across shards"
        self.everyRow = everyRow
    }

    enum CodingKeys: String, CodingKey {
        case limit, original, synthetic, method
        case everyRow = "every_row"
    }
}

/// The embedding budget of a run whose side exceeded it: the semantic and embedding-based measures (semantic
/// diversity, fidelity, label noise, utility, the classifier-loss descriptor, per-value APS and label issue
/// rates) ran on a seeded uniform sample of at most `limit` rows a side; every other measure on every row.
public struct SemanticSample: Codable, Sendable, Equatable {
    /// Rows per side at most (`--semantic-sample`).
    public var limit: Int
    /// Each present side's rows embedded, of its rows.
    public var original: Basis?
    public var synthetic: Basis?
    public var method: String

    /// Rows used of rows present.
    public struct Basis: Codable, Sendable, Equatable {
        public var rows: Int
        public var of: Int

        public init(rows: Int, of: Int) {
            self.rows = rows
            self.of = of
        }
    }

    public init(limit: Int, original: Basis?, synthetic: Basis?) {
        self.limit = limit
        self.original = original
        self.synthetic = synthetic
        self.method = "seeded uniform sample without replacement of each side larger than the limit"
    }

    /// `sample of 20,000 of 50,000 rows` for one side, `sample of 20,000 of 50,000 original and 20,000 of
    /// 64,000 synthetic rows` for two; what each card measured on the sample states.
    public var basis: String {
        let grouped = TerminalProgress.grouped
        switch (original, synthetic) {
        case (let o?, let s?) where o == s: return "sample of \(grouped(o.rows)) of \(grouped(o.of)) rows a side"
        case (let o?, let s?):
            return
                "sample of \(grouped(o.rows)) of \(grouped(o.of)) original and \(grouped(s.rows)) of \(grouped(s.of)) synthetic rows"
        case (let one?, nil), (nil, let one?): return "sample of \(grouped(one.rows)) of \(grouped(one.of)) rows"
        case (nil, nil): return "every row"
        }
    }
}

/// The settings of the duplicates and leakage analysis.
public struct DuplicateSettings: Codable, Sendable, Equatable {
    /// The text field looked at; null for the whole text.
    public var field: String?
    /// Jaccard of character 5-gram sets at or above which two texts are near duplicates.
    public var nearJaccard: Double
    /// Embedding cosine at or above which two texts are near duplicates.
    public var nearCosine: Double

    public init(field: String?, nearJaccard: Double, nearCosine: Double) {
        self.field = field
        self.nearJaccard = nearJaccard
        self.nearCosine = nearCosine
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(field, forKey: .field)
        try container.encode(nearJaccard, forKey: .nearJaccard)
        try container.encode(nearCosine, forKey: .nearCosine)
    }

    enum CodingKeys: String, CodingKey {
        case field
        case nearJaccard = "near_jaccard"
        case nearCosine = "near_cosine"
    }
}

/// Corpus-level lexical metrics fall as N grows, so the two sides are compared at equal N.
public struct SizeMatching: Codable, Sendable, Equatable {
    /// The rows each side contributes.
    public var rows: Int
    /// The side that was subsampled (`original` or `synthetic`), or null when both had `rows`.
    public var subsampledSide: Side?
    public var originalRows: Int
    public var syntheticRows: Int
    public var method: String

    public init(rows: Int, subsampledSide: Side?, originalRows: Int, syntheticRows: Int) {
        self.rows = rows
        self.subsampledSide = subsampledSide
        self.originalRows = originalRows
        self.syntheticRows = syntheticRows
        self.method = "seeded uniform sample without replacement of the larger side"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(subsampledSide, forKey: .subsampledSide)
        try container.encode(originalRows, forKey: .originalRows)
        try container.encode(syntheticRows, forKey: .syntheticRows)
        try container.encode(method, forKey: .method)
    }

    enum CodingKeys: String, CodingKey {
        case rows
        case subsampledSide = "subsampled_side"
        case originalRows = "original_rows"
        case syntheticRows = "synthetic_rows"
        case method
    }
}

/// Something the run could not compute, and why.
public struct SkippedMetric: Codable, Sendable, Equatable {
    public var id: String
    public var reason: String
    /// The part of chat or instruction examples it was skipped for, if any.
    public var part: TextPart?

    public init(id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}

/// A piece of evidence about one row: a label issue, a duplicate, a leaked pair …
public struct Finding: Codable, Sendable, Equatable {
    public var kind: FindingKind
    public var side: Side
    /// The row as `Corpus.rowNumbers` gives it (JSONL line, CSV/TSV record; for shards, in their
    /// concatenation).
    public var row: Int?
    /// `FILE:LINE` of the row in its shard, for a dataset read from shards; nil otherwise.
    public var location: String?
    public var text: String?
    public var detail: String?
    public var score: Double?
    /// The row's label as given (label findings).
    public var given: String?
    /// The label the evidence points to (label findings).
    public var suggested: String?
    /// The other rows of the evidence: the rest of a duplicate group, the original row a synthetic row
    /// copies.
    public var related: [RelatedRow]?
    /// How many related rows there are in all, when `related` lists only the first of them.
    public var relatedCount: Int?
    /// Every row of a duplicate group, ascending, the finding's `row` first: complete where `related`
    /// lists only the first of them. Deduplication keeps the first and drops the rest (`assay clean`).
    public var groupRows: [Int]?
    /// The part of chat or instruction examples whose text the evidence is about.
    public var part: TextPart?
    /// The metric whose rate the row counts in, when the kind is evidence for several (`language_drift`).
    public var metric: MetricID?

    public init(
        kind: FindingKind, side: Side, row: Int? = nil, location: String? = nil, text: String? = nil,
        detail: String? = nil, score: Double? = nil,
        given: String? = nil, suggested: String? = nil, related: [RelatedRow]? = nil, relatedCount: Int? = nil,
        groupRows: [Int]? = nil
    ) {
        self.kind = kind
        self.side = side
        self.row = row
        self.location = location
        self.text = text
        self.detail = detail
        self.score = score
        self.given = given
        self.suggested = suggested
        self.related = related
        self.relatedCount = relatedCount
        self.groupRows = groupRows
    }

    enum CodingKeys: String, CodingKey {
        case kind, side, row, location, text, detail, score, given, suggested, related
        case relatedCount = "related_count"
        case groupRows = "group_rows"
        case part, metric
    }

    /// Where the row is, for a table cell: `location` when there is one, else the row number.
    public var place: String? { location ?? row.map(String.init) }

    /// Where the row is, for prose: `location` when there is one, else `row N`.
    public var citation: String? { location ?? row.map { "row \($0)" } }
}

/// A row that a finding points to besides its own.
public struct RelatedRow: Codable, Sendable, Equatable {
    public var side: Side
    /// The row as `Corpus.rowNumbers` gives it.
    public var row: Int
    /// `FILE:LINE` of the row in its shard, for a dataset read from shards; nil otherwise.
    public var location: String?
    public var text: String
    /// How similar it is to the finding's row (Jaccard or cosine, as the finding's detail says).
    public var score: Double?

    public init(side: Side, row: Int, location: String? = nil, text: String, score: Double? = nil) {
        self.side = side
        self.row = row
        self.location = location
        self.text = text
        self.score = score
    }

    /// Where the row is, for display: `location` when there is one, else the row number.
    public var place: String { location ?? String(row) }
}

/// The outcome of one gate rule on one scope (filled by `assay gate`): the whole data, or one class
/// for a rule with scope `each_class`.
public struct GateResult: Codable, Sendable, Equatable {
    /// The rule's position in the policy, from 0.
    public var rule: Int
    public var metric: MetricID
    /// `original`, `synthetic` or `pair`.
    public var side: MetricSide
    /// `overall` or `each_class`.
    public var scope: String
    /// The class, for a result of an `each_class` rule.
    public var label: String?
    /// The rule's bounds in words, e.g. "synthetic ≥ 0.3; synthetic / original ≥ 0.7".
    public var condition: String
    /// `pass`, `warn` (a warn rule broken), `fail` (an error rule broken), `error` (the metric could
    /// not be computed) or `skipped` (nothing to compare with, e.g. no baseline run yet).
    public var status: GateStatus
    /// `error` or `warn`.
    public var severity: Severity
    /// The value the rule checked.
    public var value: Double?
    /// What was checked, or why it could not be.
    public var message: String

    public init(
        rule: Int, metric: MetricID, side: MetricSide, scope: String, label: String? = nil, condition: String,
        status: GateStatus, severity: Severity, value: Double?, message: String
    ) {
        self.rule = rule
        self.metric = metric
        self.side = side
        self.scope = scope
        self.label = label
        self.condition = condition
        self.status = status
        self.severity = severity
        self.value = value
        self.message = message
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(metric, forKey: .metric)
        try container.encode(side, forKey: .side)
        try container.encode(scope, forKey: .scope)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encode(condition, forKey: .condition)
        try container.encode(status, forKey: .status)
        try container.encode(severity, forKey: .severity)
        try container.encode(value, forKey: .value)
        try container.encode(message, forKey: .message)
    }

    enum CodingKeys: String, CodingKey {
        case rule, metric, side, scope, label, condition, status, severity, value, message
    }
}

/// A 2-D view of the embeddings: the first two principal components of both sets pooled, with up to
/// `Projection.maxPoints` seeded-sampled points per side.
public struct Projection: Codable, Sendable, Equatable {
    public static let maxPoints = 1000

    public var method: String
    /// The share of the pooled variance each axis explains.
    public var explainedVarianceRatio: [Double]
    /// Points by side (`original`, `synthetic`), each `[x, y]`.
    public var points: [String: [[Double]]]

    public init(method: String = "pca", explainedVarianceRatio: [Double], points: [String: [[Double]]]) {
        self.method = method
        self.explainedVarianceRatio = explainedVarianceRatio
        self.points = points
    }

    enum CodingKeys: String, CodingKey {
        case method
        case explainedVarianceRatio = "explained_variance_ratio"
        case points
    }
}
