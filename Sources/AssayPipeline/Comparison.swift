import AssayCore
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
        let sides = [(Side.original, original), (Side.synthetic, synthetic)].compactMap { side, corpus in
            corpus.map { (side: side, corpus: $0) }
        }
        var settings = options.settings
        if let groupsFile = options.groupsFile { settings.groups = try GroupLexicon.load(path: groupsFile) }
        let supplied = try SuppliedProbabilities.load(options.predictedProbabilities, for: sides)
        let embedded = try options.embedding.embed(sides, progress: options.progress)
        let context = AnalysisContext(
            original: original, synthetic: synthetic, settings: settings, embeddings: embedded.bySide,
            embedderName: embedded.name, suppliedProbabilities: supplied, progress: options.progress)
        var report = try Assessment.run(context, command: command)
        if let warning = embedded.warning { report.warnings.append(warning) }
        return RunResult(
            report: report, embedderName: embedded.name, embeddingsComputed: embedded.computed,
            embeddingsCached: embedded.cached)
    }
}

/// `assay analyze` as a library call: one dataset alone, reported as the side it plays.
public enum Analysis {
    /// Loads `path` and analyses it as `side`.
    ///
    /// - Throws: `AssayError` for a bad file, field, option file or model.
    public static func run(_ path: String, as side: Side = .synthetic, options: RunOptions) async throws -> RunResult {
        let corpus = try DatasetLoader.load(path: path, fields: options.fields)
        return try Comparison.run(
            original: side == .original ? corpus : nil, synthetic: side == .synthetic ? corpus : nil,
            command: "analyze", options: options)
    }
}
