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

/// How one value moved between two runs.
public struct ValueChange: Sendable, Equatable {
    public var metric: MetricID
    public var side: MetricSide
    public var label: String?
    public var before: Double
    public var after: Double

    public var delta: Double { after - before }

    /// |after − before| / |before|, or nil when before is 0.
    public var relativeChange: Double? { before == 0 ? nil : abs(delta) / abs(before) }

    /// The values both runs have, overall ones only unless `classes`, that moved, largest relative
    /// change first (a change from 0 counts as the largest; ties by absolute change, then id).
    public static func ranked(from before: [ReportValue], to after: [ReportValue], classes: Bool = false)
        -> [ValueChange]
    {
        struct Key: Hashable {
            var metric: MetricID
            var side: MetricSide
            var label: String?
        }
        var earlier: [Key: Double] = [:]
        for value in before where classes || value.label == nil {
            if let number = value.value {
                earlier[Key(metric: value.metric, side: value.side, label: value.label)] = number
            }
        }
        var changes: [ValueChange] = []
        for value in after where classes || value.label == nil {
            guard let number = value.value,
                let previous = earlier[Key(metric: value.metric, side: value.side, label: value.label)],
                number != previous
            else { continue }
            changes.append(
                ValueChange(metric: value.metric, side: value.side, label: value.label, before: previous, after: number)
            )
        }
        return changes.sorted { a, b in
            let ra = a.relativeChange ?? .infinity
            let rb = b.relativeChange ?? .infinity
            if ra != rb { return ra > rb }
            if abs(a.delta) != abs(b.delta) { return abs(a.delta) > abs(b.delta) }
            return (a.metric, a.side.rawValue, a.label ?? "") < (b.metric, b.side.rawValue, b.label ?? "")
        }
    }
}
