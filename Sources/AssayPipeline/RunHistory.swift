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
    /// - Complexity: O(values).
    public static func baseline(run: Int64, values records: [ReportValue]) -> GateBaseline {
        var values: [GateBaseline.Key: Double] = [:]
        for record in records {
            if let value = record.value {
                values[GateBaseline.Key(metric: record.metric, side: record.side, label: record.label)] = value
            }
        }
        return GateBaseline(runID: run, values: values)
    }
}
