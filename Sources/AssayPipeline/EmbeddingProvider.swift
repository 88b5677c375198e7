import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayStore
import Foundation

/// The embedder a run uses and the SQLite cache that keeps MiniLM vectors by text.
public struct EmbeddingProvider: Sendable, Equatable {
    /// Which embedder.
    public var choice: EmbedderChoice
    /// The all-MiniLM-L6-v2 folder; nil for `$ASSAY_MODEL_DIR`, else `~/.cache/assay/all-MiniLM-L6-v2`.
    public var modelDirectory: String?
    /// The SQLite store whose embedding cache MiniLM vectors go to.
    public var storePath: String
    /// How MiniLM reads a text longer than its input: in overlapping windows (`.chunk`) or its beginning only.
    public var longText: LongTextPolicy

    public init(
        choice: EmbedderChoice = .auto, modelDirectory: String? = nil, storePath: String = Database.defaultPath,
        longText: LongTextPolicy = .chunk
    ) {
        self.choice = choice
        self.modelDirectory = modelDirectory
        self.storePath = storePath
        self.longText = longText
    }

    /// What the embedder produced: each side's embeddings, the embedder's name and a note for the report.
    public struct Embeddings: Sendable {
        public var bySide: [Side: Matrix] = [:]
        /// The embedder's model id; nil when nothing was embedded.
        public var name: String?
        /// Why the run fell back to another embedder, for the report's warnings.
        public var warning: String?
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
    /// - Throws: `AssayError` when the model or a vector file cannot be read, or the store fails.
    /// - Complexity: one embedding of every text not in the cache.
    public func embed(
        _ corpora: [(side: Side, corpus: Corpus)], progress: any ProgressReporter,
        sampledFrom: [Side: (rows: [Int], count: Int)] = [:]
    ) throws -> Embeddings {
        var result = Embeddings()
        let directory = MiniLMEmbedder.modelDirectory(modelDirectory)
        let chosen: any Embedder
        switch choice {
        case .none:
            return result
        case .hashing:
            chosen = HashingEmbedder()
        case .minilm:
            chosen = try MiniLMEmbedder(directory: directory, longText: longText)
        case .auto:
            if FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent("model.safetensors"))
            {
                chosen = try MiniLMEmbedder(directory: directory, longText: longText)
            } else {
                chosen = HashingEmbedder()
                result.warning =
                    "no MiniLM model in \(directory) (make model, or --model-dir); semantic metrics use the hashing embedder"
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
        let texts = corpora.flatMap(\.corpus.texts)
        // MiniLM embeds each text on its own, so its vectors can be cached by text; the hashing embedder's
        // IDF depends on the whole corpus, so it is always recomputed.
        let all: Matrix
        if let miniLM = chosen as? MiniLMEmbedder {
            for entry in corpora {
                result.longTexts[entry.side] = LongTexts(
                    texts: entry.corpus.texts, tokenizer: miniLM.tokenizer, policy: miniLM.longText)
            }
            (all, result.computed, result.cached) = try cachedEmbeddings(texts, embedder: miniLM, progress: progress)
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
        return result
    }

    /// The embeddings of `texts`, from the store where it has them under the embedder's `cacheModelID` (which
    /// names its long-text policy); the rest are embedded (each distinct text once) and stored.
    private func cachedEmbeddings(_ texts: [String], embedder: MiniLMEmbedder, progress: any ProgressReporter) throws
        -> (Matrix, Int, Int)
    {
        let cache = try EmbeddingCache(path: storePath)
        let keys = texts.map(EmbeddingCache.key(for:))
        var known = try cache.lookup(model: embedder.cacheModelID, hashes: keys).filter {
            $0.value.count == embedder.dimension
        }
        var missing: [Int] = []
        var seen = Set<Data>()
        for (index, key) in keys.enumerated() where known[key] == nil && seen.insert(key).inserted {
            missing.append(index)
        }
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
