import Foundation
import Testing

/// One wrong command line; `OUT` stands for the output folder.
struct UsageErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [String]
    /// A phrase stderr must contain.
    var phrase: String

    var testDescription: String { name }
}

/// Usage errors (exit 2), help and version, run as a subprocess.
@Suite struct UsageEndToEndTests {
    static let original = AssayCLI.fixture("reviews_original.jsonl")
    static let synthetic = AssayCLI.fixture("reviews_synthetic.jsonl")

    static let cases: [UsageErrorCase] = [
        UsageErrorCase(
            name: "unknown option",
            arguments: ["compare", "--original", original, "--synthetic", synthetic, "--frobnicate", "--out", "OUT"],
            phrase: "--frobnicate"),
        UsageErrorCase(
            name: "compare without --synthetic", arguments: ["compare", "--original", original, "--out", "OUT"],
            phrase: "--synthetic"),
        UsageErrorCase(
            name: "unknown format",
            arguments: [
                "compare", "--original", original, "--synthetic", synthetic, "--format", "pdf", "--out", "OUT",
            ],
            phrase: "pdf"),
        UsageErrorCase(
            name: "analyze as neither side", arguments: ["analyze", "x.jsonl", "--as", "middle", "--out", "OUT"],
            phrase: "middle"),
        UsageErrorCase(
            name: "duplicates field that is not a text field",
            arguments: [
                "compare", "--original", original, "--synthetic", synthetic, "--duplicates-field", "premise", "--out",
                "OUT",
            ],
            phrase: "--duplicates-field 'premise' is not a --text-field"),
        UsageErrorCase(
            name: "Jaccard threshold above 1",
            arguments: [
                "compare", "--original", original, "--synthetic", synthetic, "--near-jaccard", "1.5", "--out", "OUT",
            ],
            phrase: "--near-jaccard must be in (0, 1]"),
        UsageErrorCase(
            name: "unknown long-text policy",
            arguments: [
                "compare", "--original", original, "--synthetic", synthetic, "--long-text", "split", "--out", "OUT",
            ],
            phrase: "--long-text"),
        UsageErrorCase(
            name: "self-BLEU sample of zero",
            arguments: [
                "compare", "--original", original, "--synthetic", synthetic, "--self-bleu-sample", "0", "--out", "OUT",
            ],
            phrase: "--self-bleu-sample"),
    ]

    @Test(arguments: cases)
    func usageErrorsExitTwoAndWriteNothing(usage: UsageErrorCase) throws {
        try withSandbox { sandbox in
            let out = sandbox.appendingPathComponent("out")
            let arguments = usage.arguments.map { $0 == "OUT" ? out.path : $0 }
            let result = try AssayCLI.run(arguments, in: sandbox)
            #expect(!result.crashed)
            #expect(result.exitCode == 2, "stderr: \(result.stderr)")
            #expect(!result.stderr.isEmpty)
            #expect(result.stderr.contains(usage.phrase), "stderr: \(result.stderr)")
            #expect(AssayCLI.reportFiles(in: out).isEmpty)
            #expect(AssayCLI.isAbsentOrEmpty(out))
            // Nor in the default output folder.
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("assay-report")))
        }
    }

    @Test func helpListsBothSubcommands() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(["--help"], in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("compare"))
            #expect(result.stdout.contains("analyze"))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("assay-report")))
        }
    }

    @Test func versionMatchesTheReportsToolVersion() throws {
        try withSandbox { sandbox in
            let version = try AssayCLI.run(["--version"], in: sandbox)
            #expect(version.exitCode == 0, "stderr: \(version.stderr)")
            let printed = version.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!printed.isEmpty)

            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                ["analyze", AssayCLI.fixture("unlabelled.jsonl"), "--format", "json", "--out", out.path, "-q"],
                in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(try AssayCLI.report(in: out).tool.version == printed)
        }
    }
}
