import AssayCore
import Foundation

/// The whole numbers a text's complexity descriptors come from, for every descriptor but the rare-word ratio and
/// the classifier loss (which need other rows: the reference vocabulary, a classifier).
///
/// `assay shard` keeps them for every row (`ShardRows.complexity`), so that `assay report` computes those
/// descriptors over every row with the values `assay compare` computes: both go through `values(rareWordRatio:
/// classifierLoss:)`, so the doubles are the same bits.
public struct ComplexityCounts: Sendable, Equatable {
    /// The counts a row packs into: `ShardRows.complexity` holds this many 32-bit numbers per row.
    public static let width = RowMeasures.complexityWidth

    /// Unicode scalars of the text.
    public var characters: UInt32
    /// Word tokens (`WordTokenizer`).
    public var tokens: UInt32
    /// Sentences as readability counts them: at least one in a text with words, none without.
    public var sentences: UInt32
    /// Syllables by English rules (`Syllables.count`).
    public var syllables: UInt32
    /// Syllables by German rules (`Syllables.countGerman`), for Amstad's reading ease.
    public var germanSyllables: UInt32
    /// Syllables by French rules (`Syllables.countFrench`), for Kandel & Moles' reading ease.
    public var frenchSyllables: UInt32
    /// Words of three or more syllables by English rules.
    public var polysyllables: UInt32
    /// Letters and digits of the words (`Readability.characters`).
    public var letters: UInt32
    /// Word 10-grams occurring more than once in the text, counted with their repeats (Data-Juicer's word
    /// repetition numerator).
    public var repeatedWordGrams: UInt32
    /// The counts of the ⌊√D⌋ most frequent repeated character 10-grams, summed (the character repetition
    /// numerator).
    public var repeatedCharacterGrams: UInt32
    /// The row's language (`LanguageIdentifier`), its code's ASCII bytes packed big-endian
    /// (`ReadabilityLanguage.pack`): the side's most common language picks the readability formulas.
    public var language: UInt32

    public init(
        characters: UInt32, tokens: UInt32, sentences: UInt32, syllables: UInt32, germanSyllables: UInt32,
        frenchSyllables: UInt32, polysyllables: UInt32, letters: UInt32, repeatedWordGrams: UInt32,
        repeatedCharacterGrams: UInt32, language: UInt32
    ) {
        self.characters = characters
        self.tokens = tokens
        self.sentences = sentences
        self.syllables = syllables
        self.germanSyllables = germanSyllables
        self.frenchSyllables = frenchSyllables
        self.polysyllables = polysyllables
        self.letters = letters
        self.repeatedWordGrams = repeatedWordGrams
        self.repeatedCharacterGrams = repeatedCharacterGrams
        self.language = language
    }

    /// The counts in packing order.
    public var packed: [UInt32] {
        [
            characters, tokens, sentences, syllables, polysyllables, letters, repeatedWordGrams,
            repeatedCharacterGrams, germanSyllables, language, frenchSyllables,
        ]
    }

    /// The counts of `packed[offset..<offset + width]`.
    public init(packed: some RandomAccessCollection<UInt32>, at offset: Int) {
        let base = packed.index(packed.startIndex, offsetBy: offset)
        func at(_ k: Int) -> UInt32 { packed[packed.index(base, offsetBy: k)] }
        self.init(
            characters: at(0), tokens: at(1), sentences: at(2), syllables: at(3), germanSyllables: at(8),
            frenchSyllables: at(10), polysyllables: at(4), letters: at(5), repeatedWordGrams: at(6),
            repeatedCharacterGrams: at(7),
            language: at(9))
    }

    /// The row's descriptors in `ComplexityMeasure` order, NaN where one is undefined; `readability` is the rule of
    /// the side's main language (`ReadabilityLanguage.mainLanguage`), none when nil.
    func values(rareWordRatio: Double?, classifierLoss: Double?, readability rule: ReadabilityLanguage?) -> [Double] {
        let readability = Readability(
            words: Int(tokens), sentences: Int(sentences),
            syllables: Int(rule == .german ? germanSyllables : rule == .french ? frenchSyllables : syllables),
            polysyllables: Int(polysyllables),
            characters: Int(letters))
        let order = Complexity.repetitionOrder
        /// The repeated n-grams over all n-grams of a sequence of `length`, 0 without n-grams.
        func ratio(_ repeated: UInt32, length: UInt32) -> Double {
            Int(length) < order ? 0 : Double(repeated) / Double(Int(length) - order + 1)
        }
        var values = [Double](repeating: .nan, count: ComplexityTable.width)
        func set(_ measure: ComplexityMeasure, _ value: Double?) { values[measure.rawValue] = value ?? .nan }
        set(.characters, Double(characters))
        set(.tokens, Double(tokens))
        set(.sentences, Double(sentences))
        switch rule {
        case .english:
            set(.fleschReadingEase, readability.fleschReadingEase)
            set(.fleschKincaidGrade, readability.fleschKincaidGrade)
            set(.smog, readability.smog)
            set(.gunningFog, readability.gunningFog)
            set(.automatedReadabilityIndex, readability.automatedReadabilityIndex)
            set(.colemanLiau, readability.colemanLiau)
        case .german:
            set(.fleschReadingEase, readability.amstadReadingEase)
        case .french:
            set(.fleschReadingEase, readability.kandelMolesReadingEase)
        case nil:
            break
        }
        set(.wordRepetition, ratio(repeatedWordGrams, length: tokens))
        set(.characterRepetition, ratio(repeatedCharacterGrams, length: characters))
        set(.rareWordRatio, rareWordRatio)
        set(.classifierLoss, classifierLoss)
        return values
    }
}
