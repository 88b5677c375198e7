/// Two rows whose shingle sets have Jaccard similarity `jaccard`, at least the threshold.
public struct SimilarPair: Sendable, Equatable {
    /// The first row: the smaller one for `NearDuplicates.within`, the query row for `across`.
    public let a: Int
    /// The second row: the larger one for `within`, the base row for `across`.
    public let b: Int
    /// The exact Jaccard similarity of the two rows' shingle sets.
    public let jaccard: Double

    public init(a: Int, b: Int, jaccard: Double) {
        self.a = a
        self.b = b
        self.jaccard = jaccard
    }
}
