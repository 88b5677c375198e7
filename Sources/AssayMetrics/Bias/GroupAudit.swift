import AssayCore
import AssayReport

/// Group–label associations: for each group of the lexicon and each label, the log odds ratio of the
/// label among rows that mention the group against rows that do not, per side, and the synthetic
/// set's amplification of it.
///
/// A cell is judged only when at least `minimumMentions` rows of each side mention its group: below it the
/// cell stays in the table, marked `tooFew`, and never headlines `bias.group_label_amplification`.
struct GroupAudit {
    /// Rows mentioning a group each side needs for its associations to be judged (`Evidence.minimumMentions`).
    static let minimumMentions = Evidence.minimumMentions

    var associations: [GroupAssociation] = []
    var metrics: [MetricResult] = []
    var findings: [Finding] = []
    /// The association `bias.group_label_amplification` headlines, and its group's index in the lexicon.
    var headline: (association: GroupAssociation, group: Int)?

    init(_ context: AnalysisContext) {
        var mentions: [Side: [[Bool]]] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side), corpus.isLabelled else { continue }
            mentions[side] = GroupAudit.mentions(of: context.settings.groups, in: corpus)
        }
        self.init(context, mentions: mentions)
        if let headline, let synthetic = context.synthetic, let flags = mentions[.synthetic]?[headline.group] {
            findings = GroupAudit.examples(of: headline.association, in: synthetic, mentioning: flags)
        }
    }

    /// The audit of the rows whose mentions of each group of `context.settings.groups` are `mentions` (by side,
    /// then group, then row; labelled sides only): the associations and the metric, without the findings
    /// (`examples`, which quote rows).
    init(_ context: AnalysisContext, mentions: [Side: [[Bool]]]) {
        let lexicon = context.settings.groups
        guard !mentions.isEmpty else { return }
        // Per side: each label's id and rows, and per group the mentioning rows in all and per label — one
        // pass over the rows per group, so that each (group, label) cell below costs O(1), not O(N).
        var labelIDs: [Side: [String: Int]] = [:]
        var classSizes: [Side: [Int]] = [:]
        var mentionCounts: [Side: [(total: Int, byLabel: [Int])]] = [:]
        for (side, flags) in mentions {
            guard let corpus = context.corpus(side), let labels = corpus.labels else { continue }
            labelIDs[side] = Dictionary(uniqueKeysWithValues: corpus.labelNames.enumerated().map { ($1, $0) })
            var sizes = [Int](repeating: 0, count: corpus.labelNames.count)
            for label in labels where label >= 0 { sizes[Int(label)] += 1 }
            classSizes[side] = sizes
            mentionCounts[side] = flags.map { groupFlags in
                var total = 0
                var byLabel = [Int](repeating: 0, count: corpus.labelNames.count)
                for row in 0..<corpus.count where groupFlags[row] {
                    total += 1
                    if labels[row] >= 0 { byLabel[Int(labels[row])] += 1 }
                }
                return (total, byLabel)
            }
        }
        var best: (association: GroupAssociation, group: Int, size: Double)?
        for (g, group) in lexicon.groups.enumerated() {
            for label in context.labelNames {
                var rate: [String: Double] = [:]
                var rows: [String: Int] = [:]
                var share: [String: Double] = [:]
                var ratio: [String: (value: Double, standardError: Double)] = [:]
                for side in mentions.keys {
                    guard let corpus = context.corpus(side), let id = labelIDs[side]?[label],
                        let sizes = classSizes[side], let counts = mentionCounts[side]?[g]
                    else { continue }
                    // a: mentioning, with the label; b: mentioning, not; c: not mentioning, with; d: neither.
                    let a = counts.byLabel[id]
                    let mentioning = counts.total
                    let cells = (
                        a: a, b: mentioning - a, c: sizes[id] - a, d: corpus.count - mentioning - (sizes[id] - a)
                    )
                    rate[side.rawValue] = Double(mentioning) / Double(max(corpus.count, 1))
                    rows[side.rawValue] = mentioning
                    // Without rows on both sides of the mention the association is undefined, not 0.
                    guard mentioning > 0, mentioning < corpus.count else { continue }
                    share[side.rawValue] = Double(cells.a) / Double(mentioning)
                    ratio[side.rawValue] = Contingency.logOddsRatio(a: cells.a, b: cells.b, c: cells.c, d: cells.d)
                }
                var amplification: Double?
                var interval: [Double]?
                if let s = ratio[Side.synthetic.rawValue], let o = ratio[Side.original.rawValue] {
                    let value = s.value - o.value
                    let error = (s.standardError * s.standardError + o.standardError * o.standardError).squareRoot()
                    amplification = value
                    interval = [value - 1.96 * error, value + 1.96 * error]
                }
                var association = GroupAssociation(
                    group: group.name, label: label, mentionRate: rate, labelShare: share,
                    logOddsRatio: ratio.mapValues(\.value),
                    logOddsRatioCI: ratio.mapValues {
                        [$0.value - 1.96 * $0.standardError, $0.value + 1.96 * $0.standardError]
                    },
                    amplification: amplification, amplificationCI: interval)
                association.mentioningRows = rows
                if rows.values.contains(where: { $0 < GroupAudit.minimumMentions }) { association.tooFew = true }
                associations.append(association)
                if let amplification, association.tooFew == nil, abs(amplification) > best?.size ?? -1 {
                    best = (association, g, abs(amplification))
                }
            }
        }
        guard let best, let value = best.association.amplification, let flags = mentions[.synthetic]?[best.group]
        else {
            if mentions.count == Side.allCases.count, let note = GroupAudit.unjudged(mentionCounts, lexicon) {
                metrics.append(MetricResult(Bias.amplification, value: nil, n: nil, note: note))
            }
            return
        }
        let rows = flags.filter { $0 }.count
        var result = MetricResult(
            Bias.amplification, value: value, ci: best.association.amplificationCI, n: rows,
            note: "largest for \(best.association.group) × \(best.association.label)")
        result.interval = .wald
        metrics.append(result)
        headline = (best.association, best.group)
    }

    /// Each group's mentions in the rows of `corpus` (group, then row).
    static func mentions(of lexicon: GroupLexicon, in corpus: Corpus) -> [[Bool]] {
        lexicon.groups.map { mentions(of: $0.terms, in: corpus.tokens) }
    }

    /// The first `Bias.exampleCount` rows of `synthetic` behind `association`: those that mention its group
    /// (`flags`) and carry its label.
    static func examples(of association: GroupAssociation, in synthetic: Corpus, mentioning flags: [Bool]) -> [Finding]
    {
        guard let value = association.amplification, let labels = synthetic.labels else { return [] }
        let id = synthetic.labelNames.firstIndex(of: association.label).map(Int32.init)
        let rows = (0..<synthetic.count).filter { flags[$0] && labels[$0] == id }.prefix(Bias.exampleCount)
        return rows.map { row in
            Finding(
                kind: .groupAssociationExample, side: .synthetic, row: synthetic.rowNumbers[row],
                text: synthetic.texts[row],
                detail: "mentions \(association.group), labelled \(association.label) (amplification \(format(value)))",
                score: value)
        }
    }

    /// Why no association of a comparison is judged: too few mentions (with each group's rows a side) or none
    /// defined; nil when some group has rows enough on both sides.
    static func unjudged(_ counts: [Side: [(total: Int, byLabel: [Int])]], _ lexicon: GroupLexicon) -> String? {
        let perGroup = lexicon.groups.indices.map { g in
            Side.allCases.map { counts[$0]?[g].total ?? 0 }
        }
        guard perGroup.allSatisfy({ $0.contains { $0 < minimumMentions } }) else {
            return "no group–label association is defined on both sides"
        }
        let groups = zip(lexicon.groups, perGroup).map { group, rows in
            "\(group.name): " + zip(Side.allCases, rows).map { "\($1) \($0.rawValue)" }.joined(separator: ", ")
        }
        return
            "too few mentions to judge: no group is named by \(minimumMentions) rows a side (\(groups.joined(separator: "; ")))"
    }

    /// Whether each row of `stream` has a word among `terms`.
    ///
    /// - Complexity: O(types + tokens).
    static func mentions(of terms: [String], in stream: TokenStream) -> [Bool] {
        let wanted = Set(terms)
        let types = stream.types.map { wanted.contains($0) }
        return (0..<stream.documentCount).map { document in
            stream.tokenRange(of: document).contains { types[Int(stream.words[$0])] }
        }
    }
}
