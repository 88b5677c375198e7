/// The settings of near-duplicate detection: shingles, MinHash signature and LSH banding, threshold.
public struct MinHashOptions: Sendable, Equatable {
    /// The shingle length in Unicode scalars: a text's shingles are its runs of this many consecutive scalars.
    public var shingleSize: Int
    /// The number of LSH bands b.
    public var bands: Int
    /// The number of MinHash values per band r; the signature has b · r values.
    public var rowsPerBand: Int
    /// The least Jaccard similarity of two texts' shingle sets, verified exactly, for them to be a pair.
    public var threshold: Double
    /// The seed of the MinHash functions.
    public var seed: UInt64

    /// Options with the given values: by default 5-scalar shingles, 20 bands of 5 rows (100 hash
    /// functions) and a Jaccard threshold of 0.8.
    public init(
        shingleSize: Int = 5, bands: Int = 20, rowsPerBand: Int = 5, threshold: Double = 0.8, seed: UInt64 = 0x5EED
    ) {
        self.shingleSize = shingleSize
        self.bands = bands
        self.rowsPerBand = rowsPerBand
        self.threshold = threshold
        self.seed = seed
    }

    /// The number of MinHash functions, b · r.
    public var hashCount: Int { bands * rowsPerBand }

    /// The probability that two texts whose shingle sets have Jaccard similarity `s` share a band key in at
    /// least one band, so become a candidate pair: 1 − (1 − s^r)^b.
    ///
    /// Leskovec, Rajaraman & Ullman, "Mining of Massive Datasets", 3rd ed., §3.4.2. With b = 20, r = 5 it is
    /// 0.9996 at s = 0.8, 0.975 at s = 0.7, 0.80 at s = 0.6 and 0.0064 at s = 0.2.
    public func candidateProbability(jaccard s: Double) -> Double {
        1 - power(1 - power(s, rowsPerBand), bands)
    }

    private func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
