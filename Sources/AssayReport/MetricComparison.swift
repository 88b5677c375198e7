import AssayCore
import Foundation

/// How one metric reads side by side: the numbers formatted, the difference, and which side is
/// better — shared by the terminal table, the Markdown summary and the HTML report.
public struct MetricComparison: Sendable {
    /// Which side a metric favours.
    public enum Verdict: String, Sendable {
        case original
        case synthetic
        /// The difference lies within the interval of at least one side.
        case similar = "≈"
        /// No direction, or a value is missing.
        case none = ""
    }

    public let metric: MetricResult

    public init(_ metric: MetricResult) {
        self.metric = metric
    }

    /// synthetic − original, when both are defined.
    public var delta: Double? {
        guard let o = metric.original?.value, let s = metric.synthetic?.value else { return nil }
        return s - o
    }

    /// Differences smaller than this share of the original's magnitude read as similar.
    public static let negligibleRelativeDifference = 0.01

    /// The better side, or `similar` when one side's value lies inside the other's interval or the
    /// two differ by less than 1% of the original's magnitude.
    public var verdict: Verdict {
        guard let o = metric.original, let s = metric.synthetic, let ov = o.value, let sv = s.value else {
            return .none
        }
        if abs(sv - ov) <= MetricComparison.negligibleRelativeDifference * abs(ov) { return .similar }
        if let ci = o.ci, ci.count == 2, sv >= ci[0], sv <= ci[1] { return .similar }
        if let ci = s.ci, ci.count == 2, ov >= ci[0], ov <= ci[1] { return .similar }
        switch metric.better {
        case .higher: return sv > ov ? .synthetic : .original
        case .lower: return sv < ov ? .synthetic : .original
        case .neither: return .none
        }
    }

    /// "0.792 [0.781, 0.803]" or "—" with the note.
    public static func describe(_ side: SideValue?, interval: Bool = true) -> String {
        guard let side else { return "—" }
        guard let value = side.value else { return "n/a" }
        var text = format(value)
        if interval, let ci = side.ci, ci.count == 2 {
            text += " [\(format(ci[0])), \(format(ci[1]))]"
        }
        return text
    }

    /// The value of a metric about the pair ("0.912 [0.901, 0.925]"), or nil for a per-side metric.
    public static func describePair(_ metric: MetricResult, interval: Bool = true) -> String? {
        guard metric.original == nil, metric.synthetic == nil else { return nil }
        guard let value = metric.value else { return "n/a" }
        var text = format(value)
        if interval, let ci = metric.ci, ci.count == 2 { text += " [\(format(ci[0])), \(format(ci[1]))]" }
        return text
    }

    /// A number for people: integers as integers, three decimals otherwise, tiny values in
    /// scientific notation.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) >= 10 { return String(Int(value)) }
        if value != 0, abs(value) < 0.001 { return String(format: "%.2e", value) }
        if abs(value) >= 1000 { return String(format: "%.1f", value) }
        return String(format: "%.3f", value)
    }

    /// "+0.123" / "−0.123".
    public static func formatDelta(_ value: Double) -> String {
        let text = format(abs(value))
        return (value < 0 ? "−" : "+") + text
    }
}

extension Report {
    /// The ids of `<id>_ks` and `<id>_wasserstein` metrics whose descriptor `<id>` the report also has:
    /// the tables show them as two columns of that descriptor's row.
    public var foldedDistanceIDs: Set<MetricID> {
        let ids = Set(metrics.map(\.id))
        return Set(
            metrics.flatMap { metric in ["_ks", "_wasserstein"].map { metric.id.suffixed($0) }.filter(ids.contains) })
    }

    /// The KS and Wasserstein distances of descriptor `id`, formatted ("" where absent).
    public func distances(of id: MetricID) -> (ks: String, wasserstein: String) {
        (
            metric(id.suffixed("_ks"))?.value.map(MetricComparison.format) ?? "",
            metric(id.suffixed("_wasserstein"))?.value.map(MetricComparison.format) ?? ""
        )
    }
}

/// "12.3%": a share in [0, 1] as a percentage with one decimal, for the report's sentences and tables.
func percent(_ value: Double) -> String {
    String(format: "%.1f%%", 100 * value)
}
