import ArgumentParser
import AssayCore
import AssayMetrics
import AssayPipeline
import AssayReport
import Foundation

/// `assay metrics`: the metric catalog — every metric id, its definition, source and direction.
struct Metrics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The metric catalog: list the metrics, show one, or write the metrics/ pages.",
        subcommands: [List.self, Show.self, Docs.self], defaultSubcommand: List.self)

    static var catalog: MetricCatalog { MetricCatalog(Assessment.catalog) }

    /// `assay metrics list`: one line per metric, by family.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every metric id, by family.")

        @Option(help: "Only this family (diversity, complexity, noise …).")
        var family: String?

        func run() async throws {
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
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one metric's definition and source.")

        @Argument(help: "The metric id, e.g. diversity.distinct_2.")
        var id: String

        func run() async throws {
            let catalog = Metrics.catalog
            guard let metric = catalog.descriptor(MetricID(id)) else {
                let suggestions = catalog.closest(to: id).joined(separator: ", ")
                throw AssayError(
                    .usage, "no metric '\(id)'; closest: \(suggestions) (assay metrics list prints them all)")
            }
            Console.print(catalog.entry(metric))
        }
    }

    /// `assay metrics docs`: writes the catalog's Markdown pages, or checks that they are current.
    struct Docs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the catalog's Markdown pages (metrics/README.md and one page per family).",
            discussion: "With --check, write nothing and exit 1 if the folder's pages differ from the code's.")

        @Option(name: .customLong("out"), help: "Folder for the pages.")
        var directory: String = "metrics"

        @Flag(help: "Only check that the pages are current; exit 1 and name the stale ones if not.")
        var check = false

        func run() async throws {
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
            try MetricPages.write(pages, to: directory)
            Console.print("wrote \(pages.count) pages to \(directory)\(stale.isEmpty ? " (unchanged)" : "")")
        }
    }
}
