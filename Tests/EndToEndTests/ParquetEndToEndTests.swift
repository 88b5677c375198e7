import AssayTestSupport
import Foundation
import Testing

/// `assay compare` on Parquet files: the report of the review pair written as Parquet is the report of
/// the same pair as JSON Lines, and a damaged file is one line and exit 3 with nothing written.
@Suite struct ParquetEndToEndTests {
    /// report.json without what names the input files: their paths, hashes, sizes and formats, the
    /// command line and the time.
    static func comparable(_ folder: URL, replacing names: [(String, String)]) throws -> String {
        var text = try String(contentsOf: folder.appendingPathComponent("report.json"), encoding: .utf8)
        for (name, placeholder) in names { text = text.replacingOccurrences(of: name, with: placeholder) }
        guard var report = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            var inputs = report["inputs"] as? [String: Any]
        else { return "" }
        for side in ["original", "synthetic"] {
            guard var input = inputs[side] as? [String: Any] else { continue }
            for key in ["bytes", "format", "sha256"] { input[key] = nil }
            inputs[side] = input
        }
        report["inputs"] = inputs
        report["created_at"] = nil
        report["command"] = nil
        let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func compareOnParquetWritesTheReportOfTheJSONLines() throws {
        try withSandbox { sandbox in
            var reports: [String] = []
            for (directory, suffix) in [("", ".jsonl"), ("parquet/", ".parquet")] {
                let original = AssayCLI.fixture(directory + "reviews_original" + suffix)
                let synthetic = AssayCLI.fixture(directory + "reviews_synthetic" + suffix)
                let out = sandbox.appendingPathComponent("out" + suffix)
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", original, "--synthetic", synthetic, "--attr-field", "source",
                        "--embedder", "hashing", "--store", sandbox.appendingPathComponent("store.sqlite").path,
                        "--format", "json", "--out", out.path, "-q",
                    ], in: sandbox, timeout: 300)
                #expect(result.exitCode == 0, "\(result.stderr)")
                reports.append(
                    try Self.comparable(
                        out,
                        replacing: [
                            (original, "ORIGINAL"), (synthetic, "SYNTHETIC"),
                            ((original as NSString).lastPathComponent, "ORIGINAL_NAME"),
                            ((synthetic as NSString).lastPathComponent, "SYNTHETIC_NAME"),
                        ]))
            }
            #expect(reports[0].count > 10_000)
            #expect(reports[0] == reports[1])
            #expect(reports[1].contains("\"parquet\"") == false)
        }
    }

    @Test(arguments: [
        ("bad-magic.parquet", "does not start and end with the Parquet magic bytes PAR1"),
        ("truncated-footer.parquet", "does not start and end with the Parquet magic bytes PAR1"),
        ("invalid-utf8.parquet", "invalid-utf8.parquet:2: text: is not valid UTF-8"),
    ])
    func aDamagedParquetFileIsOneLineAndExit3(name: String, expected: String) throws {
        try withSandbox { sandbox in
            let path = AssayCLI.fixture("parquet/" + name)
            let result = try AssayCLI.run(
                ["analyze", path, "--embedder", "hashing", "--store", "store.sqlite", "--out", "out"], in: sandbox)
            #expect(result.exitCode == 3)
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(result.stderr)")
            #expect(result.stderr.contains(path) && result.stderr.contains(expected), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.appendingPathComponent("out").path))
        }
    }
}
