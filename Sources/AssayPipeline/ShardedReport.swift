import AssayCore
import AssayEmbed
import AssayLinalg
import AssayMetrics
import AssayReport

/// `assay report` as a library call: the report of merged states (`ShardState`), one per side.
///
/// Every measure runs on the states' bottom-k samples exactly as `Comparison.run` runs on those rows (so the
/// report equals a single-process run on the same sample), except those the states keep per row, which count every
/// row and equal a single-process run on every row: from the exact keys, the exact duplicate rate and the exact
/// leakage; from each row's words, the 13-gram leakage, the rare-word ratio and the lexical diversity measures but
/// the compression ratio; from the complexity counts, the other complexity descriptors but the classifier loss,
/// with their distances and histograms; from the places each row names, the region audit; from its attribute values
/// and word count, the attribute tables but their measures by value; and from its group mentions, the group
/// associations. The inputs' rows, labels and empty texts are the states' exact counts of every row. The report's
/// settings, family cards and warnings say which rows each measure saw.
///
/// A second pass brings label faithfulness to every synthetic row: `runWritingScorer` also gives the model of
/// the original's sampled rows (`ShardScorer`), `assay shard --score` applies it to every row of each synthetic
/// file, and the report of those states measures `noise.synthetic_label_agreement` and its findings over every
/// row.
public enum ShardedReport {
    /// Reads the states at `original` and `synthetic` (at least one) and reports them.
    ///
    /// - Throws: `AssayError` for a missing or bad state, an empty one, or a bad option file or model.
    public static func run(original: String?, synthetic: String?, options: RunOptions) throws -> RunResult {
        try report(original: original, synthetic: synthetic, options: options).result
    }

    /// `run`, and the scorer of its original's sample: the logistic regression label faithfulness trained on the
    /// original's sampled rows, for `assay shard --score` to apply to every synthetic row.
    ///
    /// - Throws: as `run`; and `AssayError(.usage)` when the run trained no model (the original and synthetic
    ///   states must both be labelled, the original with two classes or more) or used an embedder whose vectors
    ///   depend on the other rows (`--embedder minilm` or `static` can score).
    public static func runWritingScorer(original: String, synthetic: String, options: RunOptions) throws -> (
        result: RunResult, scorer: ShardScorer
    ) {
        let (result, originalState) = try report(original: original, synthetic: synthetic, options: options)
        guard let name = result.embedderName, name == MiniLMEmbedder.name || name.hasPrefix("static-") else {
            throw AssayError(
                .usage, field: "--scorer-out",
                "needs MiniLM's or the static embedder's vectors, which a shard computes row by row; this report used \(result.embedderName ?? "none"): pass --embedder minilm or static"
            )
        }
        guard let model = result.originalModel?.snapshot, let originalState else {
            throw AssayError(
                .usage, field: "--scorer-out",
                "needs label faithfulness, which trains the model: labelled original and synthetic states, the original with two classes or more"
            )
        }
        let scorer = ShardScorer(
            embedder: name, longText: name == MiniLMEmbedder.name ? options.embedding.longText.rawValue : nil,
            origin: ScorerOrigin(originalState, trainedOn: originalState.sample.count),
            classes: result.report.labelQuality?.faithfulness?.classes ?? [],
            model: PackedModel(
                mean: model.mean, scale: model.scale, coefficients: model.coefficients, intercepts: model.intercepts,
                iterations: model.iterations, converged: model.converged))
        return (result, scorer)
    }

    /// The report, and the original's state.
    private static func report(original: String?, synthetic: String?, options: RunOptions) throws -> (
        result: RunResult, original: ShardState?
    ) {
        let states = try [(Side.original, original), (.synthetic, synthetic)].compactMap { side, path in
            try path.map { (side: side, path: $0, state: try ShardState.read(path: $0)) }
        }
        precondition(!states.isEmpty, "a report needs at least one state")
        for (_, path, state) in states where state.sample.isEmpty {
            throw AssayError(.input, file: path, "holds no rows; an empty dataset cannot be analysed")
        }
        try options.embedding.checkModel()
        // The lexicon read once, for the sample's analysis and every row's.
        var options = options
        if let groups = options.groupsFile {
            options.settings.groups = try GroupLexicon.load(path: groups)
            options.groupsFile = nil
        }
        let samples = Dictionary(
            uniqueKeysWithValues: states.map { ($0.side, $0.state.sampleCorpus(path: $0.path)) })
        var result = try Comparison.run(
            original: samples[.original], synthetic: samples[.synthetic], command: "report", options: options)
        let state = { (side: Side) in states.first { $0.side == side }?.state }
        result.report.inputs = Inputs(
            original: state(.original).flatMap { exact($0, summary: result.report.inputs.original) },
            synthetic: state(.synthetic).flatMap { exact($0, summary: result.report.inputs.synthetic) })
        let rows = try states.map { (side: $0.side, rows: try $0.state.everyRow(path: $0.path)) }
        var everyRow =
            options.settings.duplicatesField == nil
            ? measureExact(rows, part: states[0].state.settings.part, into: &result.report, settings: options.settings)
            : []
        everyRow += try measureRows(
            rows, states: states, examples: samples[.synthetic], into: &result.report, settings: options.settings)
        everyRow += measureFaithfulness(
            rows, states: states, embedder: result.embedderName, sample: samples[.synthetic],
            into: &result.report, settings: options.settings)
        if let original = state(.original), !everyRow.contains(where: { $0.hasPrefix(LabelNoise.agreementID.rawValue) })
        {
            // The sample's model is of the original's sample, not of "all" its rows.
            result.report.labelQuality?.faithfulness?.method = LabelNoise.faithfulnessMethod(
                settings: options.settings, trainedOn: original.sample.count, originalRows: original.rows)
        }
        let limit = states.map(\.state.settings.sampleLimit).max() ?? 0
        func basis(_ side: Side) -> SemanticSample.Basis? {
            state(side).map { SemanticSample.Basis(rows: $0.sample.count, of: $0.rows) }
        }
        let sample = ShardedSample(
            limit: limit, original: basis(.original), synthetic: basis(.synthetic), everyRow: everyRow)
        result.report.settings.sharded = sample
        result.report.settings.sample = limit
        result.report.judge(catalog: Assessment.catalog)
        if states.contains(where: { $0.state.sample.count < $0.state.rows }) {
            let sides = states.map { side, _, state in
                "\(TerminalProgress.grouped(state.sample.count)) of \(TerminalProgress.grouped(state.rows)) \(side.rawValue) rows"
            }
            let exact =
                everyRow.isEmpty
                ? ""
                : " but the \(everyRow.count) of settings.sharded.every_row (\(everyRowFamilies(everyRow))), which count every row,"
            result.report.warnings.insert(
                "every measure\(exact) ran on a bottom-k sample (\(sides.joined(separator: ", "))); the inputs' rows, labels and empty texts count every row",
                at: 0)
            noteSampledPairs(in: &result.report, except: Set(everyRow))
            let sampled = SemanticSample(limit: limit, original: sample.original, synthetic: sample.synthetic).basis
            let measured = Set(everyRow.map { $0.split(separator: ".").first.map(String.init) ?? "" })
            for index in (result.report.families ?? []).indices {
                let family = result.report.families?[index].id ?? ""
                result.report.families?[index].basis =
                    measured.contains(family) || (family == "duplicates" && measured.contains("leakage"))
                    ? "\(everyRowBasis(family, ids: everyRow)); the rest: \(sampled)" : sampled
            }
        }
        return (result, state(.original))
    }

    /// Puts label faithfulness over every synthetic row (`LabelNoise.everyRowFaithfulness`, from the probabilities
    /// `assay shard --score` gave each row) in place of the sample's: its metric, its summary and its findings.
    /// Returns the qualified id of the metric; none when the synthetic states were not scored, and a warning when
    /// their scorer was made from another original state or embedder than this report's. The findings cite their
    /// files' lines through the synthetic `sample`'s source, whose shards are every file.
    private static func measureFaithfulness(
        _ rows: [(side: Side, rows: EveryRow)], states: [(side: Side, path: String, state: ShardState)],
        embedder: String?, sample: Corpus?, into report: inout Report, settings: AnalysisSettings
    ) -> [String] {
        guard let synthetic = states.first(where: { $0.side == .synthetic }),
            let stamp = synthetic.state.settings.scorer,
            let scored = rows.first(where: { $0.side == .synthetic })?.rows, let labels = scored.labels,
            let probabilities = scored.probabilities
        else { return [] }
        guard let original = states.first(where: { $0.side == .original }) else { return [] }
        guard stamp.origin.describes(original.state), stamp.embedder == embedder else {
            report.warnings.append(
                "\(synthetic.path) was scored by a scorer of another original state or embedder than this report's (\(stamp.embedder), \(stamp.origin.rows) original rows, seed \(stamp.origin.seed)), so label faithfulness ran on the sample: write the scorer with this report's states and options, then shard again with --score"
            )
            return []
        }
        let flagged = Dictionary(
            (scored.disagreeing ?? []).map { ($0.index, $0) }, uniquingKeysWith: { first, _ in first })
        guard
            let output = LabelNoise.everyRowFaithfulness(
                probabilities: Matrix(rows: labels.count, columns: stamp.classes.count, values: probabilities),
                labels: labels, labelNames: scored.labelNames, classes: stamp.classes, settings: settings,
                trainedOn: stamp.origin.trainedOn, originalRows: stamp.origin.rows,
                // A flagged row's model class is not its label (confident learning clears the others), so the
                // shard kept its number and text; a state edited by hand may lack them.
                row: { index in flagged[index].map { ($0.row, $0.text) } ?? (index, "") })
        else { return [] }
        report.labelQuality?.faithfulness = output.summary
        // The findings where the label audit puts them: after its label issues, before its label-set problems.
        let at =
            report.findings.firstIndex { $0.kind == .labelDisagreement }
            ?? report.findings.firstIndex { $0.kind == .labelSet }
        report.findings.removeAll { $0.kind == .labelDisagreement }
        var findings = output.findings
        for index in findings.indices {
            findings[index].part = synthetic.state.settings.part
            findings[index].location = findings[index].row.flatMap { Assessment.location(of: $0, in: sample) }
        }
        report.findings.insert(contentsOf: findings, at: at ?? report.findings.endIndex)
        return replace([output.metric], part: synthetic.state.settings.part, in: &report)
    }

    /// Notes on the measures of pairs of rows run on the sample (but those of `everyRow`, qualified ids) that they
    /// miss the pairs with an unsampled row, so read below what every row would give.
    private static func noteSampledPairs(in report: inout Report, except everyRow: Set<String>) {
        let notes: [MetricID: String] = [
            "duplicates.near_rate":
                "within the bottom-k sample: only pairs of two sampled rows count, so it reads below the rate over every row (duplicates.exact_rate counts every row)",
            "leakage.synthetic_near_original_rate":
                "the sampled synthetic rows against the sampled original rows: copies of unsampled original rows are missed, so it reads below the rate over every row (leakage.synthetic_exact_in_original_rate counts every row)",
            "leakage.synthetic_13gram_rate":
                "the sampled synthetic rows against the sampled original rows: 13-grams of unsampled original rows are missed, so it reads below the rate over every row",
        ]
        for index in report.metrics.indices
        where !everyRow.contains(report.qualifiedID(of: report.metrics[index]).rawValue) {
            guard let note = notes[report.metrics[index].id] else { continue }
            report.metrics[index].note = report.metrics[index].note.map { "\($0); \(note)" } ?? note
        }
    }

    /// What a family card's basis says of the measures of `family` among `ids` that count every row.
    private static func everyRowBasis(_ family: String, ids: [String]) -> String {
        switch family {
        case "diversity": "the lexical measures but the compression ratio: every row"
        case "duplicates":
            ids.contains { $0.hasPrefix("leakage.synthetic_13gram_rate") }
                ? "exact rates and 13-gram leakage: every row" : "exact rates: every row"
        case "complexity": "the descriptors but \(complexityLeftOut(ids)): every row"
        case "bias": "\(listed(biasParts(ids))): every row"
        case "noise": "label faithfulness: every synthetic row, scored by assay shard --score"
        default: "some measures: every row"
        }
    }

    /// The complexity descriptors `ids` leaves out: the classifier loss, and the rare-word ratio of states without
    /// their rows' words.
    private static func complexityLeftOut(_ ids: [String]) -> String {
        ids.contains { $0.hasPrefix("complexity.rare_word_ratio") }
            ? "the classifier loss" : "the rare-word ratio and the classifier loss"
    }

    /// The parts of the bias audit among `ids`.
    private static func biasParts(_ ids: [String]) -> [String] {
        [
            ("bias.region", "regions"), ("bias.attribute", "attribute counts"),
            ("bias.other_language", "rows in other languages"), ("bias.group", "group associations"),
        ].filter { prefix, _ in ids.contains { $0.hasPrefix(prefix) } }.map(\.1)
    }

    /// The measures of `ids` in words, for the first warning.
    private static func everyRowFamilies(_ ids: [String]) -> String {
        var parts: [String] = []
        if ids.contains(where: { $0.hasPrefix("duplicates.") || $0.hasPrefix("leakage.") }) {
            parts.append(
                ids.contains { $0.hasPrefix("leakage.synthetic_13gram_rate") }
                    ? "the exact duplicate and leakage rates and the 13-gram leakage"
                    : "the exact duplicate and leakage rates")
        }
        if ids.contains(where: { $0.hasPrefix("complexity.") }) {
            parts.append("the complexity descriptors but \(complexityLeftOut(ids))")
        }
        let bias = biasParts(ids)
        if !bias.isEmpty { parts.append("the \(listed(bias)) of the bias audit") }
        if ids.contains(where: { $0.hasPrefix("diversity.") }) {
            parts.append("the lexical diversity measures but the compression ratio")
        }
        if ids.contains(where: { $0.hasPrefix(LabelNoise.agreementID.rawValue) }) {
            parts.append("label faithfulness, from the scores of assay shard --score")
        }
        return parts.joined(separator: "; ")
    }

    /// "a", "a and b", "a, b and c".
    private static func listed(_ parts: [String]) -> String {
        parts.count > 1 ? parts.dropLast().joined(separator: ", ") + " and " + (parts.last ?? "") : parts.first ?? ""
    }

    /// Puts the exact duplicate rate, exact leakage and 13-gram leakage of every row (`Duplicates.exactMeasures`) in
    /// place of the sample's, for the judged part `part` and, for chat or instruction rows, the other; returns the
    /// qualified ids.
    ///
    /// - Complexity: O(rows) expected, plus the bootstrap's.
    private static func measureExact(
        _ rows: [(side: Side, rows: EveryRow)], part: TextPart?, into report: inout Report, settings: AnalysisSettings
    ) -> [String] {
        var measured: [String] = []
        // The judged part's metrics carry its name (nil for plain texts), the other part's its own.
        var parts: [(part: TextPart?, keys: (EveryRow) -> [UInt64]?, words: (EveryRow) -> RowWords?)] = [
            (part, { $0.exactKeys }, { $0.words })
        ]
        if let other = part?.other { parts.append((other, { $0.otherExactKeys }, { $0.otherWords })) }
        for (part, keys, words) in parts {
            func side(_ side: Side) -> ExactRows? {
                rows.first { $0.side == side }.flatMap { _, rows in
                    keys(rows).map {
                        ExactRows(
                            keys: $0, labels: rows.labels, labelNames: rows.labelNames,
                            ngrams: words(rows)?.ngrams(order: RowNgrams.leakageOrder))
                    }
                }
            }
            let metrics = Duplicates.exactMeasures(
                original: side(.original), synthetic: side(.synthetic), settings: settings)
            measured += replace(metrics, part: part, in: &report)
        }
        return measured
    }

    /// Puts the measures of what the states keep of each row, over every row, in place of the sample's: the
    /// complexity descriptors but the classifier loss (`Complexity.everyRow`: their metrics, by class and with
    /// intervals, and their histograms), the attribute audit (`measureAttributes`), the region audit
    /// (`Bias.everyRowRegions`: its metrics, its finding and the regions table), the group audit (`measureGroups`)
    /// and the lexical diversity measures but the compression ratio (`LexicalDiversity.everyRow`, from the rows'
    /// words). Returns the qualified ids of the metrics; none of a kind that a state lacks (one built without the
    /// analyses' measures, or by an older `assay shard`).
    ///
    /// - Complexity: as those analyses on every row, without the texts.
    private static func measureRows(
        _ rows: [(side: Side, rows: EveryRow)], states: [(side: Side, path: String, state: ShardState)],
        examples: Corpus?, into report: inout Report, settings: AnalysisSettings
    ) throws -> [String] {
        // Every row without its text: the analyses read what the states keep and pick rows by their labels.
        func corpus(_ side: Side) -> Corpus? {
            guard let rows = rows.first(where: { $0.side == side })?.rows,
                let state = states.first(where: { $0.side == side })?.state
            else { return nil }
            let count = rows.exactKeys.count
            return Corpus(
                source: Corpus.Source(path: "", format: .jsonl, sha256: "", byteCount: 0),
                texts: Array(repeating: "", count: count), textFields: state.settings.textFields,
                rowNumbers: Array(0..<count), labelField: state.settings.labelField,
                labelValues: rows.labels.map { $0.map { rows.labelNames[Int($0)] } })
        }
        let context = AnalysisContext(original: corpus(.original), synthetic: corpus(.synthetic), settings: settings)
        let part = states[0].state.settings.part
        var measured: [String] = []
        if rows.allSatisfy({ $0.rows.complexity != nil }) {
            let counts = Dictionary(uniqueKeysWithValues: rows.map { ($0.side, $0.rows.complexity ?? []) })
            let words = Dictionary(
                uniqueKeysWithValues: rows.compactMap { row in row.rows.words.map { (row.side, $0) } })
            let output = Complexity.everyRow(context, packedCounts: counts, words: words)
            let replaced = Dictionary(uniqueKeysWithValues: output.distributions.map { ($0.id, $0) })
            report.distributions = report.distributions?.map { replaced[$0.id] ?? $0 }
            measured += replace(output.metrics, part: part, in: &report)
            measured += measureAttributes(rows, context: context, part: part, into: &report)
        }
        if rows.allSatisfy({ $0.rows.places != nil }) {
            let places = Dictionary(uniqueKeysWithValues: rows.map { ($0.side, $0.rows.places ?? []) })
            let output = Bias.everyRowRegions(context, places: places)
            report.bias?.regions = output.bias?.regions
            // The region finding where the bias audit puts it: before its group findings and the other part's.
            replace(.regionSkew, with: output.findings, part: part, in: &report) {
                $0.part != part || $0.kind == .groupAssociationExample
            }
            measured += replace(output.metrics, part: part, in: &report)
        }
        measured += measureGroups(rows, context: context, examples: examples, part: part, into: &report)
        if rows.allSatisfy({ $0.rows.words != nil }) {
            // The rows' words as their tokens: the lexical measures read word hashes, never texts.
            for (side, rows) in rows { rows.words.map { context.corpus(side)?.useTokens($0.tokens) } }
            let output = try LexicalDiversity.everyRow(context)
            measured += replace(output.metrics, part: part, in: &report)
        }
        return measured
    }

    /// Puts the group audit over every row (`Bias.everyRowGroups`, from the groups each labelled row mentions) in
    /// place of the sample's: its metric, the associations and the findings, which quote the sampled synthetic
    /// rows behind the headline association. Returns the qualified ids of the metrics; none when the states do not
    /// hold the mentions of the report's lexicon (`--groups`), and then a warning says so.
    private static func measureGroups(
        _ rows: [(side: Side, rows: EveryRow)], context: AnalysisContext, examples: Corpus?, part: TextPart?,
        into report: inout Report
    ) -> [String] {
        let labelled = rows.filter { $0.rows.labels != nil }
        guard !labelled.isEmpty else { return [] }
        let lexicon = context.settings.groups
        guard
            labelled.allSatisfy({
                $0.rows.groups?.names == lexicon.groups.map(\.name)
                    && $0.rows.groups?.terms == lexicon.groups.map(\.terms)
            })
        else {
            report.warnings.append(
                "the states do not hold the group mentions of this report's lexicon, so the group associations ran on the sample: give assay shard and assay report the same --groups to count every row"
            )
            return []
        }
        let masks = Dictionary(uniqueKeysWithValues: labelled.map { ($0.side, $0.rows.groups?.masks ?? []) })
        let output = Bias.everyRowGroups(context, masks: masks, examples: examples)
        report.bias?.groups = output.bias?.groups ?? []
        // The examples where the bias audit puts them: its last findings, before the other part's.
        replace(.groupAssociationExample, with: output.findings, part: part, in: &report) { $0.part != part }
        return replace(output.metrics, part: part, in: &report)
    }

    /// Puts the attribute audit over every row (`Bias.everyRowAttributes`, from each row's attribute values and
    /// word count) in place of the sample's: its metrics and the attribute tables, which keep the sample's measures
    /// by value. Returns the qualified ids of the metrics. Needs the rows' complexity counts (their word counts).
    private static func measureAttributes(
        _ rows: [(side: Side, rows: EveryRow)], context: AnalysisContext, part: TextPart?, into report: inout Report
    ) -> [String] {
        let words = Dictionary(
            uniqueKeysWithValues: rows.map { side, rows in
                let counts = rows.complexity ?? []
                return (
                    side,
                    stride(from: 0, to: counts.count, by: ComplexityCounts.width).map {
                        Int(ComplexityCounts(packed: counts, at: $0).tokens)
                    }
                )
            })
        let output = Bias.everyRowAttributes(
            context, attributes: Dictionary(uniqueKeysWithValues: rows.map { ($0.side, $0.rows.attributes) }),
            words: words)
        let sampled = Dictionary(
            (report.bias?.attributes ?? []).map { ($0.field, $0.byValue) }, uniquingKeysWith: { first, _ in first })
        report.bias?.attributes = (output.bias?.attributes ?? []).map { table in
            var table = table
            table.byValue = sampled[table.field] ?? table.byValue
            return table
        }
        return replace(output.metrics, part: part, in: &report)
    }

    /// Puts `findings`, as findings of `part`, in place of the report's findings of `kind`: before the first
    /// finding that `follows` them, as the analysis orders them, or last.
    private static func replace(
        _ kind: FindingKind, with findings: [Finding], part: TextPart?, in report: inout Report,
        before follows: (Finding) -> Bool
    ) {
        report.findings.removeAll { $0.kind == kind }
        let at = report.findings.firstIndex(where: follows) ?? report.findings.endIndex
        report.findings.insert(
            contentsOf: findings.map { finding in
                var finding = finding
                finding.part = part
                return finding
            }, at: at)
    }

    /// Puts `metrics` of `part` in place of the report's metrics of the same id and part; returns the qualified
    /// ids of those it replaced.
    private static func replace(_ metrics: [MetricResult], part: TextPart?, in report: inout Report) -> [String] {
        var replaced: [String] = []
        for metric in metrics {
            guard let index = report.metrics.firstIndex(where: { $0.id == metric.id && $0.part == part }) else {
                continue
            }
            var metric = metric
            metric.part = part
            report.metrics[index] = metric
            replaced.append(report.qualifiedID(of: metric).rawValue)
        }
        return replaced
    }

    /// The side's summary with the state's exact counts in place of the sample's.
    private static func exact(_ state: ShardState, summary: DatasetSummary?) -> DatasetSummary? {
        guard var summary else { return nil }
        summary.rows = state.rows
        summary.labels = state.labels
        summary.emptyTexts = state.emptyTexts
        return summary
    }
}
