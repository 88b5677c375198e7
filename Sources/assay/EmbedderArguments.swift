import ArgumentParser
import AssayEmbed
import AssayPipeline
import AssayStore

/// Which sentence embedder the semantic metrics use, and where its model is.
struct EmbedderArguments: ParsableArguments {
    @Option(
        help: """
            Sentence embedder: auto (MiniLM when its model is found, static when MiniLM would take over \
            5 minutes, hashing without the model), minilm, static (distilled from MiniLM, hundreds of times \
            faster, no context; distilled into the model folder on first use), hashing, none, or file:PATH (precomputed \
            vectors, .npy or .jsonl; for compare file:ORIGINAL,SYNTHETIC).
            """)
    var embedder: String = "auto"

    @Option(
        name: .customLong("model-dir"),
        help: """
            The all-MiniLM-L6-v2 folder, which also holds the static table (default: $ASSAY_MODEL_DIR, else \
            ~/.cache/assay/all-MiniLM-L6-v2).
            """)
    var modelDirectory: String?

    @Option(
        name: .customLong("store"),
        help: "The SQLite store; MiniLM embeddings are cached there by text, so a second run embeds nothing new.")
    var storePath: String = Database.defaultPath

    @Option(
        name: .customLong("long-text"),
        help: ArgumentHelp(
            "How MiniLM reads a text over its 256 word pieces.",
            discussion: """
                chunk embeds overlapping windows of 254 word pieces, 128 apart, and takes their mean weighted by \
                length (at most 8 windows, 1,150 word pieces; about twice the cost of those word pieces); \
                truncate reads the first 254 only.
                """))
    var longText: LongTextPolicy = .chunk

    func validate() throws {
        guard ["auto", "minilm", "static", "hashing", "none"].contains(embedder) || embedder.hasPrefix("file:") else {
            throw ValidationError(
                "--embedder takes auto, minilm, static, hashing, none or file:PATH; got '\(embedder)'")
        }
    }

    /// The embedder and cache these options choose.
    var provider: EmbeddingProvider {
        get throws {
            EmbeddingProvider(
                choice: try EmbedderChoice(parsing: embedder), modelDirectory: modelDirectory, storePath: storePath,
                longText: longText)
        }
    }
}

extension LongTextPolicy: ExpressibleByArgument {}
