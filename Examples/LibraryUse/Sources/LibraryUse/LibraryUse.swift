import AssayCore
import AssayMetrics
import AssayPipeline
import AssayReport
import Foundation

/// `assay compare --embedder hashing` from Swift: compares a synthetic dataset with the original through
/// `AssayPipeline`, prints a few metric values and writes report.html, report.json and summary.md.
///
/// Usage: `LibraryUse ORIGINAL SYNTHETIC [REPORT_FOLDER]` (the folder defaults to `library-use-report`).
@main
struct LibraryUse {
    static func main() async {
        let arguments = CommandLine.arguments.dropFirst()
        guard arguments.count == 2 || arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: LibraryUse ORIGINAL SYNTHETIC [REPORT_FOLDER]\n".utf8))
            exit(2)
        }
        let paths = Array(arguments)
        do {
            let options = RunOptions(embedding: EmbeddingProvider(choice: .hashing))
            let result = try await Comparison.run(original: paths[0], synthetic: paths[1], options: options)
            let report = result.report

            for id: MetricID in ["diversity.distinct_2", "diversity.self_bleu", "duplicates.exact_rate"] {
                let metric = report.metric(id)
                print(
                    "\(id): original \(format(metric?.original?.value)), synthetic \(format(metric?.synthetic?.value))")
            }
            for id: MetricID in ["fidelity.mauve", "fidelity.precision", "utility.tstr_ratio"] {
                print("\(id): \(format(report.metric(id)?.value))")
            }

            let files = try ReportFiles.write(
                report, formats: [.html, .json, .md], to: paths.count == 3 ? paths[2] : "library-use-report",
                catalog: Assessment.catalog)
            print("wrote \(files.joined(separator: ", "))")
        } catch {
            FileHandle.standardError.write(Data("LibraryUse: \(error)\n".utf8))
            exit(1)
        }
    }

    /// A value with three decimals, or `n/a` when the metric is not in the report or undefined on this data.
    static func format(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "n/a"
    }
}
