import AssayTestSupport
import Foundation
import Testing

/// summary.md is posted as a pull-request comment: labels, texts and file names from the data must
/// render as plain text, never as tags, links, images, mentions, headings or code (issue 16, item 4).
/// The summary is rendered by cmark-gfm, GitHub's own CommonMark implementation, with GitHub's
/// extensions and raw HTML allowed, as a comment would be.
@Suite struct MarkdownInjectionEndToEndTests {
    static let positive = "</details><h1>pwned</h1> @octocat ![pixel](https://evil.example/p.png) <img src=x>"
    static let negative =
        "[click here](https://phish.example/login) ``` www.phish.example a@b.example\n# Heading\n- item"
    static let texts = [
        "<script>alert(1)</script> **bold** _em_ ~~gone~~ $x^2$ | cell |",
        "```\nan unclosed fence",
        "line one\n\n## injected heading\n> quote\n1. list",
        "visit https://phish.example/reset now, @here and @channel",
        "&lt;b&gt; &amp; &#60;img&#62; <!-- hidden --> <details open>",
    ]

    static func cmarkGFM(_ markdown: URL, in sandbox: URL) throws -> String {
        let binary = URL(fileURLWithPath: "/usr/bin/cmark-gfm")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path),
            "cmark-gfm is missing: scripts/install-deps.sh test installs it (Debian package cmark-gfm)")
        let result = try ChildProcess.run(
            binary,
            [
                "--unsafe", "-e", "table", "-e", "autolink", "-e", "tagfilter", "-e", "strikethrough",
                markdown.path,
            ], in: sandbox, timeout: 30)
        #expect(result.exitCode == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test func dataInTheSummaryRendersAsPlainText() throws {
        try withSandbox { sandbox in
            var rows = Array(try JSONLRows.read(AssayCLI.fixture("reviews_original.jsonl")).prefix(120))
            for index in rows.indices {
                rows[index]["label"] = (rows[index]["label"] as? String) == "positive" ? Self.positive : Self.negative
            }
            let original = sandbox.appendingPathComponent("original.jsonl")
            try JSONLRows.write(rows, to: original)
            // Every synthetic text opens with a hostile snippet, so whichever rows the label check flags, the
            // summary quotes one.
            for index in rows.indices {
                rows[index]["text"] =
                    Self.texts[index % Self.texts.count] + " " + (rows[index]["text"] as? String ?? "")
            }
            let synthetic = sandbox.appendingPathComponent("![x](https:evil.example) @octocat <b>.jsonl")
            try JSONLRows.write(rows, to: synthetic)
            let policy = try GateEndToEndTests.writePolicy(
                "rules:\n  - metric: diversity.distinct_1\n    scope: each_class\n    min: 2\n    severity: warn\n",
                in: sandbox)
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                [
                    "gate", "--policy", policy, "--original", original.path, "--synthetic", synthetic.path,
                    "--embedder", "hashing", "--store", sandbox.appendingPathComponent("store.sqlite").path, "--out",
                    out.path, "--quiet",
                ], in: sandbox, timeout: 180)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let markdown = out.appendingPathComponent("summary.md")
            let source = try String(contentsOf: markdown, encoding: .utf8)
            #expect(source.contains("pwned"), "the labels are in the summary")
            #expect(source.contains("labels flagged by confident learning"), "flagged rows are quoted")

            // The ranked problems quote the data too (label names in their evidence and actions).
            let json = try JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("report.json")))
            let problems = try #require((json as? [String: Any])?["problems"] as? [[String: Any]])
            #expect(source.contains("### Top problems"))

            let html = try Self.cmarkGFM(markdown, in: sandbox)
            func count(_ needle: String) -> Int { html.components(separatedBy: needle).count - 1 }
            // The summary's own structure, and nothing more.
            #expect(count("<h1") == 0)
            #expect(count("<h2") == 1, "only '## Assay report'")
            #expect(count("<h3") == 2, "only '### Top problems' and '### Labels'")
            #expect(count("<details") == 1 && count("</details>") == 1, "only the metrics' own <details>")
            #expect(count("<ol>") == (problems.isEmpty ? 0 : 1), "only the ranked problems' list")
            let ranked = html.components(separatedBy: "<ol>").dropFirst().first?.components(separatedBy: "</ol>").first
            #expect((ranked?.components(separatedBy: "<li>").count ?? 1) - 1 == problems.count, "one item a problem")
            for tag in ["<img", "<a ", "<script", "<pre", "<blockquote><p>quote", "<del>", "<ol ", "<!--", "<b>"] {
                #expect(count(tag) == 0, "\(tag) from the data rendered:\n\(html)")
            }
            #expect(html.firstMatch(of: try Regex("@[A-Za-z]")) == nil, "an @mention would notify someone")
            #expect(count("href=") == 0, "no link of any kind")
            #expect(html.contains("&lt;/details&gt;&lt;h1&gt;pwned&lt;/h1&gt;"), "the label reads as itself")
            // Every table row keeps its cell count: no `|` from the data splits a cell.
            for table in html.components(separatedBy: "<table>").dropFirst() {
                let body = table.components(separatedBy: "</table>")[0]
                let header = body.components(separatedBy: "</tr>")[0]
                let columns =
                    header.components(separatedBy: "<th>").count + header.components(separatedBy: "<th ").count - 2
                for row in body.components(separatedBy: "<tr>").dropFirst(2) {
                    let cells =
                        row.components(separatedBy: "<td>").count + row.components(separatedBy: "<td ").count - 2
                    #expect(cells == columns, "\(row)")
                }
            }
        }
    }
}
