import AssayCore
import AssayMetrics

/// `assay shard` as a library call: a file's state with what the analyses measure of each of its rows.
public enum Sharding {
    /// The state of the file at `path` (`ShardState.build`) with every row's `rowMeasures`: what `assay shard`
    /// writes.
    ///
    /// - Throws: `AssayError(.input)` for a bad file or field, as `assay compare` would.
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores.
    public static func state(path: String, fields: FieldOptions, seed: UInt64, sampleLimit: Int) throws -> ShardState {
        try ShardState.build(path: path, fields: fields, seed: seed, sampleLimit: sampleLimit, measure: rowMeasures)
    }

    /// What the analyses measure of each row alone, for the report to count every row: its complexity counts
    /// (`Complexity.packedCounts`) and the places it names (`Bias.rowPlaces`).
    public static func rowMeasures(_ corpus: Corpus) -> RowMeasures {
        RowMeasures(complexity: Complexity.packedCounts(of: corpus), places: Bias.rowPlaces(of: corpus))
    }
}
