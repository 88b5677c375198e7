import ArgumentParser
import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
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
    }

    /// Embeds every side's texts in one call (so corpus statistics such as the hashing embedder's IDF
    /// cover both sides alike), then splits the rows back.
    func embed(_ corpora: [(side: Side, corpus: Corpus)]) throws -> Result {
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
        let all = try chosen.embed(texts)
        var start = 0
        for entry in corpora {
            let rows = Array(start..<(start + entry.corpus.count))
            result.embeddings[entry.side] = all.selecting(rows: rows)
            start += entry.corpus.count
        }
        result.name = chosen.modelID
        return result
    }
}
