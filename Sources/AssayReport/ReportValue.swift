import AssayCore

/// One number of a report: a metric's value on one side (or of the pair), overall or in one class —
/// the unit the run history stores and `assay diff` compares.
public struct ReportValue: Sendable, Equatable {
    public var metric: MetricID
    public var side: MetricSide
    /// nil overall; else the class.
    public var label: String?
    public var value: Double?
    public var ciLow: Double?
    public var ciHigh: Double?
    public var n: Int?

    public init(
        metric: MetricID, side: MetricSide, label: String? = nil, value: Double?, ciLow: Double? = nil,
        ciHigh: Double? = nil, n: Int? = nil
    ) {
        self.metric = metric
        self.side = side
        self.label = label
        self.value = value
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.n = n
    }
}

extension Report {
    /// Every value of every metric: each side's (or the pair's) overall value with its interval, then
    /// its per-class values, classes by label.
    public var values: [ReportValue] {
        var values: [ReportValue] = []
        for var metric in metrics {
            metric.id = qualifiedID(of: metric)
            for (name, side) in [(MetricSide.original, metric.original), (.synthetic, metric.synthetic)] {
                guard let side else { continue }
                values.append(
                    ReportValue(
                        metric: metric.id, side: name, value: side.value, ciLow: side.ci?.first,
                        ciHigh: side.ci?.last, n: side.n))
            }
            let isPair = metric.original == nil && metric.synthetic == nil
            if isPair {
                values.append(
                    ReportValue(
                        metric: metric.id, side: .pair, value: metric.value, ciLow: metric.ci?.first,
                        ciHigh: metric.ci?.last, n: metric.n))
            }
            for (label, entry) in (metric.byClass ?? [:]).sorted(by: { $0.key < $1.key }) {
                if isPair {
                    values.append(
                        ReportValue(metric: metric.id, side: .pair, label: label, value: entry.value, n: entry.n))
                    continue
                }
                if metric.original != nil {
                    values.append(
                        ReportValue(
                            metric: metric.id, side: .original, label: label, value: entry.original, n: entry.n))
                }
                if metric.synthetic != nil {
                    values.append(
                        ReportValue(
                            metric: metric.id, side: .synthetic, label: label, value: entry.synthetic, n: entry.n))
                }
            }
        }
        return values
    }
}
