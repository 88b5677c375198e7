import AssayCore
import AssayMetrics
import AssayReport
import Foundation
import Testing

@testable import AssayGate

/// Policies are read from YAML and JSON, and every mistake names its line and key.
@Suite struct GatePolicyTests {
    let catalog = MetricCatalog(Assessment.catalog)

    private func parse(_ text: String) throws -> GatePolicy {
        try GatePolicy.parse(text, path: "policy.yml", catalog: catalog)
    }

    /// The usage error `text` gives.
    private func problem(_ text: String) -> AssayError? {
        do {
            _ = try parse(text)
            return nil
        } catch let error as AssayError {
            return error
        } catch {
            return nil
        }
    }

    @Test func yamlRulesWithEveryBound() throws {
        let policy = try parse(
            """
            # a comment
            rules:
              - metric: diversity.distinct_2
                min_ratio: 0.7
                max_ratio: 1.5
                scope: each_class
                severity: warn
              - metric: leakage.synthetic_near_original_rate
                side: pair
                max: 0.05
                description: no copies
              - metric: duplicates.near_rate
                side: original
                min: 0
                max: 1
                max_regression: 0.02
              - metric: complexity.tokens
                max_delta: 3
            """)
        #expect(policy.rules.count == 4)
        #expect(
            policy.rules[0]
                == GateRule(
                    metric: "diversity.distinct_2", scope: .eachClass, severity: .warn, minRatio: 0.7, maxRatio: 1.5,
                    line: 3))
        #expect(
            policy.rules[1]
                == GateRule(
                    metric: "leakage.synthetic_near_original_rate", side: .pair, max: 0.05, description: "no copies",
                    line: 8))
        #expect(policy.rules[2].side == .original && policy.rules[2].min == 0 && policy.rules[2].maxRegression == 0.02)
        #expect(policy.rules[3].maxDelta == 3 && policy.rules[3].side == nil && policy.rules[3].severity == .error)
    }

    @Test func jsonIsReadToo() throws {
        let policy = try parse(
            #"{"rules": [{"metric": "fidelity.mauve", "min": 0.5}, {"metric": "diversity.vendi", "min_ratio": 1}]}"#)
        #expect(policy.rules.map(\.metric) == ["fidelity.mauve", "diversity.vendi"])
        #expect(policy.rules[0].min == 0.5 && policy.rules[1].minRatio == 1)
    }

    @Test(arguments: [
        // An unknown metric id names the closest ids.
        ("rules:\n  - metric: diversity.distinct2\n    min: 0.5\n", 2, "metric", "closest: diversity.distinct_2, "),
        // An unknown key names the closest key.
        ("rules:\n  - metric: fidelity.mauve\n    minimum: 0.5\n", 3, "minimum", "did you mean 'min'?"),
        // A bound that is not a number, quoted or a word.
        ("rules:\n  - metric: fidelity.mauve\n    min: \"0.5\"\n", 3, "min", "expected a number, got '0.5'"),
        ("rules:\n  - metric: fidelity.mauve\n    min: high\n", 3, "min", "expected a number, got 'high'"),
        ("rules:\n  - metric: fidelity.mauve\n    max: [1]\n", 3, "max", "expected a number, got a list"),
        // Contradictory or impossible bounds.
        ("rules:\n  - metric: fidelity.mauve\n    min: 0.9\n    max: 0.1\n", 4, "max", "max 0.100 is below min 0.900"),
        ("rules:\n  - metric: diversity.vendi\n    min_ratio: 0\n", 3, "min_ratio", "must be above 0"),
        ("rules:\n  - metric: diversity.vendi\n    max_delta: -1\n", 3, "max_delta", "give 0 or more"),
        (
            "rules:\n  - metric: diversity.vendi\n    side: original\n    min_ratio: 1\n", 4, "min_ratio",
            "apply to the synthetic side"
        ),
        // Words outside their sets.
        (
            "rules:\n  - metric: fidelity.mauve\n    min: 0.5\n    severity: fatal\n", 4, "severity",
            "expected one of error, warn, got 'fatal'"
        ),
        (
            "rules:\n  - metric: fidelity.mauve\n    min: 0.5\n    scope: per_class\n", 4, "scope",
            "expected one of overall, each_class"
        ),
        // A rule without a bound, without a metric, and a policy without rules.
        ("rules:\n  - metric: fidelity.mauve\n", 2, "metric", "has no bound"),
        ("rules:\n  - min: 0.5\n", 2, "metric", "every rule names a metric id"),
        ("rules: []\n", 1, "rules", "non-empty list of rules"),
        ("checks:\n  - metric: fidelity.mauve\n", 1, "checks", "a policy has only `rules:`"),
    ])
    func mistakesNameTheLineAndKey(text: String, line: Int, field: String, message: String) throws {
        let error = try #require(problem(text), "accepted: \(text)")
        #expect(error.kind == .usage)
        #expect(error.file == "policy.yml")
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func malformedYamlIsAUsageErrorWithItsLine() throws {
        let error = try #require(problem("rules:\n  - metric: fidelity.mauve\n    min: [0.5\n"))
        #expect(error.kind == .usage && error.message.hasPrefix("not valid YAML or JSON"))
        #expect(error.line != nil)
        let duplicate = try #require(problem("rules:\n  - metric: fidelity.mauve\n    min: 0.5\n    min: 0.6\n"))
        #expect(duplicate.kind == .usage && duplicate.message.contains("duplicate key min"))
    }

    @Test func theShippedDefaultPolicyParses() throws {
        let policy = try GatePolicy.load(path: TestPolicyPaths.defaultPolicy, catalog: catalog)
        #expect(policy.rules.count >= 8)
        #expect(policy.rules.contains { $0.severity == .warn } && policy.rules.contains { $0.severity == .error })
    }
}

enum TestPolicyPaths {
    /// `<root>/policies/default.yml`.
    static var defaultPolicy: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("policies").appendingPathComponent("default.yml").path
    }
}
