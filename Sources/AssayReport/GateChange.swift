import AssayCore

/// A gate rule whose status differs between two runs (pass → fail, warn → pass …), or that ran in one
/// of them only: what `assay diff` lists below the values.
public struct GateChange: Sendable, Equatable {
    public var metric: MetricID
    public var side: MetricSide
    /// `overall` or `each_class`.
    public var scope: String
    /// The class, for a result of an `each_class` rule.
    public var label: String?
    /// The rule's bounds in words, as the later run has them (the earlier's for a rule it dropped).
    public var condition: String
    /// The status in the earlier run; nil when the rule did not run there.
    public var before: GateStatus?
    /// The status in the later run; nil when the rule did not run there.
    public var after: GateStatus?

    public init(
        metric: MetricID, side: MetricSide, scope: String, label: String? = nil, condition: String,
        before: GateStatus?, after: GateStatus?
    ) {
        self.metric = metric
        self.side = side
        self.scope = scope
        self.label = label
        self.condition = condition
        self.before = before
        self.after = after
    }

    /// Where the rule applied, in words: `overall`, `class positive`, or `each class` for an
    /// `each_class` rule that found no classes.
    public var place: String {
        if let label { return "class \(label)" }
        return scope == "each_class" ? "each class" : scope
    }

    /// The results of `after` whose status differs from the same rule's in `before`, in the later run's
    /// order, then the results of `before` that `after` lacks, in the earlier run's order.
    ///
    /// A result is the same rule's when metric, side, scope and class agree: the policy may have been
    /// reordered between the runs. When several results share those (two rules on one metric), the
    /// first of one run pairs with the first of the other, the second with the second, and so on.
    ///
    /// - Complexity: O(b + a) for b and a results.
    public static func between(_ before: [GateResult], _ after: [GateResult]) -> [GateChange] {
        struct Key: Hashable {
            var metric: MetricID
            var side: MetricSide
            var scope: String
            var label: String?
            /// How many results with the same metric, side, scope and class come before this one.
            var occurrence: Int
        }
        func keyed(_ results: [GateResult]) -> [(key: Key, result: GateResult)] {
            var seen: [Key: Int] = [:]
            return results.map { result in
                let first = Key(
                    metric: result.metric, side: result.side, scope: result.scope, label: result.label, occurrence: 0)
                var key = first
                key.occurrence = seen[first, default: 0]
                seen[first, default: 0] += 1
                return (key, result)
            }
        }
        let earlier = keyed(before)
        let later = keyed(after)
        let earlierByKey = Dictionary(earlier.map { ($0.key, $0.result) }, uniquingKeysWith: { first, _ in first })
        let laterKeys = Set(later.map(\.key))
        func change(_ result: GateResult, before: GateStatus?, after: GateStatus?) -> GateChange {
            GateChange(
                metric: result.metric, side: result.side, scope: result.scope, label: result.label,
                condition: result.condition, before: before, after: after)
        }
        var changes: [GateChange] = []
        for (key, result) in later where earlierByKey[key]?.status != result.status {
            changes.append(change(result, before: earlierByKey[key]?.status, after: result.status))
        }
        for (key, result) in earlier where !laterKeys.contains(key) {
            changes.append(change(result, before: result.status, after: nil))
        }
        return changes
    }
}
