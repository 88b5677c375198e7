import AssayCore
import Foundation

/// How one value moved between two runs, whether that is better or worse, and how large the move is
/// on a scale that compares across metrics: what `assay diff` lists.
public struct ValueChange: Sendable, Equatable {
    /// Which way a value moved, by its metric's better direction.
    public enum Judgement: String, Sendable {
        case worse, better
    }

    /// What the size of a change is measured against.
    public enum Scale: Sendable, Equatable {
        /// √(h_before² + h_after²), h the half-width of a run's recorded 95% interval (0 for a run
        /// that recorded none): about the half-width of the difference's interval, so a size above 1
        /// is a move beyond the noise.
        case interval(Double)
        /// The larger of |before| and |after|; 1 for a p-value, whose range is [0, 1].
        case magnitude(Double)

        var value: Double {
            switch self {
            case .interval(let width), .magnitude(let width): width
            }
        }
    }

    public var metric: MetricID
    public var side: MetricSide
    public var label: String?
    public var before: Double
    public var after: Double
    /// The direction that is better for this value: the metric's own for a synthetic or pair value;
    /// `.neither` for the original's values (the reference, not what is judged) and for a metric the
    /// catalog does not know.
    public var better: Direction
    public var scale: Scale

    public init(
        metric: MetricID, side: MetricSide, label: String? = nil, before: Double, after: Double,
        better: Direction, scale: Scale
    ) {
        self.metric = metric
        self.side = side
        self.label = label
        self.before = before
        self.after = after
        self.better = better
        self.scale = scale
    }

    public var delta: Double { after - before }

    /// |Δ| in units of `scale`.
    public var size: Double { abs(delta) / scale.value }

    /// `worse` for a move in the metric's bad direction, `better` for one in its good direction, nil
    /// when neither direction is better.
    public var judgement: Judgement? {
        switch better {
        case .higher: delta < 0 ? .worse : .better
        case .lower: delta > 0 ? .worse : .better
        case .neither: nil
        }
    }

    /// The size as `assay diff` shows it: `2.3×ci` on the interval scale, `45%` on the magnitude scale.
    public var formattedSize: String {
        switch scale {
        case .interval: String(format: "%.1f×ci", size)
        case .magnitude: "\(Int((100 * size).rounded()))%"
        }
    }

    /// The values both runs have, overall ones only unless `classes`, that moved: the worse first, then
    /// the better, then those where neither direction is better (`better`); each group by `size`,
    /// largest first; ties by metric id, side, then label.
    ///
    /// The size is |after − before| divided by the scale: the half-width of the change's interval,
    /// √(h_before² + h_after²), when either run recorded an interval for the value (h = (high − low) / 2,
    /// 0 for a run without one); else 1 for a p-value (`MetricDescriptor.isPValue`), whose relative
    /// change says nothing (0.001 → 0.01 is ×10 and both reject); else the larger of |before| and
    /// |after|, so a value from or to 0 is a 100% move, not an infinite one. Both scales share one
    /// ranking: a move of more than two half-widths outranks any move on the magnitude scale, which is
    /// at most 2 (a change of sign).
    ///
    /// - Parameters:
    ///   - catalog: The metrics' better directions; a qualified id (`…@prompt`) takes its metric's.
    /// - Complexity: O((b + a) · log(b + a) + m) for b and a values and m metrics in the catalog.
    public static func ranked(
        from before: [ReportValue], to after: [ReportValue], classes: Bool = false, catalog: MetricCatalog
    ) -> [ValueChange] {
        struct Key: Hashable {
            var metric: MetricID
            var side: MetricSide
            var label: String?
        }
        let descriptors = Dictionary(catalog.descriptors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var earlier: [Key: ReportValue] = [:]
        for value in before where classes || value.label == nil {
            if value.value != nil { earlier[Key(metric: value.metric, side: value.side, label: value.label)] = value }
        }
        var changes: [ValueChange] = []
        for value in after where classes || value.label == nil {
            guard let number = value.value,
                let previous = earlier[Key(metric: value.metric, side: value.side, label: value.label)],
                let old = previous.value, number != old
            else { continue }
            let descriptor = descriptors[value.metric.unqualified?.id ?? value.metric]
            let halfWidth = (halfWidth(previous).squared + halfWidth(value).squared).squareRoot()
            let scale: Scale =
                halfWidth > 0
                ? .interval(halfWidth)
                : .magnitude(descriptor?.isPValue == true ? 1 : max(abs(old), abs(number)))
            changes.append(
                ValueChange(
                    metric: value.metric, side: value.side, label: value.label, before: old, after: number,
                    better: value.side == .original ? .neither : descriptor?.better ?? .neither, scale: scale))
        }
        return changes.sorted { a, b in
            let (ga, gb) = (a.group, b.group)
            if ga != gb { return ga < gb }
            if a.size != b.size { return a.size > b.size }
            return (a.metric, a.side.rawValue, a.label ?? "") < (b.metric, b.side.rawValue, b.label ?? "")
        }
    }

    /// The rank of the change's judgement: worse 0, better 1, neither 2.
    private var group: Int {
        switch judgement {
        case .worse: 0
        case .better: 1
        case nil: 2
        }
    }

    /// Half the width of the value's interval, 0 without one.
    private static func halfWidth(_ value: ReportValue) -> Double {
        guard let low = value.ciLow, let high = value.ciHigh, high >= low else { return 0 }
        return (high - low) / 2
    }
}

extension MetricDescriptor {
    /// Whether the metric is a p-value, as its title says (`Continent χ² p-value`): a probability whose
    /// changes `ValueChange` measures on [0, 1], never relative to the value.
    public var isPValue: Bool { title.hasSuffix("p-value") }
}

extension Double {
    fileprivate var squared: Double { self * self }
}
