import AssayCore
import Foundation

/// The counts behind the classic readability formulas for one text, and the formulas.
///
/// **Words** are the tokens of `WordTokenizer` (the shared token stream's): maximal runs of letters,
/// digits and combining marks, an apostrophe between two word characters kept inside ("didn't"), so
/// numbers are words too. **Syllables** are `Syllables.count` of each word (a number counts 1).
/// **Polysyllables** (SMOG) and **complex words** (Gunning fog) are the words of three or more
/// syllables. **Characters** (ARI, Coleman–Liau) are the letters and digits of the words (their Unicode
/// scalars other than apostrophes and non-alphabetic combining marks). **Sentences** follow
/// `Readability.forEachSentence(in:_:)`.
///
/// With ASL = words / sentences and ASW = syllables / words:
/// - Flesch reading ease = 206.835 − 1.015·ASL − 84.6·ASW (Flesch 1948); for German, Amstad's
///   180 − ASL − 58.5·ASW (Amstad 1978) over German syllables; for French, Kandel & Moles' 207 − 1.015·ASL −
///   73.6·ASW (1958) over French syllables;
/// - Flesch–Kincaid grade = 0.39·ASL + 11.8·ASW − 15.59 (Kincaid, Fishburne, Rogers & Chissom 1975);
/// - SMOG grade = 1.0430·√(polysyllables · 30 / sentences) + 3.1291 (McLaughlin 1969);
/// - Gunning fog = 0.4·(ASL + 100 · complex words / words) (Gunning 1952);
/// - ARI = 4.71·(characters / words) + 0.5·ASL − 21.43 (Senter & Smith 1967);
/// - Coleman–Liau = 0.0588·L − 0.296·S − 15.8 with L = characters per 100 words and S = sentences per
///   100 words (Coleman & Liau 1975).
///
/// Every formula is undefined (nil) for a text without words. They were fitted on running prose of
/// many sentences: on a single short sentence they extrapolate, and SMOG in particular was calibrated
/// on 30-sentence samples (the 30 / sentences factor scales a shorter text up to that).
public struct Readability: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    public var syllables: Int
    /// Words of three or more syllables.
    public var polysyllables: Int
    /// Letters and digits of the words.
    public var characters: Int

    public init(words: Int, sentences: Int, syllables: Int, polysyllables: Int, characters: Int) {
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.polysyllables = polysyllables
        self.characters = characters
    }

    /// The counts of `text`.
    ///
    /// A text with words has at least one sentence.
    /// - Complexity: O(bytes of `text`).
    public init(text: String) {
        var words = 0
        var syllables = 0
        var polysyllables = 0
        var characters = 0
        WordTokenizer().forEachToken(in: text) { token in
            let count = Syllables.count(utf8: token)
            words += 1
            syllables += count
            polysyllables += count >= 3 ? 1 : 0
            characters += Readability.wordCharacters(utf8: token)
        }
        let sentences = words > 0 ? max(1, Readability.sentenceCount(in: text)) : 0
        self.init(
            words: words, sentences: sentences, syllables: syllables, polysyllables: polysyllables,
            characters: characters)
    }

    /// Words per sentence (ASL).
    public var wordsPerSentence: Double? {
        words > 0 && sentences > 0 ? Double(words) / Double(sentences) : nil
    }

    /// Syllables per word (ASW).
    public var syllablesPerWord: Double? {
        words > 0 ? Double(syllables) / Double(words) : nil
    }

    /// 206.835 − 1.015·ASL − 84.6·ASW (Flesch 1948): 0–100 for most prose, higher is easier.
    public var fleschReadingEase: Double? {
        guard let asl = wordsPerSentence, let asw = syllablesPerWord else { return nil }
        return 206.835 - 1.015 * asl - 84.6 * asw
    }

    /// 180 − ASL − 58.5·ASW (Amstad 1978): Flesch's reading ease refitted for German, on the same 0–100 scale,
    /// with German syllables (`Syllables.countGerman`) in ASW.
    public var amstadReadingEase: Double? {
        guard let asl = wordsPerSentence, let asw = syllablesPerWord else { return nil }
        return 180 - asl - 58.5 * asw
    }

    /// 207 − 1.015·ASL − 73.6·ASW (Kandel & Moles 1958): Flesch's reading ease refitted for French, with French
    /// syllables (`Syllables.countFrench`) in ASW.
    public var kandelMolesReadingEase: Double? {
        guard let asl = wordsPerSentence, let asw = syllablesPerWord else { return nil }
        return 207 - 1.015 * asl - 73.6 * asw
    }

    /// 0.39·ASL + 11.8·ASW − 15.59 (Kincaid et al. 1975): a US school grade.
    public var fleschKincaidGrade: Double? {
        guard let asl = wordsPerSentence, let asw = syllablesPerWord else { return nil }
        return 0.39 * asl + 11.8 * asw - 15.59
    }

    /// 1.0430·√(polysyllables · 30 / sentences) + 3.1291 (McLaughlin 1969): a US school grade.
    public var smog: Double? {
        guard words > 0, sentences > 0 else { return nil }
        return 1.0430 * (Double(polysyllables) * 30 / Double(sentences)).squareRoot() + 3.1291
    }

    /// 0.4·(ASL + 100 · complex words / words) (Gunning 1952), complex words being those of three or
    /// more syllables: a US school grade.
    public var gunningFog: Double? {
        guard let asl = wordsPerSentence else { return nil }
        return 0.4 * (asl + 100 * Double(polysyllables) / Double(words))
    }

    /// 4.71·(characters / words) + 0.5·ASL − 21.43 (Senter & Smith 1967): a US school grade.
    public var automatedReadabilityIndex: Double? {
        guard let asl = wordsPerSentence else { return nil }
        return 4.71 * Double(characters) / Double(words) + 0.5 * asl - 21.43
    }

    /// 0.0588·L − 0.296·S − 15.8 with L letters and S sentences per 100 words (Coleman & Liau 1975): a
    /// US school grade.
    public var colemanLiau: Double? {
        guard words > 0, sentences > 0 else { return nil }
        let letters = 100 * Double(characters) / Double(words)
        let sentencesPer100 = 100 * Double(sentences) / Double(words)
        return 0.0588 * letters - 0.296 * sentencesPer100 - 15.8
    }

    /// The letters and digits of a token of `WordTokenizer`, given as its UTF-8 bytes: its Unicode
    /// scalars other than apostrophes and non-alphabetic combining marks.
    ///
    /// - Complexity: O(`bytes.count`).
    public static func wordCharacters(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                count += byte == UInt8(ascii: "'") ? 0 : 1
                index += 1
                continue
            }
            let (scalar, length) = UTF8Scalar.decode(bytes, at: index)
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil { count += 1 }
            index += length
        }
        return count
    }
}

// MARK: Sentences

extension Readability {
    /// Calls `body` with the UTF-8 byte range of each sentence of `text`, in order.
    ///
    /// The rule: a sentence ends at a run of terminators — `.`, `!`, `?`, `…` and the full-width `。`,
    /// `！`, `？` — followed, after any closing quotes and brackets, by whitespace or the end of the
    /// text (so "3.14", "example.com" and "Yahoo!Mail" end nothing; the full-width terminators need no
    /// space). Then:
    /// - a run with `!`, `?` or a full-width terminator ends the sentence ("Really?!");
    /// - an ellipsis (`…`, or two or more dots) ends it only when the next word starts with a capital
    ///   letter, or at the end of the text ("I was… thinking" is one sentence, "Wait... Then" two);
    /// - a single `.` after an abbreviation does not end it: titles (Mr, Mrs, Ms, Dr, Prof, St, Sr, Jr,
    ///   Rev, Hon, Gen, Col, Lt, Sgt, Capt, Mt, Ft, Messrs), "e.g.", "i.e.", "vs.", "cf.", "viz.", dotted
    ///   initialisms ("U.S.", "a.m.") and a capital initial ("J. K. Rowling"); after "No.", "Vol.", "Fig.",
    ///   "p.", "pp.", "ch.", "sec.", "art.", "op.", "nr.", "approx.", "ca." only when no number follows;
    ///   after "etc.", "al.", "Inc.", "Ltd.", "Co.", "Corp.", "Bros.", "Dept.", "Univ." and the month
    ///   abbreviations (Jan, Feb, Aug, Sep, Sept, Oct, Nov, Dec) only when the next word is capitalised;
    /// - any other single `.` ends the sentence.
    ///
    /// Line breaks end nothing, and a text without terminal punctuation is one sentence. A span without
    /// a letter or digit (a stray "!!!") is not a sentence and joins nothing. Known misses: a sentence
    /// that ends in an initialism or a title ("… moved to the U.S. Then …" is one sentence) and
    /// abbreviations outside the lists ("Gov. Smith" splits).
    /// - Complexity: O(bytes of `text`).
    public static func forEachSentence(in text: String, _ body: (Range<Int>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = SentenceScanner(bytes: bytes)
            scanner.run(body)
        }
    }

    /// The number of sentences of `text` by `forEachSentence(in:_:)`'s rule.
    ///
    /// - Complexity: O(bytes of `text`).
    public static func sentenceCount(in text: String) -> Int {
        var count = 0
        forEachSentence(in: text) { _ in count += 1 }
        return count
    }

    /// The sentences of `text` by `forEachSentence(in:_:)`'s rule, without surrounding whitespace.
    public static func sentences(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var result: [String] = []
        forEachSentence(in: text) { range in
            let sentence = String(decoding: bytes[range], as: UTF8.self)
            result.append(sentence.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return result
    }
}

/// The sentence scan over a text's UTF-8 bytes.
private struct SentenceScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    /// What a run of terminators holds.
    private struct Run {
        var end: Int
        var dots = 0
        var strong = false
        var ellipsis = false
        var fullWidth = false
    }

    mutating func run(_ body: (Range<Int>) -> Void) {
        var start = 0
        var hasWord = false
        var index = 0
        while index < bytes.count {
            let (scalar, length) = scalar(at: index)
            guard SentenceScanner.isTerminator(scalar) else {
                if !hasWord, SentenceScanner.isWordCharacter(scalar) { hasWord = true }
                index += length
                continue
            }
            let run = terminatorRun(from: index)
            let after = skipping(from: run.end, SentenceScanner.isCloser)
            if endsSentence(run, at: index, after: after) {
                if hasWord { body(start..<after) }
                start = after
                hasWord = false
            }
            index = run.end
        }
        if hasWord { body(start..<bytes.count) }
    }

    private func endsSentence(_ run: Run, at index: Int, after: Int) -> Bool {
        if run.fullWidth { return true }
        let atEnd = after == bytes.count
        guard atEnd || SentenceScanner.isSpace(scalar(at: after).scalar) else { return false }
        if run.strong { return true }
        let next = skipping(from: after) { SentenceScanner.isSpace($0) || SentenceScanner.isOpener($0) }
        let nextIsCapital = next < bytes.count && scalar(at: next).scalar.properties.isUppercase
        if run.ellipsis || run.dots > 1 { return atEnd || nextIsCapital }
        let word = wordBefore(index)
        if SentenceScanner.neverEnding.contains(word) || SentenceScanner.isInitialism(word, at: index, in: bytes) {
            return false
        }
        if SentenceScanner.beforeNumbers.contains(word) {
            return !(next < bytes.count && bytes[next] &- 0x30 < 10)
        }
        if SentenceScanner.beforeCapitals.contains(word) { return atEnd || nextIsCapital }
        return true
    }

    /// The terminators from `index` on.
    private func terminatorRun(from index: Int) -> Run {
        var run = Run(end: index)
        while run.end < bytes.count {
            let (scalar, length) = scalar(at: run.end)
            guard SentenceScanner.isTerminator(scalar) else { break }
            switch scalar {
            case ".": run.dots += 1
            case "!", "?": run.strong = true
            case "…": run.ellipsis = true
            default: run.fullWidth = true
            }
            run.end += length
        }
        return run
    }

    /// The ASCII letters and dots just before `index`, lowercased ("e.g", "mr", "u.s").
    private func wordBefore(_ index: Int) -> String {
        var start = index
        while start > 0 {
            let byte = bytes[start - 1]
            guard (byte | 0x20) &- 0x61 < 26 || byte == UInt8(ascii: ".") else { break }
            start -= 1
        }
        return String(decoding: bytes[start..<index].map { $0 | 0x20 }, as: UTF8.self)
    }

    /// The first position from `index` on whose scalar is not `skipped`.
    private func skipping(from index: Int, _ skipped: (Unicode.Scalar) -> Bool) -> Int {
        var index = index
        while index < bytes.count {
            let (scalar, length) = scalar(at: index)
            guard skipped(scalar) else { break }
            index += length
        }
        return index
    }

    private func scalar(at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let byte = bytes[index]
        return byte < 0x80 ? (Unicode.Scalar(byte), 1) : UTF8Scalar.decode(bytes, at: index)
    }

    /// Dotted initialisms ("u.s", "e.g", "a.m": single letters between dots) and a capital initial.
    private static func isInitialism(_ word: String, at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ $0.count == 1 }) else { return false }
        if parts.count > 1 { return true }
        // A single letter: an initial only when it is a capital.
        return index > 0 && bytes[index - 1] &- 0x41 < 26
    }

    private static func isTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case ".", "!", "?", "…", "。", "！", "？": return true
        default: return false
        }
    }

    private static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", ")", "]", "}", "”", "’", "»", "」", "』", "）": return true
        default: return false
        }
    }

    private static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "(", "[", "{", "“", "‘", "«", "「", "『", "（": return true
        default: return false
        }
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x80 ? (scalar == " " || (0x09...0x0D).contains(scalar.value)) : scalar.properties.isWhitespace
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let byte = UInt8(scalar.value)
            return byte &- 0x30 < 10 || (byte | 0x20) &- 0x61 < 26
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static let neverEnding: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "rev", "hon", "gen", "col", "lt", "sgt", "capt", "mt",
        "ft", "messrs", "e.g", "i.e", "vs", "cf", "viz",
    ]
    private static let beforeNumbers: Set<String> = [
        "no", "vol", "fig", "p", "pp", "ch", "sec", "art", "op", "nr", "approx", "ca",
    ]
    private static let beforeCapitals: Set<String> = [
        "etc", "al", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "jan", "feb", "aug", "sep", "sept", "oct",
        "nov", "dec",
    ]
}
