import AssayCore
import Foundation

/// Writes a report's files atomically: every file is rendered in memory first, then each is
/// written to a temporary file in the output folder and renamed into place, so a failed run
/// leaves no half-written report.
public enum ReportFiles {
    /// Renders and writes `formats` of `report` into `directory`, creating it if needed.
    ///
    /// - Returns: the files written, in `formats` order.
    /// - Throws: `AssayError` (`.runtime`) when the folder or a file cannot be written.
    @discardableResult
    public static func write(
        _ report: Report, formats: [ReportFormat], to directory: String, catalog: [MetricDescriptor]
    ) throws -> [String] {
        let rendered: [(ReportFormat, Data)] = try formats.map { format in
            switch format {
            case .json: (format, try JSONReportWriter.encode(report))
            case .html: (format, Data(HTMLReportWriter(report: report, catalog: catalog).render().utf8))
            case .md: (format, Data(MarkdownReportWriter(report: report).render().utf8))
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AssayError(
                .runtime, file: directory, "cannot create the output folder (\(error.localizedDescription))")
        }
        return try rendered.map { format, data in
            let path = (directory as NSString).appendingPathComponent(format.fileName)
            try AtomicFile.write(data, to: path)
            return path
        }
    }
}

/// Whole-file writes that either complete or leave the destination untouched.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `path`, flushes it, and renames it over `path`.
    ///
    /// - Throws: `AssayError` (`.runtime`) naming the file.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, path) == 0 else {
                throw CocoaError(
                    .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw AssayError(.runtime, file: path, "cannot be written (\(error.localizedDescription))")
        }
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
