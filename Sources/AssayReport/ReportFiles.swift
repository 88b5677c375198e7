import AssayCore
import Foundation

/// A report's files: rendered in memory, then written all or nothing (`AtomicFiles`), so a failed run
/// leaves no half-written report.
public enum ReportFiles {
    /// The `formats` of `report`, rendered, with their paths in `directory`.
    ///
    /// - Complexity: O(size of the report).
    public static func render(
        _ report: Report, formats: [ReportFormat], in directory: String, catalog: [MetricDescriptor]
    ) throws -> [OutputFile] {
        try formats.map { format in
            let data: Data
            switch format {
            case .json: data = try JSONReportWriter.encode(report)
            case .html: data = Data(HTMLReportWriter(report: report, catalog: catalog).render().utf8)
            case .md: data = Data(MarkdownReportWriter(report: report, catalog: catalog).render().utf8)
            }
            return OutputFile(path: (directory as NSString).appendingPathComponent(format.fileName), data: data)
        }
    }

    /// Renders and writes `formats` of `report` into `directory`, creating it if needed; on a failure
    /// nothing is left behind, not even the folder if this call created it.
    ///
    /// - Returns: the files written, in `formats` order.
    /// - Throws: `AssayError` (`.runtime`) when the folder or a file cannot be written.
    @discardableResult
    public static func write(
        _ report: Report, formats: [ReportFormat], to directory: String, catalog: [MetricDescriptor]
    ) throws -> [String] {
        let files = try render(report, formats: formats, in: directory, catalog: catalog)
        try AtomicFiles.write(files)
        return files.map(\.path)
    }
}

/// Whole-file writes that either complete or leave the destination untouched.
public enum AtomicFile {
    /// Writes `data` to a new temporary file beside `path`, flushes it, and renames it over `path`
    /// (`AtomicFiles`).
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the file.
    public static func write(_ data: Data, to path: String) throws {
        try AtomicFiles.write(data, to: path)
    }
}

/// report.json: pretty-printed with sorted keys, so equal reports are equal bytes.
public enum JSONReportWriter {
    public static func encode(_ report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(0x0A)
        return data
    }

    /// The report's settings as compact JSON with sorted keys, as the run history keeps them.
    public static func encodeSettings(_ settings: Settings) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(settings), as: UTF8.self)
    }

    public static func decode(_ data: Data) throws -> Report {
        try JSONDecoder().decode(Report.self, from: data)
    }
}
