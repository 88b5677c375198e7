import AssayCore
import Foundation

/// The files `assay compare` and `assay analyze` can write.
public enum ReportFormat: String, CaseIterable, Sendable {
    case json
    case html
    case md

    /// The file name of the format in the output folder.
    public var fileName: String {
        switch self {
        case .json: "report.json"
        case .html: "report.html"
        case .md: "summary.md"
        }
    }

    /// Parses a comma-separated list such as `html,json`.
    public static func list(_ text: String) -> [ReportFormat]? {
        var formats: [ReportFormat] = []
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = ReportFormat(rawValue: name == "markdown" ? "md" : name) else { return nil }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats.isEmpty ? nil : formats
    }
}
