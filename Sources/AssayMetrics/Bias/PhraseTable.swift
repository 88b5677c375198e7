import AssayCore
import Foundation

/// A word or punctuation mark of a name.
struct NameToken: Sendable {
    let hash: UInt64
    /// The word's bytes; empty for punctuation, which is compared by hash.
    let bytes: [UInt8]
    let isWord: Bool
}

/// A name the matcher looks for: its tokens and the country it counts for.
struct Phrase: Sendable {
    let tokens: [NameToken]
    /// nil for `Gazetteer.nonPlaces`.
    let country: String?
    let rule: Gazetteer.NameRule?
    /// The hashes of the rule's context words, cased as the table matches: "Caucasus" and "CAUCASUS", or
    /// "caucasus". Compared by hash alone (a false match needs a 64-bit collision).
    let contextWords: Set<UInt64>

    init(tokens: [NameToken], country: String?, rule: Gazetteer.NameRule?, folded: Bool) {
        self.tokens = tokens
        self.country = country
        self.rule = rule
        let words = rule?.context?.words ?? []
        let forms =
            folded ? Array(words) : words.flatMap { [$0.prefix(1).uppercased() + $0.dropFirst(), $0.uppercased()] }
        self.contextWords = Set(forms.map(StableHash.string))
    }
}

/// The names, indexed by their first token; one table matches case-sensitively, one lowercased.
struct PhraseTable: Sendable {
    private var phrases: [Phrase] = []
    /// For each first-token hash, the phrases starting with it, longest first.
    private var byFirstToken: [UInt64: [Int]] = [:]

    init(rows: [(entry: Gazetteer.Entry, line: Int)], folded: Bool) throws {
        var indexByKey: [[UInt64]: Int] = [:]
        func add(_ name: String, base: String, country: String?, line: Int) throws {
            let rule = Gazetteer.ambiguousNames[base]
            if folded, rule?.caseSensitive ?? false { return }
            var forms = [folded ? name.lowercased() : name]
            if !folded, rule?.matchesInCapitals ?? true, name.uppercased() != name { forms.append(name.uppercased()) }
            // Compared as bytes: `String.==` holds NFC and NFD spellings equal.
            for form in forms {
                let decomposed = form.decomposedStringWithCanonicalMapping
                if !decomposed.utf8.elementsEqual(form.utf8) { forms.append(decomposed) }
            }
            for form in forms {
                let tokens = PhraseTable.tokens(of: form)
                guard !tokens.isEmpty else {
                    throw Gazetteer.DataError(line: line, message: "\"\(name)\" has no words")
                }
                let key = tokens.map(\.hash)
                if let existing = indexByKey[key] {
                    let other = phrases[existing].country
                    guard other != country else { continue }
                    let context = rule?.context ?? phrases[existing].rule?.context
                    guard let context, Set([other, country]) == Set([context.usual, context.alternative]) else {
                        throw Gazetteer.DataError(
                            line: line,
                            message: "\"\(name)\" names both \(other ?? "no country") and \(country ?? "no country");"
                                + " drop one row or give the name a rule in Gazetteer.ambiguousNames")
                    }
                    phrases[existing] = Phrase(
                        tokens: tokens, country: context.usual, rule: rule ?? phrases[existing].rule, folded: folded)
                    continue
                }
                indexByKey[key] = phrases.count
                phrases.append(Phrase(tokens: tokens, country: country, rule: rule, folded: folded))
            }
        }
        for (entry, line) in rows {
            try add(entry.name, base: entry.name, country: entry.country, line: line)
            if entry.kind == .demonym, let plural = PhraseTable.plural(of: entry.name) {
                try add(plural, base: entry.name, country: entry.country, line: line)
            }
        }
        for name in Gazetteer.nonPlaces { try add(name, base: name, country: nil, line: 0) }
        for (index, phrase) in phrases.enumerated() {
            byFirstToken[phrase.tokens[0].hash, default: []].append(index)
        }
        for key in byFirstToken.keys {
            byFirstToken[key]?.sort { phrases[$0].tokens.count > phrases[$1].tokens.count }
        }
    }

    /// A demonym's plural: the name with "s", unless it ends in s, sh, x, ese, nch, tch, man or men.
    static func plural(of name: String) -> String? {
        let endings = ["s", "sh", "x", "ese", "nch", "tch", "man", "men"]
        return endings.contains { name.hasSuffix($0) } ? nil : name + "s"
    }

    /// The tokens of a name, cut as texts are.
    private static func tokens(of name: String) -> [NameToken] {
        var name = name
        return name.withUTF8 { bytes in
            TextScan(bytes).tokens.map { token in
                let slice = token.isWord ? Array(bytes[token.start..<token.end]) : []
                return NameToken(hash: token.hash, bytes: slice, isWord: token.isWord)
            }
        }
    }

    /// The mentions in a scanned text.
    ///
    /// - Complexity: O(tokens · candidates per first word).
    func mentions(in scan: TextScan, bytes: UnsafeBufferPointer<UInt8>) -> [PlaceMention] {
        let tokens = scan.tokens
        var found: [(phrase: Int, first: Int, end: Int)] = []
        var i = 0
        scanning: while i < tokens.count {
            if let candidates = byFirstToken[tokens[i].hash] {
                for index in candidates {
                    let phrase = phrases[index]
                    let end = i + phrase.tokens.count
                    guard matches(phrase, tokens: tokens, at: i, bytes: bytes) else { continue }
                    if let rule = phrase.rule {
                        let afterMention = found.last.map { $0.end == i } ?? false
                        guard
                            allows(
                                rule, tokens: tokens, first: i, end: end, afterMention: afterMention,
                                scan: scan, bytes: bytes)
                        else { continue }
                    }
                    if phrase.country != nil { found.append((index, i, end)) }
                    i = end
                    continue scanning
                }
            }
            i += 1
        }
        return found.map { match in
            let phrase = phrases[match.phrase]
            var country = phrase.country ?? ""
            if let context = phrase.rule?.context, hasContext(context, of: phrase, found: found, tokens: tokens) {
                country = context.alternative
            }
            let start = tokens[match.first].start
            let matched = String(
                decoding: UnsafeBufferPointer(rebasing: bytes[start..<tokens[match.end - 1].end]),
                as: UTF8.self)
            return PlaceMention(country: country, matched: matched, offset: start)
        }
    }

    private func matches(_ phrase: Phrase, tokens: [WordToken], at first: Int, bytes: UnsafeBufferPointer<UInt8>)
        -> Bool
    {
        guard first + phrase.tokens.count <= tokens.count else { return false }
        for (k, expected) in phrase.tokens.enumerated() {
            let token = tokens[first + k]
            guard token.hash == expected.hash, token.isWord == expected.isWord else { return false }
            if expected.isWord {
                guard token.end - token.start == expected.bytes.count else { return false }
                for (offset, byte) in expected.bytes.enumerated() where bytes[token.start + offset] != byte {
                    return false
                }
            }
        }
        return true
    }

    /// Whether the words around a match let an ambiguous name count (the conditions of `NameRule`).
    private func allows(
        _ rule: Gazetteer.NameRule, tokens: [WordToken], first: Int, end: Int, afterMention: Bool, scan: TextScan,
        bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let previous = first > 0 ? tokens[first - 1] : nil
        let next = end < tokens.count ? tokens[end] : nil
        func lowercased(_ token: WordToken?) -> String? {
            guard let token, token.isWord else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
                .lowercased()
        }
        let before = lowercased(previous)
        let after = lowercased(next)
        if let after, rule.notBefore.contains(after) { return false }
        if let before, rule.notAfter.contains(before) { return false }
        if let onlyAfter = rule.onlyAfter {
            guard let before, onlyAfter.contains(before) else { return false }
        }
        if rule.givenName, let next, next.isCapitalised, let after, !Gazetteer.placeNouns.contains(after),
            byFirstToken[next.hash] == nil
        {
            return false
        }
        if rule.surname, let previous, previous.isCapitalised, let before, !Gazetteer.functionWords.contains(before),
            !afterMention
        {
            return false
        }
        if rule.notInCapitals {
            if !scan.hasLowercase { return false }
            if let previous, previous.isAllCapitals, let next, next.isAllCapitals { return false }
        }
        return true
    }

    /// Whether a text has the context that turns a contextual name (Georgia) to its alternative country.
    private func hasContext(
        _ context: Gazetteer.NameRule.Context, of phrase: Phrase, found: [(phrase: Int, first: Int, end: Int)],
        tokens: [WordToken]
    ) -> Bool {
        for match in found where phrases[match.phrase].rule?.context == nil {
            if let country = phrases[match.phrase].country, context.countries.contains(country) { return true }
        }
        return tokens.contains { $0.isWord && phrase.contextWords.contains($0.hash) }
    }
}
