import AssayReport
import AssayTestSupport
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `assay gate` end to end: every exit code, the JUnit XML, baselines, and a store shared by many
/// processes or left by a killed one.
@Suite struct GateEndToEndTests {
    /// The fixtures' first 120 original rows as a "synthetic" set that copies nothing twice, and the same
    /// with 10 rows of each class repeated (the exact-duplicate rate rises; the class balance stays close).
    static func writeSets(in sandbox: URL) throws -> (clean: String, duplicated: String) {
        let rows = Array(try JSONLRows.read(AssayCLI.fixture("reviews_original.jsonl")).prefix(120))
        let clean = sandbox.appendingPathComponent("clean.jsonl")
        try JSONLRows.write(rows, to: clean)
        let negatives = rows.filter { ($0["label"] as? String) == "negative" }.prefix(10)
        let positives = rows.filter { ($0["label"] as? String) == "positive" }.prefix(10)
        let duplicated = sandbox.appendingPathComponent("duplicated.jsonl")
        try JSONLRows.write(rows + negatives + positives, to: duplicated)
        return (clean.path, duplicated.path)
    }

    static func writePolicy(_ text: String, in sandbox: URL, name: String = "policy.yml") throws -> String {
        let url = sandbox.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func gate(
        _ policy: String, synthetic: String, in sandbox: URL, extra: [String] = [], out: String = "out"
    ) throws -> RunResult {
        try AssayCLI.run(
            [
                "gate", "--policy", policy, "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                synthetic, "--embedder", "none", "--store", sandbox.appendingPathComponent("store.sqlite").path,
                "--out", sandbox.appendingPathComponent(out).path, "--quiet",
            ] + extra, in: sandbox, timeout: 180)
    }

    @Test func passingAndWarningRulesExitZeroAndTheReportCarriesTheGates() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy(
                """
                rules:
                  - metric: duplicates.exact_rate
                    max: 0.01
                  - metric: diversity.distinct_2
                    min_ratio: 2
                    severity: warn
                """, in: sandbox)
            let junit = sandbox.appendingPathComponent("junit.xml").path
            let result = try Self.gate(policy, synthetic: sets.clean, in: sandbox, extra: ["--junit", junit])
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            #expect(report.status == .warn)
            #expect(report.gates.map(\.status) == [.pass, .warn])
            #expect(report.gates[0].value == 0)
            let summary = try String(
                contentsOf: sandbox.appendingPathComponent("out/summary.md"), encoding: .utf8)
            #expect(summary.contains("**Gate: ⚠️ warn** — 0 failed, 0 not measured, 1 warnings, 1 passed, 0 skipped"))
            let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
            let cases = try xml.nodes(forXPath: "/testsuites/testsuite/testcase")
            #expect(cases.count == 2)
            #expect(try xml.nodes(forXPath: "//failure").isEmpty)
            #expect(try xml.nodes(forXPath: "//system-out").count == 1)
        }
    }

    @Test func aBrokenErrorRuleExitsOneWithTheFailureInTheJUnit() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy("rules:\n  - metric: duplicates.exact_rate\n    max: 0.01\n", in: sandbox)
            let junit = sandbox.appendingPathComponent("junit.xml").path
            let result = try Self.gate(policy, synthetic: sets.duplicated, in: sandbox, extra: ["--junit", junit])
            #expect(result.exitCode == 1, "\(result.stderr)")
            // 20 of 140 rows repeat an earlier one.
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            #expect(report.status == .fail)
            #expect(report.gates.first?.message == "0.143 is above max 0.010")
            let xml = try XMLDocument(contentsOf: URL(fileURLWithPath: junit))
            let failures = try xml.nodes(forXPath: "//testcase/failure")
            #expect(failures.count == 1)
            #expect(
                (failures.first as? XMLElement)?.attribute(forName: "message")?.stringValue
                    == "0.143 is above max 0.010")
        }
    }

    @Test func aPolicyMistakeExitsTwoBeforeAnythingRunsOrIsRecorded() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy(
                "rules:\n  - metric: duplicates.exact_rate\n    max: 0.01\n  - metric: diversity.distinct2\n    min: 0.1\n",
                in: sandbox)
            let result = try Self.gate(policy, synthetic: sets.clean, in: sandbox)
            #expect(result.exitCode == 2)
            #expect(result.stderrLines.count == 1)
            #expect(
                result.stderr.contains(
                    "policy.yml:4: metric: unknown metric 'diversity.distinct2'; closest: diversity.distinct_2"))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
            // A rule that does not fit its metric is found once the report exists, and is also exit 2.
            let misfit = try Self.writePolicy(
                "rules:\n  - metric: leakage.synthetic_near_original_rate\n    side: synthetic\n    max: 0.1\n",
                in: sandbox,
                name: "misfit.yml")
            let second = try Self.gate(misfit, synthetic: sets.clean, in: sandbox)
            #expect(second.exitCode == 2)
            #expect(
                second.stderr.contains(
                    "misfit.yml:2: side: leakage.synthetic_near_original_rate is a value about the pair"))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
            // A rejected gate creates no store (issue 16): it is created only to record a run.
            let store = sandbox.appendingPathComponent("store.sqlite").path
            #expect(!FileManager.default.fileExists(atPath: store), "nothing was recorded, so no store was made")
            let badBaseline = try Self.gate(
                try Self.writePolicy(
                    "rules:\n  - metric: duplicates.exact_rate\n    max: 1\n", in: sandbox, name: "ok.yml"),
                synthetic: sets.clean, in: sandbox, extra: ["--baseline", "41"])
            #expect(badBaseline.exitCode == 2 && badBaseline.stderr.contains("no run 41: the store does not exist yet"))
            #expect(!FileManager.default.fileExists(atPath: store))
            // With runs recorded, an unknown run is named as such.
            #expect(
                try Self.gate(sandbox.appendingPathComponent("ok.yml").path, synthetic: sets.clean, in: sandbox)
                    .exitCode == 0)
            let unknown = try Self.gate(
                sandbox.appendingPathComponent("ok.yml").path, synthetic: sets.clean, in: sandbox,
                extra: ["--baseline", "41"])
            #expect(unknown.exitCode == 2 && unknown.stderr.contains("no run 41 in the store"))
        }
    }

    @Test func aMissingInputExitsThree() throws {
        try withSandbox { sandbox in
            let policy = try Self.writePolicy("rules:\n  - metric: duplicates.exact_rate\n    max: 0.01\n", in: sandbox)
            let result = try Self.gate(
                policy, synthetic: sandbox.appendingPathComponent("nope.jsonl").path, in: sandbox)
            #expect(result.exitCode == 3)
            #expect(result.stderrLines.count == 1 && result.stderr.contains("nope.jsonl"))
        }
    }

    @Test func aBaselineRegressionFailsOnlyTheRegressedMetric() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy(
                """
                rules:
                  - metric: duplicates.exact_rate
                    max_regression: 0.01
                  - metric: fidelity.label_tvd
                    max_regression: 0.05
                  - metric: diversity.ttr
                    max_regression: 0.2
                """, in: sandbox)
            let name = ["--dataset-name", "reviews", "--baseline", "last"]
            let first = try Self.gate(policy, synthetic: sets.clean, in: sandbox, extra: name, out: "first")
            #expect(first.exitCode == 0, "\(first.stderr)")
            let firstReport = try AssayCLI.report(in: sandbox.appendingPathComponent("first"))
            #expect(firstReport.gates.map(\.status) == [.skipped, .skipped, .skipped], "no baseline yet")
            #expect(firstReport.status == .pass)

            let second = try Self.gate(policy, synthetic: sets.duplicated, in: sandbox, extra: name, out: "second")
            #expect(second.exitCode == 1)
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("second"))
            #expect(report.gates.map(\.status) == [.fail, .pass, .pass])
            #expect(report.gates[0].message.hasPrefix("run #1 had 0.000, now 0.143: worse by 0.143"))

            // The failed run is not a baseline: the next `last` is run 1 again.
            let third = try Self.gate(policy, synthetic: sets.clean, in: sandbox, extra: name, out: "third")
            #expect(third.exitCode == 0)
            let thirdReport = try AssayCLI.report(in: sandbox.appendingPathComponent("third"))
            #expect(thirdReport.gates[0].message.hasPrefix("run #1 had 0.000, now 0.000"))

            let store = sandbox.appendingPathComponent("store.sqlite").path
            let history = try AssayCLI.run(["history", "--store", store], in: sandbox)
            let lines = history.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 5, "header, rule, 3 runs: \(history.stdout)")
            #expect(lines[2].hasPrefix("#3") && lines[2].contains("pass"))
            #expect(lines[3].hasPrefix("#2") && lines[3].contains("fail"))
            let trend = try AssayCLI.run(
                ["history", "--store", store, "--metric", "duplicates.exact_rate"], in: sandbox)
            #expect(trend.exitCode == 0)
            #expect(trend.stdout.contains("+0.143") && trend.stdout.contains("−0.143"))
            let diff = try AssayCLI.run(["diff", "1", "2", "--store", store], in: sandbox)
            #expect(diff.exitCode == 0)
            let rows = diff.stdout.split(separator: "\n").map(String.init)
            #expect(rows.contains { $0.hasPrefix("duplicates.exact_rate") && $0.contains("+0.143") })
        }
    }

    // A rule that passes on the clean set and fails on the duplicated one (20 of 140 rows repeat), and
    // one that passes on both. `diff 1 2` lists the values worse first, then better, then unjudged
    // (the original's values among them), each group by size; below them only the rule that flipped.
    @Test func diffRanksTheWorseFirstAndListsTheGateRulesThatFlipped() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy(
                """
                rules:
                  - metric: duplicates.exact_rate
                    max: 0.01
                  - metric: diversity.distinct_2
                    min_ratio: 0.5
                """, in: sandbox)
            let name = ["--dataset-name", "reviews"]
            #expect(try Self.gate(policy, synthetic: sets.clean, in: sandbox, extra: name, out: "a").exitCode == 0)
            #expect(try Self.gate(policy, synthetic: sets.duplicated, in: sandbox, extra: name, out: "b").exitCode == 1)
            let store = sandbox.appendingPathComponent("store.sqlite").path

            let diff = try AssayCLI.run(["diff", "1", "2", "--store", store, "--limit", "500"], in: sandbox)
            #expect(diff.exitCode == 0, "\(diff.stderr)")
            let lines = diff.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines[0] == "run #1 (reviews, pass) → run #2 (reviews, fail)")
            #expect(
                lines[1].split(separator: " ") == [
                    "metric", "side", "class", "before", "after", "Δ", "size", "verdict",
                ])
            let gateHeading = try #require(lines.firstIndex(of: "gate rules whose status changed:"))
            let rows = lines[3..<(gateHeading - 1)].map { $0.split(separator: " ").map(String.init) }
            #expect(rows.count > 20, "\(diff.stdout)")
            // Self-repetition (0 → 0.684) and self-BLEU (0.054 → 0.324) rose by about 4 half-widths of the
            // change's interval: the largest moves in the bad direction.
            #expect(
                rows[0] == ["diversity.self_repetition", "synthetic", "0.000", "0.684", "+0.684", "4.1×ci", "worse"])
            #expect(rows[1] == ["diversity.self_bleu", "synthetic", "0.054", "0.324", "+0.270", "3.9×ci", "worse"])
            // The exact-duplicate rate has no interval: 0 → 0.143 is the whole of the larger value.
            #expect(rows.contains(["duplicates.exact_rate", "synthetic", "0.000", "0.143", "+0.143", "100%", "worse"]))
            // Groups in order, each by size, largest first, ×ci and % sizes on one scale (45% is 0.45).
            let verdicts = rows.map { ["worse", "better"].contains($0.last ?? "") ? $0.last ?? "" : "" }
            let groups = verdicts.map { ["worse": 0, "better": 1, "": 2][$0] ?? 3 }
            #expect(groups == groups.sorted(), "worse, then better, then unjudged: \(verdicts)")
            #expect(groups.contains(1) && groups.contains(2))
            for group in 0..<3 {
                let sizes = rows.indices.filter { groups[$0] == group }.map { index in
                    let row = rows[index]
                    let size = row[row.count - (groups[index] == 2 ? 1 : 2)]
                    return size.hasSuffix("%")
                        ? 0.01 * (Double(size.dropLast()) ?? .nan) : Double(size.dropLast(3)) ?? .nan
                }
                // Up to the rounding of what is shown: 0.05 for one decimal of ×ci.
                #expect(zip(sizes, sizes.dropFirst()).allSatisfy { $0 >= $1 - 0.05 }, "group \(group): \(sizes)")
            }
            let originals = zip(rows, groups).filter { $0.0[1] == "original" }
            #expect(!originals.isEmpty && originals.allSatisfy { $0.1 == 2 }, "the original's values are not judged")
            #expect(
                Array(lines[gateHeading...].filter { !$0.isEmpty }) == [
                    "gate rules whose status changed:",
                    "  duplicates.exact_rate (synthetic, overall): pass → fail — synthetic ≤ 0.010",
                ])

            // Backwards, the same move is better and the rule went from fail to pass.
            let back = try AssayCLI.run(["diff", "2", "1", "--store", store, "--limit", "500"], in: sandbox)
            let backRows = back.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            #expect(
                backRows.contains(["duplicates.exact_rate", "synthetic", "0.143", "0.000", "−0.143", "100%", "better"]))
            #expect(
                back.stdout.hasSuffix("  duplicates.exact_rate (synthetic, overall): fail → pass — synthetic ≤ 0.010\n")
            )
        }
    }

    // No run of the dataset passed: `--baseline last` takes the latest run, and the gate's line, the
    // results' messages and summary.md say so. Once a run passed, it is the baseline again.
    @Test func baselineLastFallsBackToTheLatestRunWhenNonePassed() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy(
                """
                rules:
                  - metric: duplicates.exact_rate
                    max: 0.01
                  - metric: duplicates.exact_rate
                    max_regression: 0.01
                """, in: sandbox)
            let extra = ["--dataset-name", "reviews", "--baseline", "last"]
            let first = try Self.gate(policy, synthetic: sets.duplicated, in: sandbox, extra: extra, out: "first")
            #expect(first.exitCode == 1, "\(first.stderr)")
            #expect(try AssayCLI.report(in: sandbox.appendingPathComponent("first")).gates[1].status == .skipped)

            // Not quiet, for the gate's line on stdout.
            let second = try AssayCLI.run(
                [
                    "gate", "--policy", policy, "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    sets.clean, "--embedder", "none", "--store", sandbox.appendingPathComponent("store.sqlite").path,
                    "--out", sandbox.appendingPathComponent("second").path,
                ] + extra, in: sandbox, timeout: 180)
            #expect(second.exitCode == 0, "\(second.stderr)")
            #expect(
                second.stdout.contains(
                    "gate: pass — 0 failed, 0 not measured, 0 warnings, 2 passed, 0 skipped (run #2; baseline run #1, the latest: no earlier run passed)\n"
                ), "\(second.stdout)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("second"))
            #expect(report.gates[1].message == "run #1 (the latest; no earlier run passed) had 0.143, now 0.000")
            let summary = try String(contentsOf: sandbox.appendingPathComponent("second/summary.md"), encoding: .utf8)
            #expect(summary.contains(##"run \#1 \(the latest; no earlier run passed\) had 0\.143, now 0\.000"##))

            let third = try Self.gate(policy, synthetic: sets.duplicated, in: sandbox, extra: extra, out: "third")
            #expect(third.exitCode == 1)
            let thirdReport = try AssayCLI.report(in: sandbox.appendingPathComponent("third"))
            #expect(
                thirdReport.gates[1].message
                    == "run #2 had 0.000, now 0.143: worse by 0.143, above max_regression 0.010")
        }
    }

    @Test func eightGatesAtOnceOnOneStoreAllRecordTheirRuns() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy("rules:\n  - metric: duplicates.exact_rate\n    max: 0.01\n", in: sandbox)
            let results = ConcurrentResults()
            DispatchQueue.concurrentPerform(iterations: 8) { index in
                let result = Result {
                    try Self.gate(
                        policy, synthetic: index.isMultiple(of: 2) ? sets.clean : sets.duplicated, in: sandbox,
                        extra: ["--dataset-name", "set\(index)"], out: "out\(index)")
                }
                results.set(index, result)
            }
            for index in 0..<8 {
                let result = try results.get(index)
                #expect(result.exitCode == (index.isMultiple(of: 2) ? 0 : 1), "gate \(index): \(result.stderr)")
                #expect(!result.stderr.contains("locked"))
            }
            let history = try AssayCLI.run(
                ["history", "--store", sandbox.appendingPathComponent("store.sqlite").path], in: sandbox)
            let runs = history.stdout.split(separator: "\n").dropFirst(2)
            #expect(runs.count == 8)
            #expect(Set(runs.map { $0.split(separator: " ")[0] }).count == 8, "distinct run ids")
            #expect(Set(runs.compactMap { $0.split(separator: " ").first { $0.hasPrefix("set") } }).count == 8)
        }
    }

    @Test func aGateKilledWhileRecordingLeavesEveryEarlierRunIntact() throws {
        try withSandbox { sandbox in
            let sets = try Self.writeSets(in: sandbox)
            let policy = try Self.writePolicy("rules:\n  - metric: duplicates.exact_rate\n    max: 0.5\n", in: sandbox)
            for index in 0..<2 {
                #expect(try Self.gate(policy, synthetic: sets.clean, in: sandbox, out: "out\(index)").exitCode == 0)
            }
            let killed = try AssayCLI.killAtPause(
                [
                    "gate", "--policy", policy, "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    sets.clean, "--embedder", "none", "--store", sandbox.appendingPathComponent("store.sqlite").path,
                    "--out", sandbox.appendingPathComponent("killed").path, "--quiet",
                ], hook: "ASSAY_TEST_PAUSE_IN_RECORD", in: sandbox)
            #expect(killed, "the gate never reached the store")

            let history = try AssayCLI.run(
                ["history", "--store", sandbox.appendingPathComponent("store.sqlite").path], in: sandbox)
            #expect(history.exitCode == 0, "\(history.stderr)")
            let runs = history.stdout.split(separator: "\n").dropFirst(2)
            #expect(
                runs.map { String($0.prefix(2)) } == ["#2", "#1"], "the killed run left nothing: \(history.stdout)")
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("killed")), "no report from the killed run")
            // The store takes the next run as if nothing happened.
            #expect(try Self.gate(policy, synthetic: sets.clean, in: sandbox, out: "after").exitCode == 0)
        }
    }
}

/// Results written from concurrent iterations.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<RunResult, Error>] = [:]

    func set(_ index: Int, _ result: Result<RunResult, Error>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func get(_ index: Int) throws -> RunResult {
        lock.lock()
        defer { lock.unlock() }
        return try results[index]?.get() ?? { throw CocoaError(.featureUnsupported) }()
    }
}
