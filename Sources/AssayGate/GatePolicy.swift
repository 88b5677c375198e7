import AssayCore
import AssayReport
import Foundation
import Yams

/// A gate policy: the rules a report must meet for `assay gate` to pass, read from YAML or JSON.
///
/// ```yaml
/// rules:
///   - metric: leakage.synthetic_near_original_rate
///     max: 0.05
///   - metric: diversity.distinct_2
///     min_ratio: 0.7          # synthetic / original
///     scope: each_class
///     severity: warn
///   - metric: duplicates.near_rate
///     max_regression: 0.02    # against the baseline run
/// ```
///
/// Every mistake — an unknown key or metric id, a bound that is not a number, bounds that contradict
/// each other — is a usage error (exit 2) naming the file, the line and the key, with the closest
/// valid name.
public struct GatePolicy: Sendable, Equatable {
    /// The file the policy was read from, as the user named it.
    public var path: String
    public var rules: [GateRule]

    public init(path: String, rules: [GateRule]) {
        self.path = path
        self.rules = rules
    }

    /// The keys a rule may have.
    static let ruleKeys = [
        "metric", "part", "side", "scope", "severity", "min", "max", "min_ratio", "max_ratio", "max_delta",
        "max_regression",
        "description",
    ]

    /// Reads the policy at `path`.
    ///
    /// - Throws: `AssayError` (`.usage`) for a missing file, malformed YAML or JSON, or a bad rule.
    public static func load(path: String, catalog: MetricCatalog) throws -> GatePolicy {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AssayError(.usage, file: path, "no such policy file; --policy takes a YAML or JSON file of rules")
        }
        try InputFile.checkRegular(path, expecting: "a YAML or JSON file of rules for --policy", kind: .usage)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AssayError(.usage, file: path, "cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AssayError(.usage, file: path, "not UTF-8 text; write the policy as YAML or JSON")
        }
        return try parse(text, path: path, catalog: catalog)
    }

    /// Parses `text` (YAML, or JSON, which is YAML too) as a policy.
    ///
    /// - Throws: `AssayError` (`.usage`) naming `path`, the line and the key of the first problem.
    public static func parse(_ text: String, path: String, catalog: MetricCatalog) throws -> GatePolicy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw AssayError(.usage, file: path, line: errorLine(error), "not valid YAML or JSON (\(reason(error)))")
        }
        guard let root, let mapping = root.mapping else {
            throw AssayError(
                .usage, file: path, line: root?.mark?.line, "a policy is a mapping with a list `rules:`")
        }
        var rulesNode: Node?
        for (key, value) in mapping {
            guard let name = key.string, name == "rules" else {
                throw AssayError(
                    .usage, file: path, line: key.mark?.line, field: key.string,
                    "unknown key; a policy has only `rules:`")
            }
            rulesNode = value
        }
        guard let rulesNode, let sequence = rulesNode.sequence, !sequence.isEmpty else {
            throw AssayError(
                .usage, file: path, line: rulesNode?.mark?.line ?? root.mark?.line, field: "rules",
                "expected a non-empty list of rules, each with a `metric` and at least one bound")
        }
        let rules = try sequence.map { try GateRule(node: $0, path: path, catalog: catalog) }
        return GatePolicy(path: path, rules: rules)
    }

    private static func errorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func reason(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key \(duplicates.joined(separator: ", "))"
        default:
            return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}

/// One rule of a policy: bounds on one metric's value, on one side, overall or in each class.
public struct GateRule: Sendable, Equatable {
    public enum Scope: String, Sendable, CaseIterable {
        case overall
        case eachClass = "each_class"
    }

    public var metric: MetricID
    /// The part of chat or instruction examples to read; nil means the judged part (or plain texts).
    public var part: TextPart?
    /// The side to read; nil means the synthetic side, or the pair value for a metric about the pair.
    public var side: MetricSide?
    public var scope: Scope
    public var severity: Severity
    /// Absolute bounds on the value.
    public var min: Double?
    public var max: Double?
    /// Bounds on synthetic / original.
    public var minRatio: Double?
    public var maxRatio: Double?
    /// A bound on how much worse than the original the synthetic value may be, in the metric's bad
    /// direction (either direction for a metric where neither is better).
    public var maxDelta: Double?
    /// A bound on how much worse than the baseline run the value may be, in the metric's bad
    /// direction (either direction for a metric where neither is better).
    public var maxRegression: Double?
    /// What the rule is for, shown beside its result.
    public var description: String?
    /// The policy line the rule starts on.
    public var line: Int?

    public init(
        metric: MetricID, part: TextPart? = nil, side: MetricSide? = nil, scope: Scope = .overall,
        severity: Severity = .error, min: Double? = nil,
        max: Double? = nil, minRatio: Double? = nil, maxRatio: Double? = nil, maxDelta: Double? = nil,
        maxRegression: Double? = nil, description: String? = nil, line: Int? = nil
    ) {
        self.metric = metric
        self.part = part
        self.side = side
        self.scope = scope
        self.severity = severity
        self.min = min
        self.max = max
        self.minRatio = minRatio
        self.maxRatio = maxRatio
        self.maxDelta = maxDelta
        self.maxRegression = maxRegression
        self.description = description
        self.line = line
    }

    /// Whether the rule compares with the original (ratio or delta bounds).
    public var isRelativeToOriginal: Bool { minRatio != nil || maxRatio != nil || maxDelta != nil }

    init(node: Node, path: String, catalog: MetricCatalog) throws {
        let line = node.mark?.line
        guard let mapping = node.mapping else {
            throw AssayError(
                .usage, file: path, line: line, field: "rules",
                "each rule is a mapping, e.g. `- metric: diversity.distinct_2` with `min: 0.5`")
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard GatePolicy.ruleKeys.contains(name) else {
                let closest = GatePolicy.ruleKeys.min {
                    MetricCatalog.editDistance(name, $0) < MetricCatalog.editDistance(name, $1)
                }
                throw AssayError(
                    .usage, file: path, line: key.mark?.line, field: name,
                    "unknown key (did you mean '\(closest ?? "metric")'?); a rule takes \(GatePolicy.ruleKeys.joined(separator: ", "))"
                )
            }
            values[name] = value
        }
        func problem(_ key: String, _ message: String) -> AssayError {
            AssayError(.usage, file: path, line: values[key]?.mark?.line ?? line, field: key, message)
        }
        func number(_ key: String) throws -> Double? {
            guard let value = values[key] else { return nil }
            guard let scalar = value.scalar, scalar.style == .plain, let number = value.float, number.isFinite
            else {
                throw problem(
                    key,
                    "expected a number, got \(value.string.map { "'\($0)'" } ?? (value.mapping != nil ? "a mapping" : "a list"))"
                )
            }
            return number
        }
        func word<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T?
        where T.RawValue == String {
            guard let value = values[key] else { return nil }
            guard let text = value.string, let parsed = T(rawValue: text) else {
                let options = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem(key, "expected one of \(options), got '\(value.string ?? "?")'")
            }
            return parsed
        }

        guard let name = values["metric"]?.string, !name.isEmpty else {
            throw AssayError(.usage, file: path, line: line, field: "metric", "every rule names a metric id")
        }
        // `diversity.distinct_2@prompt` names the part as `part: prompt` does.
        guard let (metric, namedPart) = MetricID(name).unqualified else {
            throw problem("metric", "'\(name)': the part after '@' must be prompt or response")
        }
        let part = try word("part", TextPart.self)
        if let namedPart, let part, namedPart != part {
            throw problem("part", "the metric names the \(namedPart) part but `part` says \(part)")
        }
        guard catalog.descriptor(metric) != nil else {
            throw problem(
                "metric",
                "unknown metric '\(metric)'; closest: \(catalog.closest(to: name).joined(separator: ", ")) (assay metrics list prints them all)"
            )
        }
        self.init(
            metric: metric, part: part ?? namedPart, side: try word("side", MetricSide.self),
            scope: try word("scope", Scope.self) ?? .overall,
            severity: try word("severity", Severity.self) ?? .error, min: try number("min"), max: try number("max"),
            minRatio: try number("min_ratio"), maxRatio: try number("max_ratio"), maxDelta: try number("max_delta"),
            maxRegression: try number("max_regression"), description: values["description"]?.string, line: line)

        let bounds = [min, max, minRatio, maxRatio, maxDelta, maxRegression]
        guard bounds.contains(where: { $0 != nil }) else {
            throw AssayError(
                .usage, file: path, line: line, field: "metric",
                "the rule on \(metric) has no bound; give min, max, min_ratio, max_ratio, max_delta or max_regression")
        }
        if let min, let max, min > max {
            throw problem("max", "max \(MetricComparison.format(max)) is below min \(MetricComparison.format(min))")
        }
        if let minRatio, minRatio <= 0 { throw problem("min_ratio", "a ratio bound must be above 0") }
        if let maxRatio, maxRatio <= 0 { throw problem("max_ratio", "a ratio bound must be above 0") }
        if let minRatio, let maxRatio, minRatio > maxRatio {
            throw problem(
                "max_ratio",
                "max_ratio \(MetricComparison.format(maxRatio)) is below min_ratio \(MetricComparison.format(minRatio))"
            )
        }
        if let maxDelta, maxDelta < 0 {
            throw problem("max_delta", "max_delta is how much worse than the original the value may be; give 0 or more")
        }
        if let maxRegression, maxRegression < 0 {
            throw problem("max_regression", "max_regression is how much worse the value may get; give 0 or more")
        }
        if isRelativeToOriginal, let side, side != .synthetic {
            let key = ["min_ratio", "max_ratio", "max_delta"].first { values[$0] != nil } ?? "side"
            throw problem(
                key, "bounds relative to the original apply to the synthetic side; remove `side: \(side.rawValue)`")
        }
    }
}
