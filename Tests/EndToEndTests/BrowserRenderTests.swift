import AssayTestSupport
import Foundation
import Testing

/// The demo report (`make demo`'s command) rendered in headless Chromium: on a desktop screen, in a
/// phone's 375-pixel viewport and printed to PDF. Screenshots and the PDF stay in
/// `.build/browser-check/` for a person to look at.
///
/// A page probe, injected into a copy of the report behind a Content-Security-Policy that allows no
/// network at all, records console errors and warnings, uncaught errors, failed loads and blocked
/// requests, the section ids and the page's width; the report itself is also run as it is, and
/// Chromium must log no console message for it.
@Suite(.serialized) struct BrowserRenderTests {
    /// The sections every comparison report has, by element id.
    static let familySections = [
        "problems", "verdict", "inputs", "diversity", "semantic", "complexity", "noise", "duplicates", "leakage",
        "fidelity",
        "bias", "utility", "glossary",
    ]

    static let folder = TestPaths.packageRoot.appendingPathComponent(".build").appendingPathComponent(
        "browser-check")

    /// The demo report, rendered once for the suite.
    static let demo: Result<URL, DemoError> = renderDemo()

    struct DemoError: Error, CustomStringConvertible {
        var description: String
    }

    private static func renderDemo() -> Result<URL, DemoError> {
        let out = folder.appendingPathComponent("demo")
        do {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let result = try AssayCLI.run(
                [
                    "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                    AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
                    TestPaths.modelDirectory, "--out", out.path, "--quiet",
                ], in: folder, timeout: 300)
            guard result.exitCode == 0 else {
                return .failure(DemoError(description: "assay compare failed: \(result.stderr)"))
            }
            return .success(out.appendingPathComponent("report.html"))
        } catch {
            return .failure(DemoError(description: "\(error)"))
        }
    }

    private func chromium() throws -> HeadlessChromium {
        try #require(
            HeadlessChromium.locate(), "no chromium on the PATH: make test installs the Debian package chromium")
    }

    /// What the page probe recorded.
    struct ProbeResult: Decodable {
        var errors: [String]
        var blocked: [String]
        var viewport: Double
        var scrollWidth: Double
        var sections: [String]
        var cards: Int
        var overflowing: [String]
        /// The order of the first diversity table's synthetic column after one click on its header
        /// and after a second.
        var sorting: String
        /// The items of the problem list, and where the first one is on the page (px from its top).
        var problems: Int
        var firstProblemKind: String?
        var firstProblemTop: Double?
        var firstProblemBottom: Double?
        /// `document.body.scrollHeight`: the page's height in pixels at the viewport's width.
        var height: Double
    }

    /// Records console errors, failed loads and blocked requests from the first moment, then, once the
    /// page has loaded, the layout facts; the result goes into `body[data-assay-check]` and, inside a
    /// frame, to the parent page.
    static let probe = """
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'unsafe-inline'">
        <script>
        (function () {
          var check = {errors: [], blocked: []};
          function record(kind) { return function () { check.errors.push(kind + ': ' + Array.prototype.join.call(arguments, ' ')); }; }
          console.error = record('console.error'); console.warn = record('console.warn');
          addEventListener('error', function (e) {
            var t = e.target;
            check.errors.push(e.message || ('failed to load ' + (t && (t.src || t.href || t.tagName))));
          }, true);
          addEventListener('securitypolicyviolation', function (e) { check.blocked.push(e.blockedURI + ' (' + e.violatedDirective + ')'); });
          function clipped(el) {
            for (var p = el.parentElement; p; p = p.parentElement) {
              if (getComputedStyle(p).overflowX !== 'visible') return true;
            }
            return false;
          }
          addEventListener('load', function () {
            setTimeout(function () {
              check.viewport = innerWidth;
              check.scrollWidth = document.documentElement.scrollWidth;
              check.sections = Array.prototype.map.call(document.querySelectorAll('[id]'), function (s) { return s.id; });
              check.cards = document.querySelectorAll('#verdict .card').length;
              var items = document.querySelectorAll('#problems ol li');
              check.problems = items.length;
              if (items.length) {
                var box = items[0].getBoundingClientRect();
                check.firstProblemKind = items[0].getAttribute('data-kind');
                check.firstProblemTop = box.top + scrollY; check.firstProblemBottom = box.bottom + scrollY;
              }
              check.height = document.body.scrollHeight;
              check.overflowing = Array.prototype.filter.call(document.querySelectorAll('body *'), function (el) {
                return el.getBoundingClientRect().right > innerWidth + 1 && !clipped(el);
              }).slice(0, 5).map(function (el) { return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : ''); });
              check.sorting = (function () {
                var table = document.querySelector('#diversity table.sortable');
                if (!table) return 'no sortable table';
                var header = table.tHead.rows[0].cells[1], seen = [];
                for (var round = 0; round < 2; round++) {
                  header.click();
                  var values = Array.prototype.map.call(table.tBodies[0].rows, function (r) { return parseFloat(r.cells[1].textContent.replace('−', '-')); });
                  var up = values.every(function (v, i) { return i === 0 || values[i - 1] <= v; });
                  var down = values.every(function (v, i) { return i === 0 || values[i - 1] >= v; });
                  seen.push(up && !down ? 'ascending' : down && !up ? 'descending' : 'unsorted');
                }
                return seen.join(',');
              })();
              var json = JSON.stringify(check);
              document.body.setAttribute('data-assay-check', json);
              if (parent !== window) parent.postMessage(json, '*');
            }, 0);
          });
        })();
        </script>
        """

    /// A copy of the report with the probe first in its head.
    private func probedCopy(of report: URL, name: String = "probed-report.html") throws -> URL {
        let html = try String(contentsOf: report, encoding: .utf8)
        let probed = html.replacingOccurrences(of: "<head>\n", with: "<head>\n\(Self.probe)\n")
        #expect(probed != html, "the report has no <head>")
        let url = Self.folder.appendingPathComponent(name)
        try probed.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The probe's result from a dumped DOM.
    private func probeResult(_ dom: String) throws -> ProbeResult {
        let attribute = try #require(
            dom.range(of: "data-assay-check=\"").map { dom[$0.upperBound...] }, "the page probe did not report")
        let end = try #require(attribute.firstIndex(of: "\""))
        let json = String(attribute[..<end]).replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(ProbeResult.self, from: Data(json.utf8))
    }

    private func expectCleanPage(_ result: ProbeResult, _ viewport: String) {
        #expect(result.errors.isEmpty, "\(viewport): errors on the page: \(result.errors)")
        #expect(result.blocked.isEmpty, "\(viewport): the page tried the network: \(result.blocked)")
        for id in Self.familySections {
            #expect(result.sections.contains(id), "\(viewport): no element with id \(id)")
        }
        #expect(result.cards == 8, "\(viewport): \(result.cards) verdict cards")
        #expect(
            result.scrollWidth <= result.viewport,
            "\(viewport): the page is \(result.scrollWidth) px wide in a \(result.viewport) px viewport; wider: \(result.overflowing)"
        )
        #expect(result.overflowing.isEmpty, "\(viewport): elements past the right edge: \(result.overflowing)")
    }

    @Test func desktopRenderingHasEverySectionNoConsoleMessageAndNoRequest() throws {
        let report = try Self.demo.get()
        let browser = try chromium()
        let html = try String(contentsOf: report, encoding: .utf8)
        for pattern in ["src=\"http", "href=\"http", "url(http", "@import", "<link "] {
            #expect(!html.contains(pattern), "the report references an outside resource: \(pattern)")
        }

        let screenshot = Self.folder.appendingPathComponent("report-desktop.png")
        let shot = try browser.run(
            report, ["--enable-logging=stderr", "--v=0", "--window-size=1280,2000", "--screenshot=\(screenshot.path)"],
            in: Self.folder)
        #expect(shot.exitCode == 0, "\(shot.stderr)")
        #expect(shot.consoleLines.isEmpty, "the report logged to the console: \(shot.consoleLines)")
        let png = try Data(contentsOf: screenshot)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // IHDR: width and height, big-endian, at bytes 16–23.
        let size = png.count >= 24 ? png[16..<24].reduce(0) { $0 << 8 | UInt64($1) } : 0
        #expect(size == (1280 << 32 | 2000), "screenshot is not 1280×2000")

        let dom = try browser.run(
            try probedCopy(of: report), ["--window-size=1280,900", "--dump-dom"], in: Self.folder)
        #expect(dom.exitCode == 0, "\(dom.stderr)")
        let result = try probeResult(dom.stdout)
        expectCleanPage(result, "desktop")
        #expect(result.sorting == "ascending,descending", "clicking a column header sorts the table")
    }

    /// The demo page's height at 1280 px before issue 19 folded it: 27,384 px (`document.body.scrollHeight`
    /// of main at 8d2b779, 34 screens of 800 px). Folded under the problems and the cards it is 4,168 px.
    static let heightBeforeFolding = 27_384.0

    /// On a 1280×800 screen the ranked problems open the page: the first is inside the first 800 pixels,
    /// the list has every problem report.json ranks, and the page is at most a third of its former height.
    @Test func theProblemsAreOnTheFirstScreenAndThePageIsAThirdOfItsFormerHeight() throws {
        let report = try Self.demo.get()
        let browser = try chromium()
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: report.deletingLastPathComponent().appendingPathComponent("report.json")))
        let problems = try #require((json as? [String: Any])?["problems"] as? [[String: Any]])
        #expect(!problems.isEmpty, "the demo's synthetic set has problems to rank")

        let dom = try browser.run(
            try probedCopy(of: report, name: "probed-first-screen.html"), ["--window-size=1280,800", "--dump-dom"],
            in: Self.folder)
        #expect(dom.exitCode == 0, "\(dom.stderr)")
        let result = try probeResult(dom.stdout)
        #expect(result.viewport == 1280)
        #expect(result.problems == problems.count)
        #expect(result.firstProblemKind == problems.first?["kind"] as? String, "the list keeps report.json's ranking")
        let top = try #require(result.firstProblemTop)
        let bottom = try #require(result.firstProblemBottom)
        #expect(top > 0 && bottom <= 800, "the first problem is at \(top)–\(bottom) px")
        #expect(
            result.height <= Self.heightBeforeFolding / 3,
            "the page is \(result.height) px tall at 1280 px; a third of \(Self.heightBeforeFolding) is the most")
    }

    @Test func phoneViewportFitsTheWidth() throws {
        let report = try Self.demo.get()
        let browser = try chromium()
        let result = try probeInPhoneFrame(try probedCopy(of: report), browser: browser, name: "phone.html")
        #expect(result.viewport == 375)
        expectCleanPage(result, "375 px")

        let screenshot = Self.folder.appendingPathComponent("report-phone.png")
        let shot = try browser.run(
            Self.folder.appendingPathComponent("phone.html"),
            ["--window-size=375,1600", "--screenshot=\(screenshot.path)"],
            in: Self.folder)
        #expect(shot.exitCode == 0 && FileManager.default.fileExists(atPath: screenshot.path))
    }

    /// The probe's result for `probed` shown in a 375-pixel frame (a phone's viewport), written as `name`.
    private func probeInPhoneFrame(_ probed: URL, browser: HeadlessChromium, name: String) throws -> ProbeResult {
        // Chromium's headless window is at least 500 px wide; a 375 px frame is the phone's viewport.
        let frame = Self.folder.appendingPathComponent(name)
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8"><script>
        addEventListener('message', function (e) { document.body.setAttribute('data-assay-check', e.data); });
        </script></head><body style="margin:0"><iframe src="\(probed.lastPathComponent)" width="375" height="1600" style="border:0"></iframe></body></html>
        """.write(to: frame, atomically: true, encoding: .utf8)
        let dom = try browser.run(
            frame, ["--allow-file-access-from-files", "--window-size=500,1600", "--dump-dom"], in: Self.folder)
        #expect(dom.exitCode == 0, "\(dom.stderr)")
        return try probeResult(dom.stdout)
    }

    /// A chat comparison (fixtures/shapes) renders its conversation-shape section with the prompt and
    /// response side by side, cleanly on a desktop and a phone.
    @Test func chatReportRendersTheShapeAndPartsSections() throws {
        let browser = try chromium()
        let out = Self.folder.appendingPathComponent("chat")
        let run = try AssayCLI.run(
            [
                "compare", "--original", AssayCLI.fixture("shapes/chat_original.jsonl"), "--synthetic",
                AssayCLI.fixture("shapes/chat_synthetic.jsonl"), "--shape", "chat", "--embedder", "hashing", "--out",
                out.path, "--quiet",
            ], in: Self.folder, timeout: 300)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let probed = try probedCopy(of: out.appendingPathComponent("report.html"), name: "probed-chat.html")
        let dom = try browser.run(probed, ["--window-size=1280,900", "--dump-dom"], in: Self.folder)
        #expect(dom.exitCode == 0, "\(dom.stderr)")
        let desktop = try probeResult(dom.stdout)
        expectCleanPage(desktop, "chat, desktop")
        #expect(desktop.sections.contains("shape") && desktop.sections.contains("parts"))
        let phone = try probeInPhoneFrame(probed, browser: browser, name: "phone-chat.html")
        expectCleanPage(phone, "chat, 375 px")
    }

    @Test func printedToPDFEverySectionAndTheFoldedTablesAreOnPaper() throws {
        let report = try Self.demo.get()
        let browser = try chromium()
        let pdf = Self.folder.appendingPathComponent("report.pdf")
        let run = try browser.run(report, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)"], in: Self.folder)
        #expect(run.exitCode == 0, "\(run.stderr)")
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Data("%PDF-".utf8)))

        let text = try pdfText(pdf)
        for heading in [
            "Top problems", "Verdict", "Inputs", "Diversity", "Semantic diversity", "Complexity", "Labels",
            "Duplicates", "Leakage",
            "Fidelity", "Bias", "Utility", "Glossary",
        ] {
            #expect(text.contains(heading), "the PDF has no \(heading)")
        }
        // Inside <details> elements that are closed on screen: the subregion table of the bias section.
        #expect(text.contains("Northern America"), "folded details are not printed")
    }

    /// The text of `pdf` (poppler's pdftotext, which make test installs).
    private func pdfText(_ pdf: URL) throws -> String {
        let tool = try #require(
            ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "no pdftotext: make test installs the Debian package poppler-utils")
        let output = Self.folder.appendingPathComponent("report.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", pdf.path, output.path]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return try String(contentsOf: output, encoding: .utf8)
    }
}
