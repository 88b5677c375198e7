import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayStore
import AssayText
import Foundation

/// The embedder a run uses and the SQLite cache that keeps MiniLM vectors by text.
///
/// Only MiniLM's vectors are cached: the hashing embedder's depend on the whole corpus, and the static
/// embedder recomputes a text's vector faster than the cache looks it up.
public struct EmbeddingProvider: Sendable, Equatable {
    /// Which embedder.
    public var choice: EmbedderChoice
    /// The all-MiniLM-L6-v2 folder; nil for `$ASSAY_MODEL_DIR`, else `~/.cache/assay/all-MiniLM-L6-v2`.
    public var modelDirectory: String?
    /// The SQLite store whose embedding cache MiniLM vectors go to.
    public var storePath: String
    /// How MiniLM reads a text longer than its input: in overlapping windows (`.chunk`) or its beginning only.
    public var longText: LongTextPolicy

    /// With `.auto`: the longest MiniLM may be expected to take on the texts not in the cache, in seconds,
    /// at `MiniLMEmbedder.wordPiecesPerSecond`; beyond it the static embedder runs instead.
    public var miniLMTimeLimit: Double

    /// The time limit of `.auto` unless set: 5 minutes.
    public static let defaultMiniLMTimeLimit = 300.0

    public init(
        choice: EmbedderChoice = .auto, modelDirectory: String? = nil, storePath: String = Database.defaultPath,
        longText: LongTextPolicy = .chunk, miniLMTimeLimit: Double = defaultMiniLMTimeLimit
    ) {
        self.choice = choice
        self.modelDirectory = modelDirectory
        self.storePath = storePath
        self.longText = longText
        self.miniLMTimeLimit = miniLMTimeLimit
    }

    /// What the embedder produced: each side's embeddings, the embedder's name and notes for the report.
    public struct Embeddings: Sendable {
        public var bySide: [Side: Matrix] = [:]
        /// The embedder's model id; nil when nothing was embedded.
        public var name: String?
        /// Why the run chose another embedder than asked, or what it could not do, for the report's warnings.
        public var warnings: [String] = []
        /// Texts embedded in this run, and texts whose embedding came from the store's cache.
        public var computed = 0
        public var cached = 0
        /// How MiniLM read each side's texts longer than its 256-word-piece input, counted by tokenizing every
        /// text (cached ones too, so a warm cache reports the same); empty for other embedders.
        public var longTexts: [Side: LongTexts] = [:]
    }

    /// Embeds every side's texts in one call (so corpus statistics such as the hashing embedder's IDF
    /// cover both sides alike), then splits the rows back; the embedder reports its work to `progress`.
    ///
    /// - Parameter sampledFrom: for a side whose corpus is a sample of its dataset, the sampled rows (positions
    ///   in the dataset) and the dataset's rows: a vector file holds one row per dataset row, and those rows
    ///   are picked from it.
    /// With `.auto` and the model present, the word pieces MiniLM would read from the texts not in the
    /// cache are counted (tokenizing only) and divided by `MiniLMEmbedder.wordPiecesPerSecond`; when that
    /// exceeds `miniLMTimeLimit`, the static embedder runs instead and a warning says so.
    ///
    /// - Throws: `AssayError` when the model or a vector file cannot be read, or the store fails.
    /// - Complexity: one embedding of every text not in the cache.
    public func embed(
        _ corpora: [(side: Side, corpus: Corpus)], progress: any ProgressReporter,
        sampledFrom: [Side: (rows: [Int], count: Int)] = [:]
    ) throws -> Embeddings {
        var result = Embeddings()
        let directory = MiniLMEmbedder.modelDirectory(modelDirectory)
        let texts = corpora.flatMap(\.corpus.texts)
        let chosen: any Embedder
        // MiniLM's cache look-up, when `.auto` already made it.
        var lookup: CacheLookup?
        switch choice {
        case .none:
            return result
        case .hashing:
            chosen = HashingEmbedder()
        case .minilm:
            chosen = try MiniLMEmbedder(directory: directory, longText: longText)
        case .static:
            chosen = try staticEmbedder(directory: directory, progress: progress, warnings: &result.warnings)
        case .auto:
            if FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent("model.safetensors"))
            {
                let tokenizer = try WordPieceTokenizer(
                    vocabularyFile: (directory as NSString).appendingPathComponent("vocab.txt"))
                let found = try CacheLookup(
                    texts, modelID: MiniLMEmbedder.cacheModelID(longText), storePath: storePath)
                let pieces = MiniLMEmbedder.wordPieces(
                    in: found.missing.map { texts[$0] }, tokenizer: tokenizer, policy: longText)
                let seconds = Double(pieces) / MiniLMEmbedder.wordPiecesPerSecond
                if seconds > miniLMTimeLimit {
                    result.warnings.append(
                        "MiniLM would take about \(EmbeddingProvider.duration(seconds)) on "
                            + "\(TerminalProgress.grouped(pieces)) word pieces; auto chose the static embedder; "
                            + "pass --embedder minilm to insist")
                    chosen = try staticEmbedder(directory: directory, progress: progress, warnings: &result.warnings)
                } else {
                    chosen = try MiniLMEmbedder(directory: directory, longText: longText)
                    lookup = found
                }
            } else {
                chosen = HashingEmbedder()
                result.warnings.append(
                    "no MiniLM model in \(directory) (make model, or --model-dir); semantic metrics use the hashing embedder"
                )
            }
        case .files(let paths):
            guard paths.count == corpora.count else {
                throw AssayError(
                    .usage, field: "--embedder",
                    "give one vector file per dataset: file:PATH for analyze, file:ORIGINAL,SYNTHETIC for compare")
            }
            for (path, entry) in zip(paths, corpora) {
                let sample = sampledFrom[entry.side]
                let file = try PrecomputedEmbedder(path: path, expectedRows: sample?.count ?? entry.corpus.count)
                result.bySide[entry.side] = sample.map { file.vectors.selecting(rows: $0.rows) } ?? file.vectors
                result.name = "file"
            }
            return result
        }
        // MiniLM embeds each text on its own, so its vectors can be cached by text; the hashing embedder's
        // IDF depends on the whole corpus, so it is always recomputed, and so is the static embedder, which
        // is faster than the cache.
        let all: Matrix
        if let miniLM = chosen as? MiniLMEmbedder {
            for entry in corpora {
                result.longTexts[entry.side] = LongTexts(
                    texts: entry.corpus.texts, tokenizer: miniLM.tokenizer, policy: miniLM.longText)
            }
            let found = try lookup ?? CacheLookup(texts, modelID: miniLM.cacheModelID, storePath: storePath)
            (all, result.computed, result.cached) = try found.completed(with: miniLM, progress: progress)
        } else {
            all = try chosen.embed(texts, progress: progress)
            result.computed = texts.count
        }
        var start = 0
        for entry in corpora {
            let rows = Array(start..<(start + entry.corpus.count))
            result.bySide[entry.side] = all.selecting(rows: rows)
            start += entry.corpus.count
        }
        result.name = chosen.modelID
        if chosen is StaticEmbedder { result.warnings.append(EmbeddingProvider.staticNote) }
        if chosen is MiniLMEmbedder || chosen is StaticEmbedder,
            let warning = EmbeddingProvider.languageWarning(texts, embedder: chosen.modelID)
        {
            result.warnings.append(warning)
        }
        return result
    }

    /// The warning for an English embedder (MiniLM, or the static table distilled from it) on rows most of which
    /// are in another language (`LanguageIdentifier`; rows too short to identify aside); nil otherwise.
    static func languageWarning(_ texts: [String], embedder: String) -> String? {
        let counts = LanguageCounts(LanguageIdentifier().identify(texts))
        guard counts.mostlyNotEnglish else { return nil }
        return
            "\(counts.notEnglish) of \(counts.identified) rows are not in English (\(counts.otherLanguages)): \(embedder) was trained on English text, so the semantic metrics are weak on them; bring vectors of a multilingual model with --embedder file:ORIGINAL.npy,SYNTHETIC.npy (docs/languages.md)"
    }

    /// Fails as `embed` would when `choice` needs files of the model folder that are not there (MiniLM's
    /// vocabulary and weights; for the static embedder its table, or the weights to distil it from), so that
    /// a run stops before it reads the datasets.
    ///
    /// - Throws: `AssayError` (`.input`) naming the missing file.
    public func checkModel() throws {
        let directory = MiniLMEmbedder.modelDirectory(modelDirectory)
        switch choice {
        case .minilm:
            try MiniLMEmbedder.checkFiles(["vocab.txt", "model.safetensors"], in: directory)
        case .static:
            let table = StaticTable.defaultPath(modelDirectory: directory)
            try MiniLMEmbedder.checkFiles(
                FileManager.default.fileExists(atPath: table) ? ["vocab.txt"] : ["vocab.txt", "model.safetensors"],
                in: directory)
        case .none, .hashing, .auto, .files: break
        }
    }

    /// The report's note on the static embedder: where it is weaker than MiniLM, as measured (README, **The
    /// embedding model**).
    public static let staticNote =
        "the static embedder (MiniLM distilled per word piece, aligned with MiniLM sentence vectors) has no context, word order or negation; over ten fixture pairs it ranks datasets as MiniLM does (Spearman: two-sample AUC 0.96, APS 0.92, Vendi score / N 0.97), but its values are on its own scale (APS about twice MiniLM's): compare them only with other static runs"

    /// The static embedder of the model in `directory`. When its table is missing, or of an earlier format
    /// version (written by an earlier Assay), it is distilled first
    /// (steps of `progress`: 45 s on the reference machine, over two minutes where OpenBLAS runs its generic
    /// kernels) and saved there for the next runs; when it cannot be saved, it is used all the same and
    /// `warnings` says so.
    ///
    /// - Throws: `AssayError` when the model is missing or a file cannot be read.
    private func staticEmbedder(directory: String, progress: any ProgressReporter, warnings: inout [String]) throws
        -> StaticEmbedder
    {
        let path = StaticTable.defaultPath(modelDirectory: directory)
        let earlier = StaticTable.earlierFormatVersion(ofFile: path)
        if FileManager.default.fileExists(atPath: path), earlier == nil {
            return try StaticEmbedder(directory: directory)
        }
        let tokenizer = try WordPieceTokenizer(
            vocabularyFile: (directory as NSString).appendingPathComponent("vocab.txt"))
        let seconds =
            Double(try StaticDistiller.wordPiecesEncoded(tokenizer: tokenizer)) / MiniLMEmbedder.wordPiecesPerSecond
        let table = try StaticDistiller.distill(
            modelDirectory: directory, options: StaticDistiller.Options(assayVersion: Assessment.toolVersion),
            progress: progress,
            stepName:
                earlier.map {
                    "static table of format \($0), this Assay reads \(StaticTable.formatVersion): distilling it again, about \(EmbeddingProvider.duration(seconds))"
                }
                ?? "distilling the static embedder into the model folder, once, about \(EmbeddingProvider.duration(seconds))"
        )
        do {
            try table.write(to: path)
        } catch {
            warnings.append(
                "the static embedder's table could not be saved (\(error)); each run distils it again until "
                    + "assay model distill can write it")
        }
        return try StaticEmbedder(table: table, tokenizer: tokenizer)
    }

    /// `seconds` for a person: "40 s", "23 min", "2.5 h".
    static func duration(_ seconds: Double) -> String {
        if seconds < 90 { return "\(Int(seconds.rounded())) s" }
        if seconds < 90 * 60 { return "\(Int((seconds / 60).rounded())) min" }
        return String(format: "%.1f h", seconds / 3600)
    }
}

/// Which texts of a call MiniLM's cache holds: looked up once, then completed by embedding the rest.
private struct CacheLookup {
    let cache: EmbeddingCache
    let keys: [Data]
    /// The cached vectors by text hash.
    var known: [Data: [Float]]
    /// The index of the first occurrence of each distinct text not in the cache.
    let missing: [Int]
    let texts: [String]

    /// Looks `texts` up in the cache of the store at `storePath` for `modelID`.
    ///
    /// - Throws: `AssayError` when the store cannot be opened or read.
    init(_ texts: [String], modelID: String, storePath: String) throws {
        cache = try EmbeddingCache(path: storePath)
        self.texts = texts
        keys = texts.map(EmbeddingCache.key(for:))
        known = try cache.lookup(model: modelID, hashes: keys).filter { $0.value.count == MiniLMEncoder.hiddenSize }
        var missing: [Int] = []
        var seen = Set<Data>()
        for (index, key) in keys.enumerated() where known[key] == nil && seen.insert(key).inserted {
            missing.append(index)
        }
        self.missing = missing
    }

    /// The embeddings of every text: the cached ones, and the missing ones embedded (each distinct text
    /// once) and stored.
    ///
    /// - Returns: the rows, the count of texts embedded and of rows that came from the cache.
    func completed(with embedder: MiniLMEmbedder, progress: any ProgressReporter) throws -> (Matrix, Int, Int) {
        var known = known
        let cachedCount = keys.filter { known[$0] != nil }.count
        if !missing.isEmpty {
            let fresh = try embedder.embed(missing.map { texts[$0] }, progress: progress)
            let entries = missing.enumerated().map { row, index in (hash: keys[index], vector: fresh.row(row)) }
            try cache.store(model: embedder.cacheModelID, entries: entries)
            for entry in entries { known[entry.hash] = entry.vector }
        }
        var values: [Float] = []
        values.reserveCapacity(texts.count * embedder.dimension)
        for key in keys { values += known[key] ?? [Float](repeating: 0, count: embedder.dimension) }
        return (Matrix(rows: texts.count, columns: embedder.dimension, values: values), missing.count, cachedCount)
    }
}
