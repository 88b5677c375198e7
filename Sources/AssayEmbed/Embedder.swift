import AssayLinalg

/// Turns texts into sentence embeddings: one L2-normalised row per text.
public protocol Embedder: Sendable {
    /// The name the report records (`all-MiniLM-L6-v2`, `hashing` …) and the embedding cache keys on.
    var modelID: String { get }
    /// The embedding dimension.
    var dimension: Int { get }

    /// The embeddings of `texts`, in order.
    func embed(_ texts: [String]) throws -> Matrix
}
