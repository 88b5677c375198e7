import AssayCore

/// Which sentence embedder the semantic metrics use.
public enum EmbedderChoice: Sendable, Equatable {
    /// MiniLM when its model is found and would take at most `EmbeddingProvider.miniLMTimeLimit` on the
    /// texts not in the cache, the static embedder when it would take longer, the hashing embedder when
    /// there is no model (each switch with a warning in the report).
    case auto
    /// all-MiniLM-L6-v2; its model must be present.
    case minilm
    /// The static embedder distilled from MiniLM (`StaticEmbedder`), its table distilled on first use.
    case `static`
    /// TF-IDF-weighted word and character n-grams hashed into 512 buckets, no model.
    case hashing
    /// No embeddings: the semantic families are skipped.
    case none
    /// Precomputed vectors, one file per dataset (.npy or .jsonl), in the order of the sides.
    case files([String])

    /// The choice `text` names: `auto`, `minilm`, `static`, `hashing`, `none` or `file:PATH[,PATH]`.
    ///
    /// - Throws: `AssayError` (`.usage`) naming `--embedder` for anything else.
    public init(parsing text: String) throws {
        switch text {
        case "auto": self = .auto
        case "minilm": self = .minilm
        case "static": self = .static
        case "hashing": self = .hashing
        case "none": self = .none
        case _ where text.hasPrefix("file:"):
            self = .files(text.dropFirst("file:".count).split(separator: ",").map(String.init))
        default:
            throw AssayError(
                .usage, field: "--embedder", "takes auto, minilm, static, hashing, none or file:PATH; got '\(text)'")
        }
    }
}
