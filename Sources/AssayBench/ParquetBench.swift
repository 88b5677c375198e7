import AssayCore
import AssayParquet
import Foundation

/// `AssayBench parquet FILE COLUMN [load]`: reads one column of a Parquet file (scripts/make-parquet-bench.py
/// writes a 1,000,000-row one), a row group at a time, into Swift values (strings for a text column), and
/// prints the file's MB/s (file bytes / seconds, as scripts/parquet-read-bench.py prints pyarrow's) and the
/// peak resident memory of the process. With `load`, times `DatasetLoader.load` with COLUMN as the text
/// field instead: the whole path of a dataset into a corpus.
func parquetBench(path: String, column: String, load: Bool) {
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    var rows = 0
    var characters = 0
    var failure: String?
    let elapsed = seconds {
        do {
            if load {
                let corpus = try DatasetLoader.load(
                    path: path, fields: FieldOptions(textFields: [column], labelField: "label"))
                rows = corpus.count
                characters = corpus.texts.reduce(0) { $0 + $1.utf8.count }
                return
            }
            let file = try ParquetFile(path: path)
            try file.forEachRowGroup(fields: [column]) { values, count in
                rows += count
                for case .string(let text) in values[column] ?? [] { characters += text.utf8.count }
            }
        } catch {
            failure = "\(error)"
        }
    }
    if let failure {
        print("parquet: \(path): \(failure)")
        return
    }
    print(
        String(
            format:
                "parquet %@ %@ column '%@': %d rows, %.0f MB of text, %.2f s, %.0f MB/s of file (%.0f MB), peak RSS %.0f MB",
            load ? "load" : "read", (path as NSString).lastPathComponent, column, rows, Double(characters) / 1e6,
            elapsed, Double(bytes) / 1e6 / elapsed, Double(bytes) / 1e6, peakResidentMegabytes()))
}
