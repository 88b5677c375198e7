import Testing

@testable import AssayCore

/// `TokenStream` on corpora small enough to work out by hand.
@Suite struct TokenStreamTests {
    /// Document 0 "the cat sat" (positions 0–2), document 1 empty, document 2 "the cat" (3–4).
    let stream = TokenStream(texts: ["the cat sat", "", "the cat"])

    @Test func documentStartsMarkEachDocumentsTokens() {
        #expect(stream.documentStarts == [0, 3, 3, 5])
        #expect(stream.documentCount == 3)
        #expect(stream.tokenCount == 5)
        #expect(stream.tokenRange(of: 0) == 0..<3)
        #expect(stream.tokenRange(of: 1) == 3..<3)
        #expect(stream.tokenRange(of: 2) == 3..<5)
    }

    @Test func wordsAreDenseIdsInFirstSeenOrder() {
        // the → 0, cat → 1, sat → 2; document 2 reuses 0 and 1.
        #expect(stream.words == [0, 1, 2, 0, 1])
        #expect(stream.types == ["the", "cat", "sat"])
        #expect(stream.typeCount == 3)
        #expect(stream.typeHashes.count == 3)
        #expect(Set(stream.typeHashes).count == 3)
    }

    @Test func ngramCountsPerDocument() {
        // A document of n tokens has max(0, n − order + 1) n-grams of an order.
        let expected = [
            (1, 0, 3), (2, 0, 2), (2, 1, 0), (2, 2, 1), (3, 0, 1), (3, 2, 0), (4, 0, 0), (1, 1, 0),
        ]
        for (order, document, count) in expected {
            #expect(stream.ngramCount(order: order, of: document) == count, "order \(order), doc \(document)")
            #expect(stream.ngrams(order: order, of: document).count == count, "order \(order), doc \(document)")
        }
    }

    @Test func sameBigramHasTheSameHashInEveryDocument() throws {
        // "the cat" starts document 0 and is all of document 2.
        let first = stream.ngrams(order: 2, of: 0)
        let other = stream.ngrams(order: 2, of: 2)
        try #require(first.count == 2 && other.count == 1)
        #expect(first[0] == other[0])
        // "cat sat" is a different bigram.
        #expect(first[1] != first[0])
    }

    @Test func unigramHashesAreTheWordsTypeHashes() {
        let hashes = stream.typeHashes
        #expect(stream.ngrams(order: 1, of: 0) == [hashes[0], hashes[1], hashes[2]])
        #expect(stream.ngrams(order: 1, of: 2) == [hashes[0], hashes[1]])
    }

    @Test func typeHashIsTheStableHashOfTheLowercasedWord() {
        // Both are FNV-1a over the word's UTF-8 bytes, finalised.
        #expect(stream.typeHashes == ["the", "cat", "sat"].map(StableHash.string))
        let upper = TokenStream(texts: ["\u{C9}COLE"])
        #expect(upper.typeHashes == [StableHash.string("\u{E9}cole")])
    }

    @Test func longerNGramsExtendShorterOnesWordByWord() {
        // StableHash.extend(hash of the n-gram, with: hash of the next word) is the (n+1)-gram's hash.
        let the = stream.typeHashes[0]
        let cat = stream.typeHashes[1]
        let sat = stream.typeHashes[2]
        let theCat = StableHash.extend(the, with: cat)
        #expect(stream.ngrams(order: 2, of: 0) == [theCat, StableHash.extend(cat, with: sat)])
        #expect(stream.ngrams(order: 3, of: 0) == [StableHash.extend(theCat, with: sat)])
        #expect(stream.ngrams(order: 2, of: 2) == [theCat])
    }

    @Test func forEachNGramVisitsTheSameHashesInOrder() {
        var seen: [UInt64] = []
        stream.forEachNGram(order: 2, of: 0) { seen.append($0) }
        #expect(seen == stream.ngrams(order: 2, of: 0))
        var none = 0
        stream.forEachNGram(order: 4, of: 0) { _ in none += 1 }
        stream.forEachNGram(order: 1, of: 1) { _ in none += 1 }
        #expect(none == 0)
    }

    @Test func ngramsNeverCrossDocuments() {
        // Split, "b c" spans two documents and is no bigram; joined, it is.
        let split = TokenStream(texts: ["a b", "c"])
        let joined = TokenStream(texts: ["a b c"])
        let splitBigrams = Set((0..<split.documentCount).flatMap { split.ngrams(order: 2, of: $0) })
        let joinedBigrams = joined.ngrams(order: 2, of: 0)
        #expect(splitBigrams.count == 1)
        #expect(joinedBigrams.count == 2)
        #expect(splitBigrams.isSubset(of: joinedBigrams))
        #expect(!splitBigrams.contains(joinedBigrams[1]))
    }

    @Test func typeHashesAgreeAcrossSeparatelyBuiltStreams() throws {
        let other = TokenStream(texts: ["a dog and THE Cat"])
        // Types of `other`: a 0, dog 1, and 2, the 3, cat 4.
        #expect(other.types == ["a", "dog", "and", "the", "cat"])
        #expect(other.typeHashes[3] == stream.typeHashes[0])
        #expect(other.typeHashes[4] == stream.typeHashes[1])
        // And the bigram "the cat" (the fourth bigram there, the first here).
        #expect(other.ngrams(order: 2, of: 0)[3] == stream.ngrams(order: 2, of: 0)[0])
    }

    @Test func tokenizationFoldsCaseAndPunctuation() {
        let folded = TokenStream(texts: ["The THE the.", "  "])
        #expect(folded.types == ["the"])
        #expect(folded.words == [0, 0, 0])
        #expect(folded.documentStarts == [0, 3, 3])
    }

    @Test func emptyCorpusHasNoTokens() {
        let empty = TokenStream(texts: [])
        #expect(empty.documentStarts == [0])
        #expect(empty.documentCount == 0)
        #expect(empty.tokenCount == 0)
        #expect(empty.typeCount == 0)
    }

    @Test func corpusTokensAreBuiltFromItsTexts() throws {
        let corpus = try loadTemporaryFile(
            named: "data.jsonl", text: "{\"text\": \"the cat sat\"}\n{\"text\": \"\"}\n{\"text\": \"the cat\"}\n")
        let tokens = corpus.tokens
        #expect(tokens.documentStarts == [0, 3, 3, 5])
        #expect(tokens.words == [0, 1, 2, 0, 1])
        #expect(tokens.typeHashes == stream.typeHashes)
    }
}
