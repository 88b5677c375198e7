import AssayCore
import AssayReport
import AssayText

/// The languages of each side beyond their distribution (the `language` attribute table): the rows in a language
/// the original does not mainly use, the responses not in their prompt's language (chat and instruction data), and
/// the rows that mix languages; and a `language_drift` finding on each synthetic row behind a rate that exceeds the
/// original's beyond chance.
///
/// Identification errs on short texts (about 9% of sentences of 3–9 words, 2% of 10+ words: docs/languages.md),
/// and the original's rows err alike, so every rate is judged against the original's own: drift is reported when
/// the synthetic rate exceeds the original's by at least `Evidence.languageDrift` and Newcombe's 95% interval of
/// the difference excludes 0, with at least `Evidence.minimumRows` counted rows a side (`Evidence.drift`); below
/// that the metric's note says "too few to judge".
struct LanguageAudit {
    var metrics: [MetricResult] = []
    var findings: [Finding] = []

    /// A sentence takes part in a row's mix of languages when it has at least this many letters (about six words:
    /// shorter ones are identified too poorly).
    static let sentenceLetters = 30
    /// A language counts in a row's mix when its sentences hold at least this share of the row's letters in
    /// identified sentences.
    static let mixedShare = 0.2

    /// The rates measured: their metric, and the per-row detail of a finding.
    enum Rate: CaseIterable {
        case otherLanguage, mismatch, mixed

        var descriptor: MetricDescriptor {
            switch self {
            case .otherLanguage: Bias.otherLanguageRate
            case .mismatch: Bias.languageMismatchRate
            case .mixed: Bias.mixedLanguageRate
            }
        }
    }

    /// One side's rows counted for a rate, and those of them it flags, with what the finding says of each.
    struct Count {
        var rows = 0
        var flagged: [(row: Int, detail: String)] = []
    }

    init(_ context: AnalysisContext) {
        // The language attribute's values (`AttributeAudit.languageColumn`).
        let languageColumns = Dictionary(
            uniqueKeysWithValues: context.sides.compactMap { side -> (Side, [String])? in
                guard let corpus = context.corpus(side) else { return nil }
                let column = AttributeAudit.languageColumn(
                    attributes: corpus.attributes, detected: context.languages(side)?.map(\.language))
                return column.map { (side, $0) }
            })
        let main = LanguageAudit.mainLanguages(languageColumns[context.original == nil ? .synthetic : .original] ?? [])
        var counts: [Rate: [Side: Count]] = [:]
        for side in context.sides {
            guard let corpus = context.corpus(side), let guesses = context.languages(side) else { continue }
            // Without a main language (no row identified) there is no "other" language to count.
            if let column = languageColumns[side], !main.isEmpty {
                counts[.otherLanguage, default: [:]][side] = LanguageAudit.outside(column, main: main)
            }
            if let shape = corpus.shape, let judged = corpus.part {
                let other = LanguageIdentifier().identify(shape.texts(judged.other))
                counts[.mismatch, default: [:]][side] = LanguageAudit.mismatches(
                    judged: guesses.map(\.language), other: other.map(\.language), judgedPart: judged)
            }
            counts[.mixed, default: [:]][side] = LanguageAudit.mixed(corpus.texts, guesses: guesses)
        }
        for rate in Rate.allCases {
            guard let perSide = counts[rate] else { continue }
            let judged = LanguageAudit.judged(rate, perSide, main: main, context: context)
            metrics.append(judged.metric)
            findings += judged.findings
        }
    }

    /// The rate of rows in other languages than the original's main ones (`bias.other_language_rate`) over
    /// `columns`, each side's language of every row (the `language` attribute): what a sharded report measures over
    /// every row (`Bias.everyRowAttributes`). Nil when the original has no identified row.
    static func otherLanguages(_ context: AnalysisContext, columns: [Side: [String]]) -> MetricResult? {
        let main = mainLanguages(columns[context.original == nil ? .synthetic : .original] ?? [])
        guard !main.isEmpty else { return nil }
        return judged(.otherLanguage, columns.mapValues { outside($0, main: main) }, main: main, context: context)
            .metric
    }

    /// The metric of `rate` over each side's `perSide` count, with its note, and when the synthetic rate drifts,
    /// a finding on every synthetic row it flags.
    static func judged(_ rate: Rate, _ perSide: [Side: Count], main: [String], context: AnalysisContext) -> (
        metric: MetricResult, findings: [Finding]
    ) {
        let drift = context.isComparison ? LanguageAudit.drift(perSide) : nil
        var note = drift?.note
        if rate == .otherLanguage, !main.isEmpty {
            let whose = context.original == nil ? "the set's" : "the original's"
            note = ["\(whose) main languages: \(main.joined(separator: ", "))", note].compactMap { $0 }.joined(
                separator: "; ")
        }
        var metric = MetricResult(
            rate.descriptor, original: perSide[.original].map(LanguageAudit.value),
            synthetic: perSide[.synthetic].map(LanguageAudit.value), byClass: nil)
        metric.note = note
        guard drift?.judged == true, let synthetic = context.synthetic, let flagged = perSide[.synthetic]?.flagged
        else { return (metric, []) }
        let findings = flagged.map { row, detail in
            var finding = Finding(
                kind: .languageDrift, side: .synthetic, row: synthetic.rowNumbers[row],
                text: synthetic.texts[row], detail: detail)
            finding.metric = rate.descriptor.id
            return finding
        }
        return (metric, findings)
    }

    /// The main languages (`Evidence.mainLanguages`) of a column of languages.
    static func mainLanguages(_ column: [String]) -> [String] {
        var counts: [String: Int] = [:]
        for language in column { counts[language, default: 0] += 1 }
        return Evidence.mainLanguages(counts)
    }

    /// The identified rows of `column`, flagging those whose language is not in `main`.
    static func outside(_ column: [String], main: [String]) -> Count {
        var count = Count()
        let whose = main.joined(separator: ", ")
        for (row, language) in column.enumerated() where language != LanguageIdentifier.undetermined {
            count.rows += 1
            if !main.contains(language) {
                count.flagged.append((row, "in \(language), not one of the original's main languages (\(whose))"))
            }
        }
        return count
    }

    /// The rows whose two parts are both identified, flagging those whose languages differ.
    static func mismatches(judged: [String], other: [String], judgedPart: TextPart) -> Count {
        var count = Count()
        for row in judged.indices
        where judged[row] != LanguageIdentifier.undetermined && other[row] != LanguageIdentifier.undetermined {
            count.rows += 1
            guard judged[row] != other[row] else { continue }
            let (prompt, response) = judgedPart == .response ? (other[row], judged[row]) : (judged[row], other[row])
            count.flagged.append((row, "the response is in \(response), its prompt in \(prompt)"))
        }
        return count
    }

    /// The identified rows of `texts`, flagging those that mix languages (`languages(ofSentences:)`).
    static func mixed(_ texts: [String], guesses: [LanguageGuess]) -> Count {
        let mixes = ParallelMap.map(0..<texts.count) { row in
            guesses[row].language == LanguageIdentifier.undetermined ? nil : languages(ofSentences: texts[row])
        }
        var count = Count()
        for (row, languages) in mixes.enumerated() {
            guard let languages else { continue }
            count.rows += 1
            if languages.count > 1 {
                count.flagged.append((row, "mixes languages: sentences in \(languages.joined(separator: " and "))"))
            }
        }
        return count
    }

    /// The languages of `text`'s sentences (`Readability.sentences(in:)`) of at least `sentenceLetters` letters
    /// that hold at least `mixedShare` of the letters of those sentences, the most letters first.
    static func languages(ofSentences text: String) -> [String] {
        let identifier = LanguageIdentifier()
        var letters: [String: Int] = [:]
        for sentence in Readability.sentences(in: text) {
            let guess = identifier.identify(sentence)
            guard guess.letters >= sentenceLetters, guess.language != LanguageIdentifier.undetermined else { continue }
            letters[guess.language, default: 0] += guess.letters
        }
        let total = letters.values.reduce(0, +)
        return letters.filter { Double($0.value) >= mixedShare * Double(total) }.sorted {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }.map(\.key)
    }

    /// A side's rate with its Wilson interval; null with a note when no row was counted.
    static func value(_ count: Count) -> SideValue {
        guard let rate = Evidence.wilson(count.flagged.count, of: count.rows) else {
            return SideValue(value: nil, n: 0, note: "no row to count")
        }
        return SideValue(value: rate.value, ci: [rate.low, rate.high], interval: .wilson, n: count.rows)
    }

    /// Whether the synthetic rate drifts from the original's (`Evidence.drift`), with a note saying so or that
    /// there are too few rows to judge; nil without both sides.
    static func drift(_ perSide: [Side: Count]) -> (judged: Bool, note: String?)? {
        guard let original = perSide[.original], let synthetic = perSide[.synthetic] else { return nil }
        guard min(original.rows, synthetic.rows) >= Evidence.minimumRows else {
            return (
                false,
                "too few rows to judge: \(original.rows) original, \(synthetic.rows) synthetic (N < \(Evidence.minimumRows) a side)"
            )
        }
        guard
            let drift = Evidence.drift(
                synthetic: (synthetic.flagged.count, synthetic.rows), original: (original.flagged.count, original.rows))
        else { return (false, nil) }
        return (
            true,
            "synthetic minus original \(points(drift.value)) points (95% interval \(points(drift.low)) to \(points(drift.high))): drift"
        )
    }
}
