import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// `assay clean` and `compare --export` through the binary: the rows removed are exactly the rows
/// report.json flags, and every kept line is the input's, byte for byte.
@Suite struct CleanEndToEndTests {
    static let kinds = ["exact_duplicates", "near_duplicates", "leaked_pair", "label_issue"]

    /// The synthetic rows report.json flags for cleaning, by kind, computed from its findings on their own:
    /// every member of a duplicate group but the first, every leaked row, every label issue.
    static func flagged(_ report: Report) -> [String: Set<Int>] {
        var flagged = Dictionary(uniqueKeysWithValues: kinds.map { ($0, Set<Int>()) })
        for finding in report.findings where finding.side == .synthetic && finding.part == nil {
            guard let row = finding.row else { continue }
            switch finding.kind {
            case .exactDuplicates, .nearDuplicates:
                let rows = finding.groupRows ?? []
                #expect(rows.count == (finding.relatedCount ?? 0) + 1 && rows.first == row)
                flagged[finding.kind.rawValue, default: []].formUnion(rows.dropFirst())
            case .leakedPair, .labelIssue:
                flagged[finding.kind.rawValue, default: []].insert(row)
            default:
                continue
            }
        }
        return flagged
    }

    /// The lines of `url`, each with its line end.
    static func lines(_ url: URL) throws -> [Data] {
        let data = try Data(contentsOf: url)
        var lines: [Data] = []
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? data.endIndex
            lines.append(data[start..<end])
            start = end
        }
        return lines
    }

    static func demoArguments(_ command: String, synthetic: String? = nil) -> [String] {
        [
            command, "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
            synthetic ?? AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
            TestPaths.modelDirectory, "--store", TestPaths.realDataStore,
        ]
    }

    /// The demo pair with MiniLM: `clean` drops the union of what report.json flags, `compare --export`
    /// writes the same files, and a comparison of the cleaned set finds no duplicate and no leaked row.
    @Test(.requiresModel)
    func cleanRemovesExactlyTheRowsTheReportFlags() throws {
        try withSandbox { sandbox in
            let compared = try AssayCLI.run(
                Self.demoArguments("compare") + ["--format", "json", "--out", "report", "--export", "exported", "-q"],
                in: sandbox, timeout: 300)
            #expect(compared.exitCode == 0, "\(compared.stderr)")
            let cleaned = try AssayCLI.run(Self.demoArguments("clean") + ["--out", "clean"], in: sandbox, timeout: 300)
            #expect(cleaned.exitCode == 0, "\(cleaned.stderr)")

            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("report"))
            let flagged = Self.flagged(report)
            let removed = flagged.values.reduce(Set<Int>()) { $0.union($1) }
            // fixtures/README.md: six exact copies, five flipped labels; the near groups are the templates.
            #expect(flagged["exact_duplicates"]?.count == 6)
            #expect(flagged["label_issue"] == [18, 45, 72, 103, 140])
            #expect(removed.count > 6)

            let input = try Self.lines(URL(fileURLWithPath: AssayCLI.fixture("reviews_synthetic.jsonl")))
            let output = sandbox.appendingPathComponent("clean/reviews_synthetic.cleaned.jsonl")
            let kept = input.enumerated().filter { !removed.contains($0.offset + 1) }.map(\.element)
            #expect(try Self.lines(output) == kept)

            // Each flagged file lists its kind's rows, every one of them dropped.
            for kind in Self.kinds {
                let url = sandbox.appendingPathComponent("clean/flagged/\(kind).jsonl")
                let records = try JSONLRows.read(url.path)
                #expect(Set(records.compactMap { $0["row"] as? Int }) == flagged[kind], "\(kind)")
                #expect(records.allSatisfy { $0["kind"] as? String == kind && $0["action"] as? String == "drop" })
                #expect(records.allSatisfy { ($0["reason"] as? String)?.isEmpty == false && $0["text"] is String })
                let exported = try Data(contentsOf: sandbox.appendingPathComponent("exported/flagged/\(kind).jsonl"))
                #expect(try Data(contentsOf: url) == exported, "\(kind)")
            }
            let duplicates = try JSONLRows.read(
                sandbox.appendingPathComponent("clean/flagged/exact_duplicates.jsonl").path)
            #expect(duplicates.allSatisfy { $0["duplicate_of"] is Int && $0["score"] as? Double == 1 })
            let exportedSet = sandbox.appendingPathComponent("exported/reviews_synthetic.cleaned.jsonl")
            #expect(try Data(contentsOf: exportedSet) == Data(contentsOf: output))

            // The line counts each removed row once, under its first reason.
            let exact = flagged["exact_duplicates"] ?? []
            let near = (flagged["near_duplicates"] ?? []).subtracting(exact)
            let leaked = (flagged["leaked_pair"] ?? []).subtracting(exact).subtracting(near)
            let labels = removed.subtracting(exact).subtracting(near).subtracting(leaked)
            #expect(
                cleaned.stdout.contains(
                    "removed \(removed.count) of 160 rows: \(exact.count) exact duplicates, \(near.count) near duplicates, \(leaked.count) leaked, \(labels.count) label issues → clean/reviews_synthetic.cleaned.jsonl\n"
                ), "\(cleaned.stdout)")

            let again = try AssayCLI.run(
                Self.demoArguments("compare", synthetic: output.path) + ["--format", "json", "--out", "again", "-q"],
                in: sandbox, timeout: 300)
            #expect(again.exitCode == 0, "\(again.stderr)")
            let cleanReport = try AssayCLI.report(in: sandbox.appendingPathComponent("again"))
            #expect(cleanReport.inputs.synthetic?.rows == 160 - removed.count)
            let left = cleanReport.findings.filter {
                [.exactDuplicates, .nearDuplicates, .leakedPair].contains($0.kind) && $0.side == .synthetic
            }
            #expect(left.isEmpty, "\(left.map { "\($0.kind) \($0.row ?? 0)" })")
            #expect(cleanReport.metric("duplicates.exact_rate")?.synthetic?.value == 0)
            #expect(cleanReport.metric("duplicates.near_rate")?.synthetic?.value == 0)
        }
    }

    /// `--label-issues relabel`: the label-issue rows not dropped for another reason take the suggested
    /// label and change in nothing else; every other kept line is the input's.
    @Test(.requiresModel)
    func relabelChangesExactlyTheLabelIssueRows() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(
                Self.demoArguments("compare") + [
                    "--format", "json", "--out", "report", "--export", "exported", "--label-issues", "relabel", "-q",
                ], in: sandbox, timeout: 300)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("report"))
            let flagged = Self.flagged(report)
            let removed = ["exact_duplicates", "near_duplicates", "leaked_pair"].reduce(Set<Int>()) {
                $0.union(flagged[$1] ?? [])
            }
            let suggested = Dictionary(
                uniqueKeysWithValues: report.findings.filter { $0.kind == .labelIssue && $0.side == .synthetic }.map {
                    ($0.row ?? 0, $0.suggested ?? "")
                })
            let relabelled = Set(suggested.keys).subtracting(removed)
            #expect(!relabelled.isEmpty)

            let input = try Self.lines(URL(fileURLWithPath: AssayCLI.fixture("reviews_synthetic.jsonl")))
            let output = try Self.lines(sandbox.appendingPathComponent("exported/reviews_synthetic.cleaned.jsonl"))
            let keptRows = (1...input.count).filter { !removed.contains($0) }
            try #require(output.count == keptRows.count)
            for (row, line) in zip(keptRows, output) {
                guard relabelled.contains(row) else {
                    #expect(line == input[row - 1], "row \(row)")
                    continue
                }
                var before = try #require(try JSONSerialization.jsonObject(with: input[row - 1]) as? [String: Any])
                let after = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
                #expect(after["label"] as? String == suggested[row] && before["label"] as? String != suggested[row])
                before["label"] = suggested[row]
                #expect(NSDictionary(dictionary: before).isEqual(to: after), "row \(row)")
            }
            let issues = try JSONLRows.read(sandbox.appendingPathComponent("exported/flagged/label_issue.jsonl").path)
            #expect(
                Set(issues.filter { $0["action"] as? String == "relabel" }.compactMap { $0["row"] as? Int })
                    == relabelled)
            #expect(result.stdout.isEmpty)
        }
    }

    /// A TSV set keeps its form: the header and each kept record as they were. Duplicates of the premise
    /// alone (8 premises, 24 rows) keep each premise's first row.
    @Test func aTSVSetStaysTSV() throws {
        try withSandbox { sandbox in
            let arguments = [
                "compare", "--original", AssayCLI.fixture("pairs_original.tsv"), "--synthetic",
                AssayCLI.fixture("pairs_synthetic.tsv"), "--text-field", "premise", "--text-field", "hypothesis",
                "--duplicates-field", "premise", "--embedder", "none", "--format", "json", "--out", "report",
                "--export", "clean", "-q",
            ]
            let result = try AssayCLI.run(arguments, in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("report"))
            let removed = Self.flagged(report).values.reduce(Set<Int>()) { $0.union($1) }
            #expect(Self.flagged(report)["exact_duplicates"]?.count == 16)
            let input = try Self.lines(URL(fileURLWithPath: AssayCLI.fixture("pairs_synthetic.tsv")))
            let output = try Self.lines(sandbox.appendingPathComponent("clean/pairs_synthetic.cleaned.tsv"))
            // Line 1 is the header; record r is line r + 1.
            let kept = input.enumerated().filter { $0.offset == 0 || !removed.contains($0.offset) }.map(\.element)
            #expect(output == kept)
            #expect(output.count == 25 - removed.count)
        }
    }

    /// Usage errors exit 2 and input errors 3, and neither leaves a file behind.
    @Test func aBadOptionOrAMissingFileWritesNothing() throws {
        try withSandbox { sandbox in
            let base = [
                "--original", AssayCLI.fixture("reviews_original.jsonl"), "--embedder", "none", "--out", "out",
            ]
            let badOption = try AssayCLI.run(
                ["clean"] + base + [
                    "--synthetic", AssayCLI.fixture("reviews_synthetic.jsonl"), "--label-issues", "fix",
                ],
                in: sandbox)
            #expect(badOption.exitCode == 2 && badOption.stderr.contains("--label-issues"), "\(badOption.stderr)")
            let missing = try AssayCLI.run(["clean"] + base + ["--synthetic", "missing.jsonl"], in: sandbox)
            #expect(missing.exitCode == 3 && missing.stderr.contains("missing.jsonl"), "\(missing.stderr)")
            let export = try AssayCLI.run(
                ["compare"] + base + ["--synthetic", "missing.jsonl", "--export", "exported"], in: sandbox)
            #expect(export.exitCode == 3, "\(export.stderr)")
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("exported")))
        }
    }
}
