import AssayCore
import AssayGate
import AssayMetrics
import AssayReport
import AssayStore

/// The report's parts as the store records them, and back.
public enum RunHistory {
    /// The run `report` is recorded as, under `datasetName`.
    ///
    /// - Throws: when the report's settings cannot be encoded.
    public static func newRun(_ report: Report, datasetName: String) throws -> NewRun {
        NewRun(
            createdAt: report.createdAt, command: report.command, datasetName: datasetName,
            originalPath: report.inputs.original?.path, originalSHA256: report.inputs.original?.sha256,
            syntheticPath: report.inputs.synthetic?.path, syntheticSHA256: report.inputs.synthetic?.sha256,
            settingsJSON: try JSONReportWriter.encodeSettings(report.settings), toolVersion: report.tool.version,
            status: report.status)
    }

    /// A recorded run's values as the baseline of `max_regression` rules; values that are null are left out.
    ///
    /// - Parameter isFallback: whether the run was taken because no earlier run passed.
    /// - Complexity: O(values).
    public static func baseline(run: Int64, values records: [ReportValue], isFallback: Bool = false)
        -> GateBaseline
    {
        var values: [GateBaseline.Key: Double] = [:]
        for record in records {
            if let value = record.value {
                values[GateBaseline.Key(metric: record.metric, side: record.side, label: record.label)] = value
            }
        }
        return GateBaseline(runID: run, values: values, isFallback: isFallback)
    }

    /// One metric's recorded values, oldest first, as `assay history --metric` shows them.
    ///
    /// Without a `side`, the synthetic side's values are meant; a metric that has none there is a
    /// value about the pair (leakage, fidelity …), so its pair values are returned instead.
    ///
    /// - Throws: `AssayError` (`.runtime`) if the store cannot be read.
    public static func trend(
        in store: RunStore, metric: MetricID, side: MetricSide?, label: String?, dataset: String?, limit: Int
    ) throws -> [(run: RunRecord, value: ReportValue)] {
        let points = try store.trend(
            metric: metric, side: side ?? .synthetic, label: label, dataset: dataset, limit: limit)
        guard points.isEmpty, side == nil else { return points }
        return try store.trend(metric: metric, side: .pair, label: label, dataset: dataset, limit: limit)
    }
}
