import AssayMetrics
import AssayReport
import AssayStore

/// The report's parts as the store records them, and back.
enum RunHistory {
    static func newRun(_ report: Report, datasetName: String) throws -> NewRun {
        NewRun(
            createdAt: report.createdAt, command: report.command, datasetName: datasetName,
            originalPath: report.inputs.original?.path, originalSHA256: report.inputs.original?.sha256,
            syntheticPath: report.inputs.synthetic?.path, syntheticSHA256: report.inputs.synthetic?.sha256,
            settingsJSON: try JSONReportWriter.encodeSettings(report.settings), toolVersion: report.tool.version,
            status: report.status)
    }

    static func metricRecords(_ report: Report) -> [MetricValueRecord] {
        report.values.map {
            MetricValueRecord(
                metric: $0.metric, side: $0.side, label: $0.label, value: $0.value, ciLow: $0.ciLow, ciHigh: $0.ciHigh,
                n: $0.n)
        }
    }

    static func gateRecords(_ report: Report) -> [GateRecord] {
        report.gates.map {
            GateRecord(
                ruleIndex: $0.rule, metric: $0.metric, side: $0.side, scope: $0.scope, label: $0.label,
                condition: $0.condition, status: $0.status, severity: $0.severity, value: $0.value, message: $0.message)
        }
    }

    static func values(_ records: [MetricValueRecord]) -> [ReportValue] {
        records.map {
            ReportValue(
                metric: $0.metric, side: $0.side, label: $0.label, value: $0.value, ciLow: $0.ciLow, ciHigh: $0.ciHigh,
                n: $0.n)
        }
    }

    static func baseline(run: Int64, values records: [MetricValueRecord]) -> GateBaseline {
        var values: [GateBaseline.Key: Double] = [:]
        for record in records {
            if let value = record.value {
                values[GateBaseline.Key(metric: record.metric, side: record.side, label: record.label)] = value
            }
        }
        return GateBaseline(runID: run, values: values)
    }
}
