/// The rows that share one band key: a bucket of MinHash LSH, as a merge of band runs finds it.
public struct BandKeyGroup: Sendable, Equatable {
    /// The band, 0 ..< b.
    public var band: Int
    /// The key the rows share in that band.
    public var key: UInt64
    /// The global rows, ascending, at least two.
    public var rows: [Int]

    public init(band: Int, key: UInt64, rows: [Int]) {
        self.band = band
        self.key = key
        self.rows = rows
    }
}
