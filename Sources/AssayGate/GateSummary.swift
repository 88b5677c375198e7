import AssayCore
import AssayReport

/// What `assay gate` prints after the comparison table: the outcome, the counts, the run and its
/// baseline, and each rule that did not simply pass.
public struct GateSummary: Sendable {
    public let report: Report
    public let runID: Int64?
    /// The run `max_regression` rules compared with, if any.
    public let baseline: GateBaseline?

    public init(report: Report, runID: Int64?, baseline: GateBaseline?) {
        self.report = report
        self.runID = runID
        self.baseline = baseline
    }

    public func render() -> String {
        var head = "\ngate: \(report.status) — \(report.gateCounts)"
        var recorded: [String] = []
        if let runID { recorded.append("run #\(runID)") }
        if let baseline {
            recorded.append(
                "baseline run #\(baseline.runID)" + (baseline.isFallback ? ", the latest: no earlier run passed" : ""))
        }
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
