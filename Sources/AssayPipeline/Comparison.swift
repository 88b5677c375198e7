import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayReport

/// What a run produced: the report, and how its embeddings were obtained (which depends on the cache,
/// not on the inputs, so it is for printing and never part of the report).
public struct RunResult: Sendable {
    /// The report `report.json`, `report.html` and `summary.md` are rendered from.
    public var report: Report
    /// The embedder's model id; nil when the run embedded nothing.
    public var embedderName: String?
    /// Texts embedded in this run.
    public var embeddingsComputed: Int
    /// Texts whose embedding came from the store's cache.
    public var embeddingsCached: Int
    /// The logistic regression of the original's labelled rows that label faithfulness used (what
    /// `assay report --scorer-out` writes out); nil when the run trained none.
    public var originalModel: LogisticRegression? = nil
}

/// `assay compare` as a library call: a synthetic dataset measured side by side with the original.
///
///     let result = try await Comparison.run(original: "real.jsonl", synthetic: "generated.jsonl",
///                                           options: RunOptions(embedding: EmbeddingProvider(choice: .hashing)))
///     try ReportFiles.write(result.report, formats: [.json], to: "out", catalog: Assessment.catalog)
public enum Comparison {
    /// Loads both files and compares them; an `--attr-field` one file lacks is described on the other side
    /// alone (`DatasetLoader.loadPair`).
    ///
    /// - Throws: `AssayError` for a bad file, field, option file or model.
    /// - Complexity: dominated by the embedding of both sides and the analyzers (see each metric's page).
    public static func run(original: String, synthetic: String, options: RunOptions) async throws -> RunResult {
        try options.embedding.checkModel()
        let corpora = try DatasetLoader.loadPair(original: original, synthetic: synthetic, fields: options.fields)
        return try run(original: corpora.original, synthetic: corpora.synthetic, command: "compare", options: options)
    }

    /// Analyses the sides present, after reading every file the run needs (groups, class
    /// probabilities) so that a bad one fails before the expensive steps; what `compare`, `analyze`,
    /// `gate` and each round of `generate` run.
    ///
    /// - Parameters:
    ///   - command: the command recorded in the report.
    /// - Throws: `AssayError` for a bad option file, vector file or model, or a store that fails.
    public static func run(original: Corpus?, synthetic: Corpus?, command: String, options: RunOptions) throws
        -> RunResult
    {
        try checkShapes(original: original, synthetic: synthetic)
        var settings = options.settings
        if let groupsFile = options.groupsFile { settings.groups = try GroupLexicon.load(path: groupsFile) }
        var result = try analyse(
            original: original, synthetic: synthetic, analyzers: Assessment.defaultAnalyzers, settings: settings,
            command: command, options: options)
        // Chat and instruction data: the other part is judged for diversity, duplicates and leakage.
        if let judged = (original ?? synthetic)?.part {
            let other = try analyse(
                original: original?.part(judged.other), synthetic: synthetic?.part(judged.other),
                analyzers: Assessment.otherPartAnalyzers, settings: settings, command: command, options: options)
            result.report.add(other.report, as: judged.other)
            result.embeddingsComputed += other.embeddingsComputed
            result.embeddingsCached += other.embeddingsCached
        }
        result.report.judge(catalog: Assessment.catalog)
        return result
    }

    /// The run of `analyzers` over the sides present. When a side has more rows than the embedding budget
    /// (`settings.semanticSample`), every analyzer runs on every row without embeddings, and those that use
    /// embeddings run again on the sample (`SemanticSampling`), which alone is embedded.
    private static func analyse(
        original: Corpus?, synthetic: Corpus?, analyzers: [any Analyzer], settings: AnalysisSettings, command: String,
        options: RunOptions
    ) throws -> RunResult {
        let sides = [(Side.original, original), (Side.synthetic, synthetic)].compactMap { side, corpus in
            corpus.map { (side: side, corpus: $0) }
        }
        let supplied = try SuppliedProbabilities.load(options.predictedProbabilities, for: sides)
        guard options.embedding.choice != .none,
            let sampling = SemanticSampling(sides: sides, limit: settings.semanticSample, seed: settings.seed)
        else {
            return try analyse(
                sides, analyzers: analyzers, settings: settings, supplied: supplied, command: command,
                options: options)
        }
        var result = try analyse(
            sides, analyzers: analyzers, settings: settings, supplied: supplied, command: command, options: options,
            embed: false)
        let sampled = try analyse(
            sides.map { ($0.side, sampling.corpus($0.corpus, side: $0.side)) },
            analyzers: SemanticSampling.embeddingAnalyzers(of: analyzers), settings: settings,
            supplied: Dictionary(
                uniqueKeysWithValues: supplied.map { ($0.key, sampling.probabilities($0.value, side: $0.key)) }),
            command: command, options: options, sampledFrom: sampling.sampledFrom)
        result.report.addSampledMeasures(sampled.report, sample: sampling.summary)
        result.report.embedding = sampled.report.embedding
        result.embedderName = sampled.embedderName
        result.embeddingsComputed = sampled.embeddingsComputed
        result.embeddingsCached = sampled.embeddingsCached
        result.originalModel = sampled.originalModel
        return result
    }

    /// The run of `analyzers` over `sides`, embedded unless `embed` is false; `sampledFrom` names the sides
    /// that are samples of their datasets (`EmbeddingProvider.embed`).
    private static func analyse(
        _ sides: [(side: Side, corpus: Corpus)], analyzers: [any Analyzer], settings: AnalysisSettings,
        supplied: [Side: ClassProbabilities], command: String, options: RunOptions, embed: Bool = true,
        sampledFrom: [Side: (rows: [Int], count: Int)] = [:]
    ) throws -> RunResult {
        let embedded =
            embed ? try options.embedding.embed(sides, progress: options.progress, sampledFrom: sampledFrom) : .init()
        let corpus = { (side: Side) in sides.first { $0.side == side }?.corpus }
        let context = AnalysisContext(
            original: corpus(.original), synthetic: corpus(.synthetic), settings: settings,
            embeddings: embedded.bySide, embedderName: embedded.name, suppliedProbabilities: supplied,
            progress: options.progress)
        var report = try Assessment.run(
            context, analyzers: analyzers, command: command, datasetNotes: sampledFrom.isEmpty)
        report.warnings += embedded.warnings
        if !embedded.longTexts.isEmpty {
            report.embedding = embeddingSummary(embedded.longTexts)
            for (side, corpus) in sides {
                if let warning = embedded.longTexts[side].flatMap({ longTextWarning($0, path: corpus.source.path) }) {
                    report.warnings.append(warning)
                }
            }
        }
        return RunResult(
            report: report, embedderName: embedded.name, embeddingsComputed: embedded.computed,
            embeddingsCached: embedded.cached, originalModel: context.modelIfTrained(.original))
    }

    /// Both sides must be plain texts, or both conversations or instructions, which have the same parts.
    private static func checkShapes(original: Corpus?, synthetic: Corpus?) throws {
        guard let original, let synthetic else { return }
        let (plain, shaped) = original.shape == nil ? (original, synthetic) : (synthetic, original)
        guard plain.shape == nil, let layout = shaped.shape?.layout else { return }
        throw AssayError(
            .input, file: plain.source.path,
            "holds plain texts ('\(plain.textFields.joined(separator: "', '"))') but \(shaped.source.path) holds \(layout.shape.rawValue) examples ('\(layout.fields.joined(separator: "', '"))'); compare like with like: give both files the same shape, or pass --shape text with a --text-field both have"
        )
    }
}

extension Comparison {
    /// The report's `embedding` object: how MiniLM read long texts, and each side's counts of rows over its
    /// input, read in windows, and still cut.
    static func embeddingSummary(_ longTexts: [Side: LongTexts]) -> EmbeddingSummary? {
        guard let policy = longTexts.values.first?.policy else { return nil }
        func rows(_ side: Side) -> EmbeddingSummary.LongRows? {
            longTexts[side].map { counts in
                .init(
                    rows: counts.rows, rowsOverLimit: counts.rowsOverLimit, rowsChunked: counts.rowsChunked,
                    rowsCut: counts.rowsCut, piecesCut: counts.piecesCut, largestCut: counts.largestCut)
            }
        }
        let chunked = policy == .chunk
        return EmbeddingSummary(
            maxWordPieces: MiniLMEmbedder.maxLength, longText: policy.rawValue,
            windowStride: chunked ? MiniLMEmbedder.windowStride : nil,
            maxWindows: chunked ? MiniLMEmbedder.maxWindows : nil, original: rows(.original),
            synthetic: rows(.synthetic))
    }

    /// The warning for a side some of whose rows were not read whole, nil when every row was. Under
    /// `truncate`, e.g. `data.jsonl: 12 of 400 rows exceed 256 word pieces and were cut (by 1,840 pieces in all,
    /// at most 311)`; under `chunk`, only rows beyond what the windows reach: `data.jsonl: 2 of 400 rows
    /// exceed 1,150 word pieces, the 8 windows the chunking reads; the rest of each was not read (3,100 pieces
    /// in all, at most 2,900)`.
    static func longTextWarning(_ counts: LongTexts, path: String) -> String? {
        guard counts.rowsCut > 0 else { return nil }
        let grouped = TerminalProgress.grouped
        let head = "\(path): \(grouped(counts.rowsCut)) of \(grouped(counts.rows)) rows"
        let one = counts.rowsCut == 1
        let pieces =
            one
            ? "\(grouped(counts.piecesCut)) piece\(counts.piecesCut == 1 ? "" : "s")"
            : "\(grouped(counts.piecesCut)) pieces in all, at most \(grouped(counts.largestCut))"
        switch counts.policy {
        case .truncate:
            return "\(head) \(one ? "exceeds" : "exceed") \(MiniLMEmbedder.maxLength) word pieces and "
                + "\(one ? "was" : "were") cut (by \(pieces))"
        case .chunk:
            let reach = grouped(MiniLMEmbedder.piecesRead(under: .chunk))
            return "\(head) \(one ? "exceeds" : "exceed") \(reach) word pieces, the \(MiniLMEmbedder.maxWindows) "
                + "windows the chunking reads; the rest of \(one ? "it" : "each") was not read (\(pieces))"
        }
    }
}

/// `assay analyze` as a library call: one dataset alone, reported as the side it plays.
public enum Analysis {
    /// Loads `path` and analyses it as `side`.
    ///
    /// - Throws: `AssayError` for a bad file, field, option file or model.
    public static func run(_ path: String, as side: Side = .synthetic, options: RunOptions) async throws -> RunResult {
        try options.embedding.checkModel()
        let corpus = try DatasetLoader.load(path: path, fields: options.fields)
        return try Comparison.run(
            original: side == .original ? corpus : nil, synthetic: side == .synthetic ? corpus : nil,
            command: "analyze", options: options)
    }
}
