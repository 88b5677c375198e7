import AssayCore
import AssayReport

/// `assay report` as a library call: the report of merged states (`ShardState`), one per side.
///
/// Every measure runs on the states' bottom-k samples exactly as `Comparison.run` runs on those rows (so the
/// report equals a single-process run on the same sample); the inputs' rows, labels and empty texts are the
/// states' exact counts of every row, and the report's settings and warnings say which rows the measures saw.
public enum ShardedReport {
    /// Reads the states at `original` and `synthetic` (at least one) and reports them.
    ///
    /// - Throws: `AssayError` for a missing or bad state, an empty one, or a bad option file or model.
    public static func run(original: String?, synthetic: String?, options: RunOptions) throws -> RunResult {
        let states = try [(Side.original, original), (.synthetic, synthetic)].compactMap { side, path in
            try path.map { (side: side, path: $0, state: try ShardState.read(path: $0)) }
        }
        precondition(!states.isEmpty, "a report needs at least one state")
        for (_, path, state) in states where state.sample.isEmpty {
            throw AssayError(.input, file: path, "holds no rows; an empty dataset cannot be analysed")
        }
        try options.embedding.checkModel()
        let corpus = { (side: Side) in
            states.first { $0.side == side }.map { $0.state.sampleCorpus(path: $0.path) }
        }
        var result = try Comparison.run(
            original: corpus(.original), synthetic: corpus(.synthetic), command: "report", options: options)
        let state = { (side: Side) in states.first { $0.side == side }?.state }
        result.report.inputs = Inputs(
            original: state(.original).flatMap { exact($0, summary: result.report.inputs.original) },
            synthetic: state(.synthetic).flatMap { exact($0, summary: result.report.inputs.synthetic) })
        let limit = states.map(\.state.settings.sampleLimit).max() ?? 0
        func basis(_ side: Side) -> SemanticSample.Basis? {
            state(side).map { SemanticSample.Basis(rows: $0.sample.count, of: $0.rows) }
        }
        result.report.settings.sharded = ShardedSample(
            limit: limit, original: basis(.original), synthetic: basis(.synthetic))
        result.report.settings.sample = limit
        if states.contains(where: { $0.state.sample.count < $0.state.rows }) {
            let sides = states.map { side, _, state in
                "\(TerminalProgress.grouped(state.sample.count)) of \(TerminalProgress.grouped(state.rows)) \(side.rawValue) rows"
            }
            result.report.warnings.insert(
                "every measure ran on a bottom-k sample (\(sides.joined(separator: ", "))); the inputs' rows, labels and empty texts count every row",
                at: 0)
        }
        return result
    }

    /// The side's summary with the state's exact counts in place of the sample's.
    private static func exact(_ state: ShardState, summary: DatasetSummary?) -> DatasetSummary? {
        guard var summary else { return nil }
        summary.rows = state.rows
        summary.labels = state.labels
        summary.emptyTexts = state.emptyTexts
        return summary
    }
}
