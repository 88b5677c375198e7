import AssayCore
import Foundation

/// The per-text values of every row of one side: row-major, NaN where a descriptor is undefined.
struct ComplexityTable: Sendable {
    static let width = ComplexityMeasure.allCases.count

    /// `values[row * width + measure.rawValue]`.
    let values: [Double]
    let rows: Int
    /// Whether any row has class probabilities.
    let hasClassifierLoss: Bool
    /// The rows of each language (`LanguageIdentifier`); the most common picks the readability formulas.
    let languages: [String: Int]

    /// The side's main language (`ReadabilityLanguage.mainLanguage`).
    var mainLanguage: String { ReadabilityLanguage.mainLanguage(languages) }

    /// The value of `measure` on `row`, nil where it is undefined.
    subscript(row: Int, measure: ComplexityMeasure) -> Double? {
        let value = values[row * ComplexityTable.width + measure.rawValue]
        return value.isNaN ? nil : value
    }

    /// The values of `measure` on those of `rows` where it is defined, ascending.
    func sortedValues(_ measure: ComplexityMeasure, rows: [Int]) -> [Double] {
        rows.compactMap { self[$0, measure] }.sorted()
    }

    /// Each measure's mean over `rows` (nil where no row has a value).
    static func rowMeans(_ table: ComplexityTable, rows: [Int]) -> [Double?] {
        let selected = rows.flatMap { row in table.values[(row * width)..<((row + 1) * width)] }
        return means(selected, width: width, weights: nil)
    }

    /// Each column's mean over the rows of the row-major `values`, row r counted `weights[r]` times
    /// (once each without weights); nil where no counted row has a value.
    ///
    /// - Complexity: O(rows · width).
    static func means(_ values: [Double], width: Int, weights: [Int32]?) -> [Double?] {
        var sums = [Double](repeating: 0, count: width)
        var counts = [Double](repeating: 0, count: width)
        values.withUnsafeBufferPointer { values in
            for row in 0..<(values.count / width) {
                let weight = weights.map { Double($0[row]) } ?? 1
                guard weight > 0 else { continue }
                let base = row * width
                for column in 0..<width {
                    let value = values[base + column]
                    if !value.isNaN {
                        sums[column] += weight * value
                        counts[column] += weight
                    }
                }
            }
        }
        return (0..<width).map { counts[$0] > 0 ? sums[$0] / counts[$0] : nil }
    }

    /// The tables of every side of `context`, all rows. The reference vocabulary of the rare-word
    /// ratio is the original's (every row, each original row left out of its own reference), or the
    /// side's own when there is no original.
    static func tables(_ context: AnalysisContext) -> [Side: ComplexityTable] {
        var tables: [Side: ComplexityTable] = [:]
        let reference = context.original ?? context.synthetic
        let referenceCounts = reference.map { ReferenceVocabulary($0.tokens) }
        for side in context.sides {
            guard let corpus = context.corpus(side), let referenceCounts else { continue }
            let isReference = side == .original || context.original == nil
            tables[side] = ComplexityTable(
                corpus: corpus, languages: context.languages(side)?.map(\.language) ?? [], reference: referenceCounts,
                leaveOneOut: isReference, probabilities: context.classProbabilities(side))
        }
        return tables
    }

    /// Every row's values.
    ///
    /// - Parameters:
    ///   - languages: each row's language (`LanguageIdentifier`); the most common picks the readability formulas.
    ///   - reference: the rare-word ratio's reference vocabulary.
    ///   - leaveOneOut: whether `corpus` is the reference itself, so that each row's own tokens are
    ///     taken out of its reference counts.
    ///   - probabilities: out-of-sample class probabilities of the rows, for the classifier loss.
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores.
    init(
        corpus: Corpus, languages: [String], reference: ReferenceVocabulary, leaveOneOut: Bool,
        probabilities: ClassProbabilities?
    ) {
        precondition(languages.count == corpus.count, "one language per row")
        let languageCounts = languages.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        let rule = ReadabilityLanguage(code: ReadabilityLanguage.mainLanguage(languageCounts))
        let stream = corpus.tokens
        let words = WordFacts(stream)
        let counts = reference.counts(for: stream)
        let labels = probabilities == nil ? nil : corpus.labels
        // A class too small to judge has no classifier loss: the built-in classifiers did not learn it.
        var isTooSmall = [Bool](repeating: false, count: probabilities?.values.columns ?? 0)
        for k in probabilities?.tooSmallClasses ?? [] where k < isTooSmall.count { isTooSmall[k] = true }
        let tooSmall = isTooSmall
        let chunk = 512
        let chunks = ParallelMap.map(0..<((corpus.count + chunk - 1) / chunk)) { index -> [Double] in
            var scratch = RowScratch()
            var values: [Double] = []
            let rows = (index * chunk)..<min(corpus.count, (index + 1) * chunk)
            values.reserveCapacity(rows.count * ComplexityTable.width)
            for row in rows {
                var loss: Double?
                if let probabilities, let labels, row < probabilities.values.rows, labels[row] >= 0,
                    Int(labels[row]) < probabilities.values.columns, !tooSmall[Int(labels[row])]
                {
                    let p = Double(probabilities.values[row, Int(labels[row])])
                    loss = -log(max(p, Complexity.probabilityFloor))
                }
                values += scratch.values(
                    text: corpus.texts[row], language: languages[row], readability: rule, row: row, stream: stream,
                    words: words, referenceCounts: counts, leaveOneOut: leaveOneOut, classifierLoss: loss)
            }
            return values
        }
        self.values = chunks.flatMap { $0 }
        self.rows = corpus.count
        self.hasClassifierLoss = labels != nil && corpus.count > 0
        self.languages = languageCounts
    }
}

extension ComplexityTable {
    /// Every row's `ComplexityCounts`, packed: `ComplexityCounts.width` numbers per row, in row order.
    ///
    /// - Parameter languages: each row's language (`LanguageIdentifier`).
    /// - Complexity: O(bytes + tokens · `Complexity.repetitionOrder`), spread over the cores.
    static func packedCounts(of corpus: Corpus, languages: [String]) -> [UInt32] {
        precondition(languages.count == corpus.count, "one language per row")
        let stream = corpus.tokens
        let words = WordFacts(stream)
        let chunk = 512
        return ParallelMap.map(0..<((corpus.count + chunk - 1) / chunk)) { index -> [UInt32] in
            var scratch = RowScratch()
            let rows = (index * chunk)..<min(corpus.count, (index + 1) * chunk)
            return rows.flatMap {
                scratch.counts(text: corpus.texts[$0], language: languages[$0], row: $0, stream: stream, words: words)
                    .packed
            }
        }.flatMap { $0 }
    }

    /// The table of rows known only by their packed `ComplexityCounts` and, if given, their rare-word ratios: the
    /// classifier loss, and the rare-word ratio without `rareWordRatios`, are undefined (NaN) on every row.
    ///
    /// - Complexity: O(rows).
    init(packedCounts: [UInt32], rareWordRatios: [Double?]? = nil) {
        precondition(packedCounts.count % ComplexityCounts.width == 0, "whole rows of counts")
        let count = packedCounts.count / ComplexityCounts.width
        precondition(rareWordRatios.map { $0.count == count } ?? true, "one rare-word ratio per row")
        rows = count
        let counts = (0..<count).map { ComplexityCounts(packed: packedCounts, at: $0 * ComplexityCounts.width) }
        languages = counts.reduce(into: [:]) { $0[ReadabilityLanguage.unpack($1.language), default: 0] += 1 }
        let rule = ReadabilityLanguage(code: ReadabilityLanguage.mainLanguage(languages))
        values = counts.indices.flatMap { row in
            counts[row].values(rareWordRatio: rareWordRatios?[row] ?? nil, classifierLoss: nil, readability: rule)
        }
        hasClassifierLoss = false
    }

    /// Each row's rare-word ratio, as the table of its text gives it: the share of its tokens whose word the
    /// reference rows hold fewer than `Complexity.rareWordMinimumCount` times; nil for a row without tokens.
    ///
    /// - Parameter reference: the reference rows; nil when they are `rows` themselves, and then each row's own
    ///   tokens are taken out of its reference counts.
    /// - Complexity: O(tokens · log tokens of the longest row + types) expected.
    static func rareWordRatios(_ rows: RowWords, reference: RowWords?) -> [Double?] {
        let stream = rows.tokens
        let counts = ReferenceVocabulary(reference?.tokens ?? stream).counts(for: stream)
        var scratch = RowScratch()
        return (0..<stream.documentCount).map {
            scratch.rareWordRatio(
                range: stream.tokenRange(of: $0), stream: stream, counts: counts, leaveOneOut: reference == nil)
        }
    }
}

/// Syllables (by English, German and French rules) and characters of each word type of a token stream, computed once
/// per type.
private struct WordFacts: Sendable {
    let syllables: [Int32]
    let germanSyllables: [Int32]
    let frenchSyllables: [Int32]
    let characters: [Int32]

    init(_ stream: TokenStream) {
        let types = stream.types
        let facts = ParallelMap.map(0..<((types.count + 4095) / 4096)) { index -> [(Int32, Int32, Int32, Int32)] in
            types[(index * 4096)..<min(types.count, (index + 1) * 4096)].map { type in
                var type = type
                return type.withUTF8 { bytes in
                    (
                        Int32(Syllables.count(utf8: bytes)), Int32(Syllables.countGerman(utf8: bytes)),
                        Int32(Syllables.countFrench(utf8: bytes)), Int32(Readability.wordCharacters(utf8: bytes))
                    )
                }
            }
        }.flatMap { $0 }
        syllables = facts.map(\.0)
        germanSyllables = facts.map(\.1)
        frenchSyllables = facts.map(\.2)
        characters = facts.map(\.3)
    }
}

/// Reusable buffers for one row's values.
private struct RowScratch {
    private var hashes: [UInt64] = []
    private var scalars: [UInt32] = []
    private var repeated: [Int] = []
    private var rowWords: [UInt32] = []

    /// One row's values, in `ComplexityMeasure` order.
    mutating func values(
        text: String, language: String, readability: ReadabilityLanguage?, row: Int, stream: TokenStream,
        words: WordFacts, referenceCounts: [Int32], leaveOneOut: Bool, classifierLoss: Double?
    ) -> [Double] {
        counts(text: text, language: language, row: row, stream: stream, words: words).values(
            rareWordRatio: rareWordRatio(
                range: stream.tokenRange(of: row), stream: stream, counts: referenceCounts, leaveOneOut: leaveOneOut),
            classifierLoss: classifierLoss, readability: readability)
    }

    /// One row's counts, `language` its language (`LanguageIdentifier`).
    mutating func counts(
        text: String, language: String, row: Int, stream: TokenStream, words: WordFacts
    ) -> ComplexityCounts {
        let range = stream.tokenRange(of: row)
        var syllables = 0
        var germanSyllables = 0
        var frenchSyllables = 0
        var polysyllables = 0
        var characters = 0
        for position in range {
            let word = Int(stream.words[position])
            let count = Int(words.syllables[word])
            germanSyllables += Int(words.germanSyllables[word])
            frenchSyllables += Int(words.frenchSyllables[word])
            syllables += count
            polysyllables += count >= 3 ? 1 : 0
            characters += Int(words.characters[word])
        }
        let sentences = range.isEmpty ? 0 : max(1, Readability.sentenceCount(in: text))

        scalars.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }

        hashes.removeAll(keepingCapacity: true)
        stream.forEachNGram(order: Complexity.repetitionOrder, of: row) { hashes.append($0) }
        let repeatedWords = RepetitionRatio.wordRepeats(&hashes)
        return ComplexityCounts(
            characters: UInt32(clamping: scalars.count), tokens: UInt32(clamping: range.count),
            sentences: UInt32(clamping: sentences), syllables: UInt32(clamping: syllables),
            germanSyllables: UInt32(clamping: germanSyllables), frenchSyllables: UInt32(clamping: frenchSyllables),
            polysyllables: UInt32(clamping: polysyllables),
            letters: UInt32(clamping: characters),
            repeatedWordGrams: UInt32(clamping: repeatedWords),
            repeatedCharacterGrams: UInt32(clamping: repeatedCharacters()),
            language: ReadabilityLanguage.pack(language))
    }

    /// The character repetition numerator of the row's scalars (in `scalars`).
    private mutating func repeatedCharacters() -> Int {
        hashes.removeAll(keepingCapacity: true)
        let order = Complexity.repetitionOrder
        if scalars.count >= order {
            scalars.withUnsafeBufferPointer { scalars in
                for start in 0...(scalars.count - order) {
                    var hash = StableHash.fnvOffset
                    for k in start..<(start + order) { hash = (hash ^ UInt64(scalars[k])) &* StableHash.fnvPrime }
                    hashes.append(hash)
                }
            }
        }
        return RepetitionRatio.characterRepeats(&hashes, repeated: &repeated)
    }

    /// The share of the row's tokens whose word the reference holds fewer than
    /// `Complexity.rareWordMinimumCount` times, the row's own tokens taken out when `leaveOneOut`.
    mutating func rareWordRatio(
        range: Range<Int>, stream: TokenStream, counts: [Int32], leaveOneOut: Bool
    ) -> Double? {
        guard !range.isEmpty else { return nil }
        let minimum = Int32(Complexity.rareWordMinimumCount)
        var rare = 0
        if leaveOneOut {
            rowWords.removeAll(keepingCapacity: true)
            rowWords.append(contentsOf: stream.words[range])
            rowWords.sort()
            var start = 0
            while start < rowWords.count {
                var end = start + 1
                while end < rowWords.count, rowWords[end] == rowWords[start] { end += 1 }
                if counts[Int(rowWords[start])] - Int32(end - start) < minimum { rare += end - start }
                start = end
            }
        } else {
            for position in range where counts[Int(stream.words[position])] < minimum { rare += 1 }
        }
        return Double(rare) / Double(range.count)
    }
}
