import AssayCore
import AssayReport
import Foundation

/// Which committed catalog pages differ from the generated ones.
public enum MetricPages {
    /// The names of pages missing from `directory`, different from `pages`, or generated pages there
    /// that the catalog no longer has.
    public static func stale(_ pages: [(name: String, text: String)], in directory: String) -> [String] {
        let changed = pages.filter { name, text in
            let path = (directory as NSString).appendingPathComponent(name)
            return (try? String(contentsOfFile: path, encoding: .utf8)) != text
        }.map(\.name)
        return (changed + orphans(pages, in: directory)).sorted()
    }

    /// Generated pages in `directory` (they start with the marker) that `pages` does not have.
    public static func orphans(_ pages: [(name: String, text: String)], in directory: String) -> [String] {
        let names = Set(pages.map(\.name))
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().filter { name in
            guard name.hasSuffix(".md"), !names.contains(name) else { return false }
            let path = (directory as NSString).appendingPathComponent(name)
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.hasPrefix(MetricCatalog.generatedMarker)
        }
    }

    /// Writes `pages` to `directory` (created if need be) and removes the generated pages the catalog no
    /// longer has.
    ///
    /// - Throws: `AssayError` (`.runtime`) when the folder cannot be created or a page cannot be written.
    public static func write(_ pages: [(name: String, text: String)], to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AssayError(.runtime, file: directory, "cannot create the folder (\(error.localizedDescription))")
        }
        for (name, text) in pages {
            try AtomicFile.write(Data(text.utf8), to: (directory as NSString).appendingPathComponent(name))
        }
        for name in orphans(pages, in: directory) {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }
}
