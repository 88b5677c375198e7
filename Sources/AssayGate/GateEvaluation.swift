import AssayCore
import AssayReport

/// The metric values of the run a policy's `max_regression` bounds compare with.
public struct GateBaseline: Sendable, Equatable {
    /// A value's place in a run: metric, side and class (nil overall).
    public struct Key: Hashable, Sendable {
        public var metric: MetricID
        public var side: MetricSide
        public var label: String?

        public init(metric: MetricID, side: MetricSide, label: String?) {
            self.metric = metric
            self.side = side
            self.label = label
        }
    }

    /// The run's id in the store.
    public var runID: Int64
    public var values: [Key: Double]
    /// Whether the run did not pass: `--baseline last` found no earlier run of the dataset that passed
    /// (or only warned) and took the latest one instead.
    public var isFallback: Bool

    public init(runID: Int64, values: [Key: Double], isFallback: Bool = false) {
        self.runID = runID
        self.values = values
        self.isFallback = isFallback
    }

    /// How results name the run: `run #3`, or `run #3 (the latest; no earlier run passed)` for a
    /// fallback.
    public var name: String {
        "run #\(runID)" + (isFallback ? " (the latest; no earlier run passed)" : "")
    }
}

/// Checks a report against a policy: one result per rule, or per rule and class for `each_class`.
public enum GateEvaluation {
    /// The results of every rule of `policy` on `report`, in rule order (classes sorted by label).
    ///
    /// A value the report lacks (the metric was skipped or undefined) gives status `error`; a bound with
    /// nothing to compare with (no baseline run, no original value) is skipped.
    ///
    /// - Throws: `AssayError` (`.usage`, naming the policy line) when a rule does not fit its metric: a
    ///   per-side metric read as `pair`, or ratio bounds on a value about the pair.
    public static func evaluate(_ policy: GatePolicy, report: Report, baseline: GateBaseline?) throws -> [GateResult] {
        var results: [GateResult] = []
        for (index, rule) in policy.rules.enumerated() {
            results += try evaluate(rule, index: index, policy: policy, report: report, baseline: baseline)
        }
        return results
    }

    /// Fills `report.gates` with the results of `policy` and `report.status` with their outcome.
    ///
    /// - Throws: as `evaluate`.
    public static func apply(_ policy: GatePolicy, to report: inout Report, baseline: GateBaseline?) throws {
        report.gates = try evaluate(policy, report: report, baseline: baseline)
        report.status = status(report.gates)
    }

    /// `fail` when an error rule is broken or could not be computed, `warn` when only warn rules are,
    /// `pass` otherwise.
    public static func status(_ results: [GateResult]) -> RunStatus {
        if results.contains(where: { $0.status.isBroken && $0.severity == .error }) { return .fail }
        if results.contains(where: \.status.isBroken) { return .warn }
        return .pass
    }

    private static func evaluate(
        _ rule: GateRule, index: Int, policy: GatePolicy, report: Report, baseline: GateBaseline?
    ) throws -> [GateResult] {
        // A part other than the judged one is stored, compared with its baseline and shown qualified.
        let judged = report.shape?.judgedPart
        let key = rule.metric.qualified(by: rule.part == judged ? nil : rule.part)
        func result(_ side: MetricSide, _ label: String?, _ status: GateStatus, _ value: Double?, _ message: String)
            -> GateResult
        {
            GateResult(
                rule: index, metric: key, side: side, scope: rule.scope.rawValue, label: label,
                condition: condition(rule, side: side, baseline: baseline), status: status,
                severity: rule.severity, value: value, message: message)
        }
        if let part = rule.part, report.shape == nil {
            return [
                result(
                    rule.side ?? .synthetic, nil, .error, nil,
                    "not measured: the rule names the \(part) part, but the data are plain texts, not chat or instruction examples"
                )
            ]
        }
        guard let metric = report.metric(rule.metric, part: rule.part) else {
            let side = rule.side ?? .synthetic
            let id = rule.metric.rawValue
            let reason =
                report.skipped.first { $0.id == id || id.hasPrefix($0.id) || $0.id.hasPrefix(id) }?.reason
                ?? report.skipped.first { $0.id.hasPrefix(rule.metric.family + ".") }?.reason
            return [result(side, nil, .error, nil, "not measured: \(reason ?? "the report has no value for it")")]
        }
        let isPair = metric.original == nil && metric.synthetic == nil
        let side = rule.side ?? (isPair ? .pair : .synthetic)
        if isPair != (side == .pair) {
            throw AssayError(
                .usage, file: policy.path, line: rule.line, field: "side",
                isPair
                    ? "\(rule.metric) is a value about the pair; write `side: pair` or leave side out"
                    : "\(rule.metric) has a value per side; write `side: original` or `side: synthetic`")
        }
        if isPair && rule.isRelativeToOriginal {
            throw AssayError(
                .usage, file: policy.path, line: rule.line, field: "metric",
                "\(rule.metric) is a value about the pair: min_ratio, max_ratio and max_delta need a value per side; use min or max"
            )
        }
        let labels: [String?]
        switch rule.scope {
        case .overall:
            labels = [nil]
        case .eachClass:
            let classes = (metric.byClass ?? [:]).keys.sorted()
            guard !classes.isEmpty else {
                let reason = report.skipped.first { $0.id.hasSuffix(".by_class") }?.reason
                return [
                    result(side, nil, .skipped, nil, "no per-class values\(reason.map { ": \($0)" } ?? "")")
                ]
            }
            labels = classes
        }
        return labels.map { label in
            let value = read(metric, side, label)
            guard let value else {
                let note = (side == .original ? metric.original?.note : metric.synthetic?.note) ?? metric.note
                return result(
                    side, label, .error, nil, "undefined on this data\(note.map { ": \($0)" } ?? "")")
            }
            let checks = check(
                rule, metric: metric, value: value, original: side == .synthetic ? read(metric, .original, label) : nil,
                baseline: baseline.map {
                    ($0.name, $0.values[.init(metric: key, side: side, label: label)])
                })
            let broken = checks.compactMap { if case .broken(let text) = $0 { text } else { nil } }
            let skipped = checks.compactMap { if case .skipped(let text) = $0 { text } else { nil } }
            if !broken.isEmpty {
                return result(
                    side, label, rule.severity == .error ? .fail : .warn, value,
                    broken.joined(separator: "; "))
            }
            if skipped.count == checks.count {
                return result(side, label, .skipped, value, skipped.joined(separator: "; "))
            }
            let passed = checks.compactMap { if case .passed(let text) = $0 { text } else { nil } }
            return result(side, label, .pass, value, (passed + skipped).joined(separator: "; "))
        }
    }

    /// What one bound found.
    private enum Check {
        case passed(String)
        case broken(String)
        case skipped(String)
    }

    private static func check(
        _ rule: GateRule, metric: MetricResult, value: Double, original: Double?, baseline: (String, Double?)?
    ) -> [Check] {
        let f = MetricComparison.format
        var checks: [Check] = []
        if let min = rule.min {
            checks.append(
                value >= min ? .passed("\(f(value)) ≥ \(f(min))") : .broken("\(f(value)) is below min \(f(min))"))
        }
        if let max = rule.max {
            checks.append(
                value <= max ? .passed("\(f(value)) ≤ \(f(max))") : .broken("\(f(value)) is above max \(f(max))"))
        }
        if rule.minRatio != nil || rule.maxRatio != nil {
            if let original, original != 0 {
                let ratio = value / original
                let text = "synthetic / original = \(f(value)) / \(f(original)) = \(f(ratio))"
                if let minRatio = rule.minRatio {
                    checks.append(
                        ratio >= minRatio ? .passed(text) : .broken("\(text), below min_ratio \(f(minRatio))"))
                }
                if let maxRatio = rule.maxRatio {
                    checks.append(
                        ratio <= maxRatio ? .passed(text) : .broken("\(text), above max_ratio \(f(maxRatio))"))
                }
            } else {
                checks.append(
                    .skipped(original == nil ? "no original value to compare with" : "the original's value is 0"))
            }
        }
        if let maxDelta = rule.maxDelta {
            if let original {
                let worse = shortfall(metric.better, from: original, to: value)
                let text = "synthetic \(f(value)) vs original \(f(original))"
                checks.append(
                    worse <= maxDelta
                        ? .passed(text) : .broken("\(text): worse by \(f(worse)), above max_delta \(f(maxDelta))"))
            } else {
                checks.append(.skipped("no original value to compare with"))
            }
        }
        if let maxRegression = rule.maxRegression {
            if let (name, previous) = baseline, let previous {
                let regression = shortfall(metric.better, from: previous, to: value)
                let text = "\(name) had \(f(previous)), now \(f(value))"
                checks.append(
                    regression <= maxRegression
                        ? .passed(text)
                        : .broken("\(text): worse by \(f(regression)), above max_regression \(f(maxRegression))"))
            } else if let (name, _) = baseline {
                checks.append(.skipped("baseline \(name) has no value for it"))
            } else {
                checks.append(.skipped("no baseline run to compare with"))
            }
        }
        return checks
    }

    /// How much worse `value` is than `reference` in the metric's bad direction (negative when better);
    /// either direction counts for a metric where neither is better.
    private static func shortfall(_ better: Direction, from reference: Double, to value: Double) -> Double {
        switch better {
        case .higher: return reference - value
        case .lower: return value - reference
        case .neither: return abs(value - reference)
        }
    }

    /// The value a rule reads: one side's or the pair's, overall or of one class.
    private static func read(_ metric: MetricResult, _ side: MetricSide, _ label: String?) -> Double? {
        switch (side, label) {
        case (.original, nil): return metric.original?.value
        case (.synthetic, nil): return metric.synthetic?.value
        case (.pair, nil): return metric.value
        case (.original, let label?): return metric.byClass?[label]?.original
        case (.synthetic, let label?): return metric.byClass?[label]?.synthetic
        case (.pair, let label?): return metric.byClass?[label]?.value
        }
    }

    /// The rule's bounds in words.
    static func condition(_ rule: GateRule, side: MetricSide, baseline: GateBaseline?) -> String {
        let f = MetricComparison.format
        let name = side == .pair ? "value" : side.rawValue
        var parts: [String] = []
        if let min = rule.min { parts.append("\(name) ≥ \(f(min))") }
        if let max = rule.max { parts.append("\(name) ≤ \(f(max))") }
        if let minRatio = rule.minRatio { parts.append("synthetic / original ≥ \(f(minRatio))") }
        if let maxRatio = rule.maxRatio { parts.append("synthetic / original ≤ \(f(maxRatio))") }
        if let maxDelta = rule.maxDelta { parts.append("worse than the original by ≤ \(f(maxDelta))") }
        if let maxRegression = rule.maxRegression {
            parts.append("worse than \(baseline.map { "run #\($0.runID)" } ?? "the baseline") by ≤ \(f(maxRegression))")
        }
        return parts.joined(separator: "; ")
    }
}
