import AssayCore
import AssayReport
import AssayText
import Foundation

/// Runs analyzers over a context and assembles the report.
public enum Assessment {
    /// The tool's version, as the report states it.
    public static let toolVersion = "0.1.0"

    /// Every analyzer that has landed, in report order.
    public static var defaultAnalyzers: [any Analyzer] {
        [
            LexicalDiversity(), SemanticDiversity(), Complexity(), LabelNoise(), Duplicates(), Fidelity(), Bias(),
            Utility(), ShapeStatistics(),
        ]
    }

    /// What the part of chat or instruction examples that is not judged gets: diversity, duplicates and
    /// leakage. Complexity, labels, fidelity, bias and utility judge one part, the response by default.
    public static var otherPartAnalyzers: [any Analyzer] {
        [LexicalDiversity(), SemanticDiversity(), Duplicates()]
    }

    /// The catalog of every metric the default analyzers report.
    public static var catalog: [MetricDescriptor] { defaultAnalyzers.flatMap(\.descriptors) }

    /// Analyses `context` with `analyzers` and returns the report.
    ///
    /// - Parameters:
    ///   - command: `compare` or `analyze`, recorded in the report.
    ///   - createdAt: the timestamp to record; the only part of a report that changes between runs
    ///     on the same inputs and seed.
    ///   - datasetNotes: whether to note what the datasets show (loader notes, rows without words, text
    ///     that is not English); false for a run on samples of them, whose full run notes it.
    public static func run(
        _ context: AnalysisContext, analyzers: [any Analyzer] = defaultAnalyzers, command: String,
        createdAt: Date = Date(), datasetNotes: Bool = true
    ) throws -> Report {
        var output = AnalyzerOutput()
        for analyzer in analyzers {
            let result = try analyzer.analyze(context)
            output.metrics += result.metrics
            output.findings += result.findings
            output.skipped += result.skipped
            output.projection = output.projection ?? result.projection
            output.labelQuality = output.labelQuality ?? result.labelQuality
            output.warnings += result.warnings
            output.distributions += result.distributions
            output.bias = output.bias ?? result.bias
            output.shape = output.shape ?? result.shape
            output.settings += result.settings
        }
        var warnings: [String] = output.warnings
        func summary(_ side: Side) -> DatasetSummary? {
            guard let corpus = context.corpus(side) else { return nil }
            let stream = corpus.tokens
            let empty = (0..<corpus.count).filter { stream.tokenRange(of: $0).isEmpty }
            if datasetNotes {
                warnings += corpus.notes.map { "\(corpus.source.path): \($0)" }
                if let languages = context.languages(side),
                    let warning = languageWarning(languages, path: corpus.source.path)
                {
                    warnings.append(warning)
                }
            }
            if datasetNotes, !empty.isEmpty {
                let rows = empty.prefix(5).map { index in
                    location(of: corpus.rowNumbers[index], in: corpus) ?? String(corpus.rowNumbers[index])
                }.joined(separator: ", ")
                warnings.append(
                    "\(corpus.source.path): \(empty.count) row\(empty.count == 1 ? " has" : "s have") no words (row\(empty.count == 1 ? "" : "s") \(rows)\(empty.count > 5 ? ", …" : ""))"
                )
            }
            return DatasetSummary(
                path: corpus.source.path, format: corpus.source.format.rawValue, rows: corpus.count,
                bytes: corpus.source.byteCount, sha256: corpus.source.sha256, textFields: corpus.textFields,
                labelField: corpus.labelField, labels: corpus.isLabelled ? corpus.labelCounts : nil,
                attributeFields: corpus.attributes.keys.sorted(), emptyTexts: empty.count,
                shards: corpus.source.shards?.map { shard in
                    ShardSummary(path: shard.path, rows: shard.rows, bytes: shard.byteCount, sha256: shard.sha256)
                })
        }
        let inputs = Inputs(original: summary(.original), synthetic: summary(.synthetic))
        if let matching = context.sizeMatching, let side = matching.subsampledSide {
            warnings.append(
                "the \(side) set was subsampled to \(matching.rows) rows (seed \(context.settings.seed)) so that corpus-level metrics compare at equal N"
            )
        }
        let settings = Settings(
            embedder: context.embedderName, seed: context.settings.seed, sizeMatching: context.sizeMatching,
            selfBleuHypotheses: context.settings.selfBleuHypotheses,
            bootstrapResamples: context.settings.bootstrapResamples,
            subsampleRepeats: context.settings.subsampleRepeats)
        var report = Report(
            tool: ToolInfo(version: toolVersion), createdAt: timestamp(createdAt), command: command, inputs: inputs,
            settings: settings, metrics: output.metrics, skipped: output.skipped,
            findings: output.findings.map { located($0, in: context) }, warnings: warnings)
        report.projection = output.projection
        report.labelQuality = output.labelQuality
        report.distributions = output.distributions.isEmpty ? nil : output.distributions
        report.bias = output.bias
        report.shape = output.shape
        if let part = output.shape?.judgedPart {
            for index in report.metrics.indices where report.metrics[index].family != "shape" {
                report.metrics[index].part = part
            }
            for index in report.findings.indices { report.findings[index].part = part }
            for index in report.skipped.indices { report.skipped[index].part = part }
        }
        for apply in output.settings { apply(&report.settings) }
        return report
    }

    /// A warning when most identified rows (`LanguageIdentifier`; rows too short to identify aside) are not in
    /// English: the gazetteer's place names and the default group lexicon are English, so the region and group
    /// measures are weak on them (readability follows the side's main language, and an English embedder warns
    /// of itself, `EmbeddingProvider`). Nil otherwise.
    static func languageWarning(_ guesses: [LanguageGuess], path: String) -> String? {
        let counts = LanguageCounts(guesses)
        guard counts.mostlyNotEnglish else { return nil }
        return
            "\(path): \(counts.notEnglish) of \(counts.identified) identified rows are not in English (\(counts.otherLanguages)): the gazetteer's place names and the default group lexicon are English, so the region and group measures see little of them (give --groups a lexicon in their language; docs/languages.md)"
    }

    /// `finding` with the `FILE:LINE` of its row and related rows filled in where their dataset was read
    /// from shards (`Corpus.Source.location(ofRow:)`); unchanged for single files.
    static func located(_ finding: Finding, in context: AnalysisContext) -> Finding {
        var located = finding
        located.location = finding.row.flatMap { location(of: $0, in: context.corpus(finding.side)) }
        located.related = finding.related?.map { related in
            var row = related
            row.location = location(of: related.row, in: context.corpus(related.side))
            return row
        }
        return located
    }

    /// `FILE:LINE` of row number `row` of `corpus`, when it was read from shards.
    public static func location(of row: Int, in corpus: Corpus?) -> String? {
        corpus?.source.location(ofRow: row).map { "\($0.file):\($0.line)" }
    }

    /// ISO 8601 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
