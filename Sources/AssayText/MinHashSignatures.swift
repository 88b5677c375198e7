/// The MinHash band keys and shingle-set sizes of a list of texts: what `NearDuplicates` compares, computed
/// once and usable both for the pairs within the texts and for the pairs across them and other texts.
public struct MinHashSignatures: Sendable {
    /// Everything of the options the signatures depend on (the threshold is not).
    public struct Hashes: Sendable, Hashable {
        public let shingleSize: Int
        public let bands: Int
        public let rowsPerBand: Int
        public let seed: UInt64

        /// The shingle size, bands, rows per band and seed of `options`.
        public init(_ options: MinHashOptions) {
            self.init(
                shingleSize: options.shingleSize, bands: options.bands, rowsPerBand: options.rowsPerBand,
                seed: options.seed)
        }

        init(shingleSize: Int, bands: Int, rowsPerBand: Int, seed: UInt64) {
            self.shingleSize = shingleSize
            self.bands = bands
            self.rowsPerBand = rowsPerBand
            self.seed = seed
        }
    }

    /// The shingle size, bands, rows per band and seed the signatures were made with.
    public let hashes: Hashes
    let keys: BandKeyTable

    /// The signatures of `texts` (already normalised as the comparison needs).
    ///
    /// - Complexity: O(L · (k + b · r)) for texts of total length L scalars, on every core.
    public init(_ texts: [String], options: MinHashOptions = .init()) {
        NearDuplicates.validate(options)
        hashes = Hashes(options)
        keys = BandKeyTable(texts, hasher: MinHasher(options))
    }

    /// The number of texts.
    public var count: Int { keys.count }
}
