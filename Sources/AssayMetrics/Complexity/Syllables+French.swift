import AssayCore

extension Syllables {
    /// A French syllable count by rule, for Kandel & Moles' reading ease: the number of maximal runs of the vowels
    /// a à â æ e é è ê ë i î ï o ô œ u ù û ü y ÿ in the word (the u of "qu" a consonant), less one for a mute final
    /// e (a word of two runs or more ending in "e" or "es" whose e follows a consonant: "chambre", "toutes",
    /// "casque"), at least 1.
    ///
    /// A run such as "ai", "au", "eau", "ou", "oi", "ie" or "ée" is one syllable, as in French. Known misses, by
    /// construction: hiatus inside a run ("agréable", "échoué", "bruyant") and the silent "-ent" of verbs
    /// ("parlent" counts 2).
    ///
    /// - Complexity: O(length of `word`).
    public static func countFrench(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var runs = 0
        var inRun = false
        // Whether the last run is a lone "e", and the letters after it: none, or one "s", make it mute.
        var lastRunIsLoneE = false
        var after = 0
        var afterIsS = false
        var previous: Unicode.Scalar = " "
        var index = 0
        while index < bytes.count {
            let (scalar, length) =
                bytes[index] < 0x80 ? (Unicode.Scalar(bytes[index]), 1) : UTF8Scalar.decode(bytes, at: index)
            // The u of "qu" is part of the consonant ("casque", "qualité").
            let vowel =
                isFrenchVowel(scalar) && !((scalar == "u" || scalar == "U") && (previous == "q" || previous == "Q"))
            previous = scalar
            if vowel && !inRun {
                runs += 1
                lastRunIsLoneE = scalar == "e" || scalar == "E"
                after = 0
            } else if vowel {
                lastRunIsLoneE = false
            } else if runs > 0 {
                after += 1
                afterIsS = scalar == "s" || scalar == "S"
            }
            inRun = vowel
            index += length
        }
        let muteE = runs > 1 && lastRunIsLoneE && (after == 0 || (after == 1 && afterIsS))
        return max(1, muteE ? runs - 1 : runs)
    }

    /// The French syllables of `word`.
    public static func countFrench(_ word: String) -> Int {
        var word = word
        return word.withUTF8 { countFrench(utf8: $0) }
    }

    private static func isFrenchVowel(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a", "à", "â", "æ", "e", "é", "è", "ê", "ë", "i", "î", "ï", "o", "ô", "œ", "u", "ù", "û", "ü", "y", "ÿ",
            "A", "À", "Â", "Æ", "E", "É", "È", "Ê", "Ë", "I", "Î", "Ï", "O", "Ô", "Œ", "U", "Ù", "Û", "Ü", "Y", "Ÿ":
            return true
        default: return false
        }
    }
}
