import ArgumentParser
import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayStore
import Foundation

/// Which sentence embedder the semantic metrics use, and where its model is.
struct EmbedderArguments: ParsableArguments {
    @Option(
        help: """
            Sentence embedder: auto (MiniLM when its model is found, else hashing), minilm, hashing, none, \
            or file:PATH (precomputed vectors, .npy or .jsonl; for compare file:ORIGINAL,SYNTHETIC).
            """)
    var embedder: String = "auto"

    @Option(
        name: .customLong("model-dir"),
        help: "The all-MiniLM-L6-v2 folder (default: $ASSAY_MODEL_DIR, else ~/.cache/assay/all-MiniLM-L6-v2).")
    var modelDirectory: String?

    @Option(
        name: .customLong("store"),
        help: "The SQLite store; MiniLM embeddings are cached there by text, so a second run embeds nothing new.")
    var storePath: String = Database.defaultPath

    func validate() throws {
        guard ["auto", "minilm", "hashing", "none"].contains(embedder) || embedder.hasPrefix("file:") else {
            throw ValidationError("--embedder takes auto, minilm, hashing, none or file:PATH; got '\(embedder)'")
        }
    }

    /// What the embedder produced: each side's embeddings, its name, and a note for the report.
    struct Result {
        var embeddings: [Side: Matrix] = [:]
        var name: String?
        var warning: String?
        /// Texts embedded in this run, and texts whose embedding came from the store's cache.
        var computed = 0
        var cached = 0
    }

    /// Embeds every side's texts in one call (so corpus statistics such as the hashing embedder's IDF
    /// cover both sides alike), then splits the rows back; the embedder reports its work to `progress`.
    func embed(_ corpora: [(side: Side, corpus: Corpus)], progress: any ProgressReporter) throws -> Result {
        var result = Result()
        let directory = MiniLMEmbedder.modelDirectory(modelDirectory)
        let chosen: any Embedder
        switch embedder {
        case "none":
            return result
        case "hashing":
            chosen = HashingEmbedder()
        case "minilm":
            chosen = try MiniLMEmbedder(directory: directory)
        case "auto":
            if FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent("model.safetensors"))
            {
                chosen = try MiniLMEmbedder(directory: directory)
            } else {
                chosen = HashingEmbedder()
                result.warning =
                    "no MiniLM model in \(directory) (make model, or --model-dir); semantic metrics use the hashing embedder"
            }
        default:
            let paths = embedder.dropFirst("file:".count).split(separator: ",").map(String.init)
            guard paths.count == corpora.count else {
                throw AssayError(
                    .usage, field: "--embedder",
                    "give one vector file per dataset: file:PATH for analyze, file:ORIGINAL,SYNTHETIC for compare")
            }
            for (path, entry) in zip(paths, corpora) {
                let file = try PrecomputedEmbedder(path: path, expectedRows: entry.corpus.count)
                result.embeddings[entry.side] = try file.embed(entry.corpus.texts)
                result.name = "file"
            }
            return result
        }
        let texts = corpora.flatMap(\.corpus.texts)
        // MiniLM embeds each text on its own, so its vectors can be cached by text; the hashing embedder's
        // IDF depends on the whole corpus, so it is always recomputed.
        let all: Matrix
        if chosen is MiniLMEmbedder {
            (all, result.computed, result.cached) = try cachedEmbeddings(texts, embedder: chosen, progress: progress)
        } else {
            all = try chosen.embed(texts, progress: progress)
            result.computed = texts.count
        }
        var start = 0
        for entry in corpora {
            let rows = Array(start..<(start + entry.corpus.count))
            result.embeddings[entry.side] = all.selecting(rows: rows)
            start += entry.corpus.count
        }
        result.name = chosen.modelID
        return result
    }

    /// The embeddings of `texts`, from the store where it has them; the rest are embedded (each distinct
    /// text once) and stored.
    private func cachedEmbeddings(_ texts: [String], embedder: any Embedder, progress: any ProgressReporter) throws
        -> (Matrix, Int, Int)
    {
        let cache = try EmbeddingCache(path: storePath)
        let keys = texts.map(EmbeddingCache.key(for:))
        var known = try cache.lookup(model: embedder.modelID, hashes: keys).filter {
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
            try cache.store(model: embedder.modelID, entries: entries)
            for entry in entries { known[entry.hash] = entry.vector }
        }
        var values: [Float] = []
        values.reserveCapacity(texts.count * embedder.dimension)
        for key in keys { values += known[key] ?? [Float](repeating: 0, count: embedder.dimension) }
        return (Matrix(rows: texts.count, columns: embedder.dimension, values: values), missing.count, cachedCount)
    }
}
