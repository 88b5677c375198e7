import AssayCore
import AssayReport

/// What `assay gate` prints after the comparison table: the outcome, the counts, and each rule that
/// did not simply pass.
public struct GateSummary: Sendable {
    public let report: Report
    public let runID: Int64?
    public let baselineRun: Int64?

    public init(report: Report, runID: Int64?, baselineRun: Int64?) {
        self.report = report
        self.runID = runID
        self.baselineRun = baselineRun
    }

    public func render() -> String {
        var head = "\ngate: \(report.status) — \(report.gateCounts)"
        var recorded: [String] = []
        if let runID { recorded.append("run #\(runID)") }
        if let baselineRun { recorded.append("baseline run #\(baselineRun)") }
        if !recorded.isEmpty { head += " (\(recorded.joined(separator: "; ")))" }
        var lines = [head]
        for gate in report.gates where gate.status != .pass {
            let status = gate.status == .error ? "N/A" : gate.status.rawValue.uppercased()
            let scope = gate.label.map { ", class \($0)" } ?? ""
            lines.append(
                "  \(status.padding(toLength: 7, withPad: " ", startingAt: 0)) \(gate.metric) (\(gate.side)\(scope)): \(gate.condition) — \(gate.message)"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
