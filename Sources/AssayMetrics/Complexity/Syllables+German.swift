import AssayCore

extension Syllables {
    /// A German syllable count by rule, for Amstad's reading ease: the number of maximal runs of the vowels
    /// a, e, i, o, u, ä, ö, ü and y in the lowercased word, at least 1.
    ///
    /// A digraph such as "ie", "ei", "eu", "au", "äu" or "ee" is one run and so one syllable, as in German.
    /// Known misses, by construction: hiatus inside a run ("Museum", "beenden", "teuer", "neue", "Ideen") and
    /// loanwords ("Service").
    ///
    /// - Complexity: O(length of `word`).
    public static func countGerman(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var runs = 0
        var inRun = false
        var index = 0
        while index < bytes.count {
            let (scalar, length) =
                bytes[index] < 0x80 ? (Unicode.Scalar(bytes[index]), 1) : UTF8Scalar.decode(bytes, at: index)
            let vowel = isGermanVowel(scalar)
            if vowel && !inRun { runs += 1 }
            inRun = vowel
            index += length
        }
        return max(1, runs)
    }

    /// The German syllables of `word` (lowercased first).
    public static func countGerman(_ word: String) -> Int {
        var lowered = word.lowercased()
        return lowered.withUTF8 { countGerman(utf8: $0) }
    }

    private static func isGermanVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a", "e", "i", "o", "u", "y", "ä", "ö", "ü", "A", "E", "I", "O", "U", "Y", "Ä", "Ö", "Ü": return true
        default: return false
        }
    }
}
