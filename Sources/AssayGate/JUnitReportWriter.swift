import AssayCore
import AssayReport
import Foundation

/// The gate's results as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins)
/// show as tests: one `<testcase>` per rule and scope.
///
/// A broken error rule is a `<failure>`, a value that could not be computed an `<error>`, a skipped
/// bound `<skipped>`; a broken warn rule passes with its warning in `<system-out>` (and a
/// `WARN:` prefix on the name, so it is visible in the list).
public struct JUnitReportWriter: Sendable {
    public let report: Report
    /// The policy file, the suite's name.
    public let policy: String
    /// The run's id in the store, when it was recorded.
    public let runID: Int64?

    public init(report: Report, policy: String, runID: Int64? = nil) {
        self.report = report
        self.policy = policy
        self.runID = runID
    }

    public func render() -> String {
        let gates = report.gates
        let failures = gates.filter { $0.status == .fail }.count
        let errors = gates.filter { $0.status == .error && $0.severity == .error }.count
        let skipped = gates.filter { $0.status == .skipped }.count
        let counts =
            "tests=\"\(gates.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\""
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"assay gate\" \(counts)>\n"
        xml += "  <testsuite name=\"\(attribute(policy))\" \(counts) timestamp=\"\(attribute(timestamp))\">\n"
        xml += "    <properties>\n"
        var properties: [(String, String)] = [("status", report.status.rawValue), ("assay", report.tool.version)]
        if let original = report.inputs.original { properties.append(("original", original.path)) }
        if let synthetic = report.inputs.synthetic { properties.append(("synthetic", synthetic.path)) }
        if let runID { properties.append(("run", String(runID))) }
        for (name, value) in properties {
            xml += "      <property name=\"\(attribute(name))\" value=\"\(attribute(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for gate in gates { xml += testcase(gate) }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    private func testcase(_ gate: GateResult) -> String {
        var name = "\(gate.metric) (\(gate.side)\(gate.label.map { ", class \($0)" } ?? "")): \(gate.condition)"
        if gate.status == .warn || (gate.status == .error && gate.severity == .warn) { name = "WARN: " + name }
        var xml =
            "    <testcase classname=\"assay.\(attribute(gate.metric.family))\" name=\"\(attribute(name))\" time=\"0\""
        let message = attribute(gate.message)
        switch (gate.status, gate.severity) {
        case (.fail, _):
            xml +=
                ">\n      <failure message=\"\(message)\" type=\"\(attribute(gate.condition))\">\(text(detail(gate)))</failure>\n"
        case (.error, .error):
            xml += ">\n      <error message=\"\(message)\" type=\"not measured\">\(text(detail(gate)))</error>\n"
        case (.skipped, _):
            xml += ">\n      <skipped message=\"\(message)\"/>\n"
        case (.warn, _), (.error, _):
            xml += ">\n      <system-out>WARN: \(text(detail(gate)))</system-out>\n"
        default:
            return xml + "/>\n"
        }
        return xml + "    </testcase>\n"
    }

    private func detail(_ gate: GateResult) -> String {
        "\(gate.metric), \(gate.side)\(gate.label.map { ", class \($0)" } ?? ""): \(gate.message) (rule \(gate.rule + 1): \(gate.condition); severity \(gate.severity))"
    }

    private var timestamp: String {
        // JUnit's timestamp has no zone designator.
        report.createdAt.hasSuffix("Z") ? String(report.createdAt.dropLast()) : report.createdAt
    }

    /// `value` safe inside a double-quoted XML attribute.
    private func attribute(_ value: String) -> String {
        text(value).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "\n", with: "&#10;")
    }

    /// `value` safe as XML character data; characters XML 1.0 forbids become U+FFFD.
    private func text(_ value: String) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
