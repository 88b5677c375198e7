import AssayCore
import AssayReport
import Foundation

/// A per-text descriptor of the complexity pack, in report order.
enum ComplexityMeasure: Int, CaseIterable, Sendable {
    case characters
    case tokens
    case sentences
    case fleschReadingEase
    case fleschKincaidGrade
    case smog
    case gunningFog
    case automatedReadabilityIndex
    case colemanLiau
    case wordRepetition
    case characterRepetition
    case rareWordRatio
    case classifierLoss

    /// Whether the values are whole numbers.
    var isCount: Bool { self == .characters || self == .tokens || self == .sentences }

    var descriptor: MetricDescriptor {
        let (name, title, formula, source, caveat) = catalogEntry
        let better: Direction = self == .wordRepetition || self == .characterRepetition ? .lower : .neither
        return MetricDescriptor(
            id: MetricID("complexity.\(name)"), family: "complexity", title: title, better: better, formula: formula,
            source: source, interval: .bootstrap, caveat: caveat, languages: languages)
    }

    /// The languages the descriptor is valid for (its distances' too).
    var languages: String {
        if isReadability {
            let which = self == .fleschReadingEase ? "one of those" : "English"
            return
                "\(readabilityLanguages) only: computed when a side's main language is \(which), skipped with the reason otherwise"
        }
        return self == .classifierLoss ? MetricDescriptor.embedderLanguages : MetricDescriptor.anyLanguage
    }

    var ksDescriptor: MetricDescriptor {
        let (name, title, _, _, _) = catalogEntry
        return MetricDescriptor(
            id: MetricID("complexity.\(name)_ks"), family: "complexity", title: "\(title): KS distance", better: .lower,
            formula:
                "two-sample Kolmogorov–Smirnov statistic sup_x |F_o(x) − F_s(x)| between the two sides' per-text values on the matched rows; 0 for identical distributions, 1 for disjoint ones",
            source: "Kolmogorov 1933; Smirnov 1948 (the statistic of scipy.stats.ks_2samp)", interval: nil,
            languages: languages)
    }

    var wassersteinDescriptor: MetricDescriptor {
        let (name, title, _, _, _) = catalogEntry
        return MetricDescriptor(
            id: MetricID("complexity.\(name)_wasserstein"), family: "complexity",
            title: "\(title): Wasserstein distance",
            better: .lower,
            formula:
                "1-D Wasserstein-1 distance ∫ |F_o(x) − F_s(x)| dx between the two sides' per-text values on the matched rows, in the descriptor's units",
            source: "Vaserstein 1969; scipy.stats.wasserstein_distance", interval: nil, languages: languages)
    }

    /// Whether this is a readability formula, defined only for rows in a language with a formula
    /// (`ReadabilityLanguage`).
    var isReadability: Bool {
        switch self {
        case .fleschReadingEase, .fleschKincaidGrade, .smog, .gunningFog, .automatedReadabilityIndex, .colemanLiau:
            return true
        default:
            return false
        }
    }

    /// The languages this readability formula is defined for, as a phrase.
    var readabilityLanguages: String {
        self == .fleschReadingEase ? "English, German (Amstad 1978) and French (Kandel & Moles 1958)" : "English"
    }

    /// Whether this readability formula is defined for `table`'s main language.
    func hasLanguage(_ table: ComplexityTable) -> Bool {
        switch ReadabilityLanguage(code: table.mainLanguage) {
        case .english: return true
        case .german, .french: return self == .fleschReadingEase
        case nil: return false
        }
    }

    /// The rows of each language of `table`, most first: "zh 38, und 2".
    static func languageCounts(_ table: ComplexityTable) -> String {
        table.languages.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5)
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    /// The note of a readability mean on a side some of whose rows are identified as another language than its
    /// main one (rows too short to identify aside): the formula is the main language's on every row.
    func languageNote(_ table: ComplexityTable) -> String? {
        let main = table.mainLanguage
        guard isReadability, table.languages.keys.contains(where: { $0 != main && $0 != "und" }) else { return nil }
        return
            "by the formula for \(main), the side's main language, on every row (rows by language: \(ComplexityMeasure.languageCounts(table)))"
    }

    /// Why the side's mean is undefined.
    func undefined(_ table: ComplexityTable) -> String {
        if isReadability, !hasLanguage(table) {
            return
                "defined for \(readabilityLanguages) only; the side's main language is \(table.mainLanguage) (rows by language: \(ComplexityMeasure.languageCounts(table)))"
        }
        switch self {
        case .classifierLoss:
            return table.hasClassifierLoss
                ? "no row has a label"
                : "no class probabilities for this side (labels of two or more classes and embeddings, or --pred-probs)"
        case .characters, .tokens, .sentences, .wordRepetition, .characterRepetition: return "no rows"
        default: return "no row has a word"
        }
    }

    private static let readabilityCaveat =
        "English only: computed when a side's main language (LanguageIdentifier) is English, skipped with the reason otherwise; fitted on running prose; on one-sentence texts it extrapolates, and syllables come from a rule-based heuristic (98% agreement with the CMU dictionary on familiar words)"
    private static let readabilityTerms =
        "ASL = words / sentence, ASW = syllables / word (WordTokenizer words, rule-based syllables); per text, mean over rows with words"

    private var catalogEntry: (name: String, title: String, formula: String, source: String, caveat: String?) {
        switch self {
        case .characters:
            return (
                "characters", "Length (characters)",
                "mean over rows of the number of Unicode scalars (code points) of the text",
                "text length (as Data-Juicer's text_length_filter counts it)", nil
            )
        case .tokens:
            return (
                "tokens", "Length (words)",
                "mean over rows of the number of word tokens (WordTokenizer: runs of letters and digits, inner apostrophes kept)",
                "word count", nil
            )
        case .sentences:
            return (
                "sentences", "Sentences per text",
                "mean over rows of the number of sentences: runs of . ! ? … followed by whitespace end one, except after listed abbreviations and initialisms and an ellipsis before a lower-case word; a text without terminal punctuation is one sentence",
                "rule-based splitter (Readability.forEachSentence)", nil
            )
        case .fleschReadingEase:
            return (
                "flesch_reading_ease", "Flesch reading ease",
                "206.835 − 1.015·ASL − 84.6·ASW; for a side whose main language is German, Amstad's 180 − ASL − 58.5·ASW over German syllables (vowel runs); for French, Kandel & Moles' 207 − 1.015·ASL − 73.6·ASW over French syllables (vowel runs, a mute final e left out); \(Self.readabilityTerms)",
                "Flesch 1948; Amstad 1978 (German); Kandel & Moles 1958 (French)",
                "English, German and French only: computed when a side's main language (LanguageIdentifier) is one of those, skipped with the reason otherwise; fitted on running prose; on one-sentence texts it extrapolates, and syllables come from rule-based heuristics"
            )
        case .fleschKincaidGrade:
            return (
                "flesch_kincaid_grade", "Flesch–Kincaid grade", "0.39·ASL + 11.8·ASW − 15.59; \(Self.readabilityTerms)",
                "Kincaid, Fishburne, Rogers & Chissom 1975", Self.readabilityCaveat
            )
        case .smog:
            return (
                "smog", "SMOG grade",
                "1.0430·√(polysyllables · 30 / sentences) + 3.1291, polysyllables = words of 3 or more syllables; per text, mean over rows with words",
                "McLaughlin 1969",
                "calibrated on 30-sentence samples: a shorter text is scaled up by 30 / sentences; "
                    + Self.readabilityCaveat
            )
        case .gunningFog:
            return (
                "gunning_fog", "Gunning fog index",
                "0.4·(ASL + 100 · complex words / words), complex = 3 or more syllables (Gunning's exclusions of proper nouns, compounds and -es/-ed/-ing forms not applied); \(Self.readabilityTerms)",
                "Gunning 1952", Self.readabilityCaveat
            )
        case .automatedReadabilityIndex:
            return (
                "ari", "Automated readability index",
                "4.71·(characters / words) + 0.5·ASL − 21.43, characters = letters and digits of the words; \(Self.readabilityTerms)",
                "Senter & Smith 1967",
                "English only (as the readability formulas above); fitted on running prose; on one-sentence texts it extrapolates"
            )
        case .colemanLiau:
            return (
                "coleman_liau", "Coleman–Liau index",
                "0.0588·L − 0.296·S − 15.8, L = letters and digits per 100 words, S = sentences per 100 words; per text, mean over rows with words",
                "Coleman & Liau 1975",
                "English only (as the readability formulas above); fitted on running prose; on one-sentence texts it extrapolates"
            )
        case .wordRepetition:
            return (
                "word_repetition", "Word repetition ratio",
                "per text: Σ counts of the word 10-grams occurring more than once / Σ counts of all its word 10-grams (lower-cased WordTokenizer words), 0 under 10 words; mean over rows",
                "Data-Juicer word_repetition_filter (word_rep_ratio, rep_len 10)",
                "Data-Juicer's words are whitespace-split with punctuation stripped, these are the shared tokenizer's (which also splits at inner punctuation); texts under 10 words score 0"
            )
        case .characterRepetition:
            return (
                "character_repetition", "Character repetition ratio",
                "per text: with D distinct character 10-grams (Unicode scalars of the raw text), Σ counts of the ⌊√D⌋ most frequent 10-grams among those occurring more than once / Σ counts of all its 10-grams, 0 under 10 characters; mean over rows",
                "Data-Juicer character_repetition_filter (char_rep_ratio, rep_len 10), after BigScience's text-data-filtering",
                "texts under 10 characters score 0"
            )
        case .rareWordRatio:
            return (
                "rare_word_ratio", "Rare-word ratio",
                "per text: share of its words that the original's rows other than this one hold fewer than 2 times (without an original, the dataset's own other rows); mean over rows with words",
                "vocabulary coverage against the original, leave-one-row-out for original rows",
                "the reference is every original row, so a larger original makes fewer words rare (both sides are measured against the same rows); leaving each original row out of its own reference makes two halves of one dataset score alike, and a synthetic set that copies original rows scores below the original"
            )
        case .classifierLoss:
            return (
                "classifier_loss", "Classifier loss",
                "per labelled row: −ln max(P(given label), 1e-12) under the out-of-sample class probabilities label noise uses (cross-validated built-in classifier, or --pred-probs); mean over rows",
                "model-based difficulty: cross-validated log loss per example",
                "each side's classifier is trained on that side alone, so it compares how hard each set is to learn from itself; with K balanced classes a guess scores ln K"
            )
        }
    }
}
