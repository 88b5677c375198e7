import ArgumentParser
import AssayCore
import AssayMetrics
import AssayReport
import Foundation

/// `assay metrics`: the metric catalog — every metric id, its definition, source and direction.
struct Metrics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The metric catalog: list the metrics, show one, or write the metrics/ pages.",
        subcommands: [List.self, Show.self, Docs.self], defaultSubcommand: List.self)

    static var catalog: MetricCatalog { MetricCatalog(Assessment.catalog) }

    /// `assay metrics list`: one line per metric, by family.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every metric id, by family.")

        @Option(help: "Only this family (diversity, complexity, noise …).")
        var family: String?

        func run() throws {
            var catalog = Metrics.catalog
            if let family {
                guard catalog.families.contains(family) else {
                    throw AssayError(
                        .usage, field: "--family",
                        "no family '\(family)'; the families are \(catalog.families.joined(separator: ", "))")
                }
                catalog = MetricCatalog(catalog.descriptors.filter { $0.family == family })
            }
            Console.print(catalog.listing(), terminator: "")
        }
    }

    /// `assay metrics show ID`: one metric's definition, source, direction, interval and caveat.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one metric's definition and source.")

        @Argument(help: "The metric id, e.g. diversity.distinct_2.")
        var id: String

        func run() throws {
            let catalog = Metrics.catalog
            guard let metric = catalog.descriptor(id) else {
                let suggestions = catalog.closest(to: id).joined(separator: ", ")
                throw AssayError(
                    .usage, "no metric '\(id)'; closest: \(suggestions) (assay metrics list prints them all)")
            }
            Console.print(catalog.entry(metric))
        }
    }

    /// `assay metrics docs`: writes the catalog's Markdown pages, or checks that they are current.
    struct Docs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the catalog's Markdown pages (metrics/README.md and one page per family).",
            discussion: "With --check, write nothing and exit 1 if the folder's pages differ from the code's.")

        @Option(name: .customLong("out"), help: "Folder for the pages.")
        var directory: String = "metrics"

        @Flag(help: "Only check that the pages are current; exit 1 and name the stale ones if not.")
        var check = false

        func run() throws {
            let pages = Metrics.catalog.pages()
            let stale = MetricPages.stale(pages, in: directory)
            if check {
                guard stale.isEmpty else {
                    FileHandle.standardError.write(
                        Data(
                            "assay: \(directory): stale catalog pages: \(stale.joined(separator: ", ")); run assay metrics docs\n"
                                .utf8))
                    throw ExitCode(1)
                }
                Console.print("\(directory): \(pages.count) pages are current")
                return
            }
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw AssayError(.runtime, file: directory, "cannot create the folder (\(error.localizedDescription))")
            }
            for (name, text) in pages {
                try AtomicFile.write(Data(text.utf8), to: (directory as NSString).appendingPathComponent(name))
            }
            for name in MetricPages.orphans(pages, in: directory) {
                try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
            }
            Console.print("wrote \(pages.count) pages to \(directory)\(stale.isEmpty ? " (unchanged)" : "")")
        }
    }
}

/// Which committed catalog pages differ from the generated ones.
enum MetricPages {
    /// The names of pages missing from `directory`, different from `pages`, or generated pages there
    /// that the catalog no longer has.
    static func stale(_ pages: [(name: String, text: String)], in directory: String) -> [String] {
        let changed = pages.filter { name, text in
            let path = (directory as NSString).appendingPathComponent(name)
            return (try? String(contentsOfFile: path, encoding: .utf8)) != text
        }.map(\.name)
        return (changed + orphans(pages, in: directory)).sorted()
    }

    /// Generated pages in `directory` (they start with the marker) that `pages` does not have.
    static func orphans(_ pages: [(name: String, text: String)], in directory: String) -> [String] {
        let names = Set(pages.map(\.name))
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return entries.sorted().filter { name in
            guard name.hasSuffix(".md"), !names.contains(name) else { return false }
            let path = (directory as NSString).appendingPathComponent(name)
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return text.hasPrefix(MetricCatalog.generatedMarker)
        }
    }
}
