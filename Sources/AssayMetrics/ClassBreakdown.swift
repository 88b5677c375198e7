import AssayCore
import AssayReport

/// Per-class values as the report holds them, from each class's estimates on each side.
enum ClassBreakdown {
    /// Why per-class values cannot be given — a side without labels — or nil when they can.
    static func unavailableReason(_ context: AnalysisContext) -> String? {
        let unlabelled = context.sides.filter { context.corpus($0)?.isLabelled == false }
        guard !unlabelled.isEmpty else { return nil }
        let names = unlabelled.map(\.rawValue).joined(separator: " and ")
        return
            "the \(names) data \(unlabelled.count > 1 ? "have" : "has") no labels (pass --label-field to name the label)"
    }

    /// `by_class` for every metric in `ids`: metric id → label → the two sides' values, each class
    /// compared at the size of its larger side's matched rows.
    ///
    /// - Parameters:
    ///   - classes: each label and the rows each side contributes to it.
    ///   - estimates: label → side → metric id → value.
    /// - Complexity: O(classes · ids).
    static func byMetric(
        ids: [MetricID], classes: [(label: String, rows: [Side: [Int]])],
        estimates: [String: [Side: [MetricID: Double?]]]
    ) -> [MetricID: [String: ClassValue]] {
        var byClass: [MetricID: [String: ClassValue]] = [:]
        for (label, rows) in classes {
            let n = rows.values.map(\.count).max() ?? 0
            let perSide = estimates[label] ?? [:]
            for id in ids {
                byClass[id, default: [:]][label] = ClassValue(
                    original: perSide[.original]?[id] ?? nil, synthetic: perSide[.synthetic]?[id] ?? nil, n: n)
            }
        }
        return byClass
    }
}
