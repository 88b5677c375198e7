import AssayCore
import AssayMetrics

/// `assay shard` as a library call: a file's state with what the analyses measure of each of its rows.
public enum Sharding {
    /// The state of the file at `path` (`ShardState.build`) with every row's `rowMeasures`: what `assay shard`
    /// writes.
    ///
    /// - Parameter groups: the lexicon of the groups the bias audit looks for (`assay shard --groups`); the report
    ///   counts every row's group mentions only when its own lexicon is this one.
    /// - Throws: `AssayError(.input)` for a bad file or field, as `assay compare` would.
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores.
    public static func state(
        path: String, fields: FieldOptions, seed: UInt64, sampleLimit: Int, groups: GroupLexicon = .gendered
    ) throws -> ShardState {
        try ShardState.build(path: path, fields: fields, seed: seed, sampleLimit: sampleLimit) {
            rowMeasures($0, groups: groups)
        }
    }

    /// What the analyses measure of each row alone, for the report to count every row: its complexity counts
    /// (`Complexity.packedCounts`), the places it names (`Bias.rowPlaces`) and the groups of `groups` it mentions
    /// (`Bias.rowGroups`, for labelled rows, which the group audit reads).
    public static func rowMeasures(_ corpus: Corpus, groups: GroupLexicon = .gendered) -> RowMeasures {
        RowMeasures(
            complexity: Complexity.packedCounts(of: corpus), places: Bias.rowPlaces(of: corpus),
            groups: corpus.isLabelled ? Bias.rowGroups(of: corpus, lexicon: groups) : nil)
    }
}
