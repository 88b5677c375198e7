import AssayReport
import Foundation
import Testing

/// The bias audit through the `assay` binary: the groups file, and what a run without places says.
@Suite struct BiasEndToEndTests {
    static let arguments = [
        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--format", "json,html", "--out", "out",
        "-q",
    ]

    @Test func aGroupsFileNamesTheGroupsAudited() throws {
        try withSandbox { sandbox in
            try Data(#"{"parents": ["mom", "dad", "parents"], "kids": ["kids", "children"]}"#.utf8)
                .write(to: sandbox.appendingPathComponent("groups.json"))
            let result = try AssayCLI.run(Self.arguments + ["--groups", "groups.json"], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let report = try AssayCLI.report(in: sandbox.appendingPathComponent("out"))
            let groups = Set(report.bias?.groups.map(\.group) ?? [])
            #expect(groups == ["kids", "parents"])
            // Two labels on both sides: one row per group and label.
            #expect(report.bias?.groups.count == 4)
            let html = try String(contentsOf: sandbox.appendingPathComponent("out/report.html"), encoding: .utf8)
            #expect(html.contains("<section id=\"bias\">"))
        }
    }

    @Test func aMissingOrMalformedGroupsFileIsAnInputErrorAndWritesNothing() throws {
        try withSandbox { sandbox in
            let missing = try AssayCLI.run(Self.arguments + ["--groups", "nope.json"], in: sandbox)
            #expect(missing.exitCode == 3)
            #expect(missing.stderr.contains("nope.json"))
            try Data(#"["she", "her"]"#.utf8).write(to: sandbox.appendingPathComponent("list.json"))
            let malformed = try AssayCLI.run(Self.arguments + ["--groups", "list.json"], in: sandbox)
            #expect(malformed.exitCode == 3)
            #expect(malformed.stderr.contains("list.json: not a JSON object"))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
        }
    }
}
