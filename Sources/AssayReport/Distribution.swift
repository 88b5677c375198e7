/// A per-text descriptor (length, readability …) of both sides as histograms over shared bins, for
/// the report's charts.
public struct Distribution: Codable, Sendable, Equatable {
    /// The metric id the descriptor belongs to (`complexity.flesch_reading_ease` …).
    public var id: String
    public var title: String
    /// Bin edges, ascending: bin i is [edges[i], edges[i + 1]), the last bin closed.
    public var edges: [Double]
    /// Rows of each side per bin (nil for an absent side).
    public var original: [Int]?
    public var synthetic: [Int]?

    public init(id: String, title: String, edges: [Double], original: [Int]?, synthetic: [Int]?) {
        self.id = id
        self.title = title
        self.edges = edges
        self.original = original
        self.synthetic = synthetic
    }
}
