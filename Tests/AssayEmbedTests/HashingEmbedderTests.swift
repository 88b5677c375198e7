import AssayCore
import AssayLinalg
import Foundation
import Testing

@testable import AssayEmbed

/// Signed feature hashing of TF-IDF-weighted word and character n-grams.
@Suite struct HashingEmbedderTests {
    static let sentences = [
        "The cat sat on the mat.",
        "A dog barked at the mailman!",
        "Der Hund bellte den Briefträger an.",
        "猫がマットの上に座った",
        "the the the",
    ]

    private func norm(_ row: [Float]) -> Double {
        row.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    private func dot(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test func theNameAndDimensionFollowTheBucketCount() throws {
        #expect(HashingEmbedder().modelID == "hashing-512")
        #expect(HashingEmbedder().dimension == 512)
        let wide = HashingEmbedder(dimension: 1024)
        #expect(wide.modelID == "hashing-1024")
        let embeddings = try wide.embed(["one text", "another"])
        #expect(embeddings.rows == 2)
        #expect(embeddings.columns == 1024)
        #expect(try wide.embed([]).rows == 0)
    }

    @Test func theSameTextsEmbedIdenticallyEveryTime() throws {
        let first = try HashingEmbedder().embed(Self.sentences)
        let second = try HashingEmbedder().embed(Self.sentences)
        #expect(first == second)
    }

    @Test func rowsHaveUnitLength() throws {
        let embeddings = try HashingEmbedder().embed(Self.sentences)
        for index in 0..<embeddings.rows {
            #expect(abs(norm(embeddings.row(index)) - 1) < 1e-5, "row \(index)")
        }
    }

    @Test func aTextWithoutWordsGivesAZeroRow() throws {
        let embeddings = try HashingEmbedder().embed(["", "a real sentence", "!!! ... ?"])
        #expect(embeddings.row(0).allSatisfy { $0 == 0 })
        #expect(embeddings.row(2).allSatisfy { $0 == 0 })
        #expect(abs(norm(embeddings.row(1)) - 1) < 1e-5)
    }

    @Test func identicalTextsGiveIdenticalRowsWithCosineOne() throws {
        // Case and punctuation go in the tokenizer, so these three are the same text.
        let embeddings = try HashingEmbedder().embed(["The cat sat.", "something else", "the CAT sat", "The cat sat."])
        #expect(embeddings.row(0) == embeddings.row(3))
        #expect(embeddings.row(0) == embeddings.row(2))
        #expect(abs(dot(embeddings.row(0), embeddings.row(3)) - 1) < 1e-5)
    }

    @Test func textsSharingNoFeaturesAreOrthogonal() throws {
        // "aaaa" has the word "aaaa" and the n-grams of " aaaa ": " aa", "aaa", "aa ", " aaa", "aaaa", "aaa ",
        // " aaaa", "aaaa "; "zzzz" has the same with z. Every feature of one contains an "a", none of the other
        // does, so no feature is shared; with 2^16 buckets the 2 × 9 features do not collide, and rows with
        // disjoint buckets have a dot product of exactly 0.
        let embedder = HashingEmbedder(dimension: 1 << 16)
        let features = embedder.weightedFeatures(["aaaa", "zzzz"])
        #expect(features[0].count == 9)
        #expect(features[1].count == 9)
        #expect(Set(features[0].keys).isDisjoint(with: features[1].keys))
        let embeddings = try embedder.embed(["aaaa", "zzzz"])
        #expect(dot(embeddings.row(0), embeddings.row(1)) == 0)
        #expect(abs(norm(embeddings.row(1)) - 1) < 1e-5)
    }

    @Test func weightsAreCountTimesSmoothIDF() throws {
        // Texts "a" and "a b", N = 2.
        // "a":   word a, character 3-gram " a " (" a " is 3 characters: no 4- or 5-grams).
        // "a b": words a and b, bigram "a b", 3-grams " a " and " b ".
        // df(a) = df(" a ") = 2: idf = ln(3/3) + 1 = 1.
        // df(b) = df("a b") = df(" b ") = 1: idf = ln(3/2) + 1 = 1.4054651.
        let embedder = HashingEmbedder(dimension: 1 << 16)
        let features = embedder.weightedFeatures(["a", "a b"])
        let a = HashingEmbedder.featureKey(word: "a")
        let b = HashingEmbedder.featureKey(word: "b")
        let ab = HashingEmbedder.featureKey(bigram: "a", "b")
        let spaceA = HashingEmbedder.featureKey(characters: " a ")
        let spaceB = HashingEmbedder.featureKey(characters: " b ")
        let rare = log(1.5) + 1
        #expect(features[0] == [a: 1, spaceA: 1])
        #expect(Set(features[1].keys) == [a, b, ab, spaceA, spaceB])
        #expect(features[1][a] == 1)
        #expect(abs((features[1][b] ?? 0) - 1.405_465_1) < 1e-6)
        #expect(features[1][ab] == rare)
        #expect(features[1][spaceB] == rare)
        // The ratio asked for: idf(a) / idf(b) = (ln(3/3) + 1) / (ln(3/2) + 1) = 1 / 1.4054651 = 0.7115082.
        let ratio = (features[1][a] ?? 0) / (features[1][b] ?? 1)
        #expect(abs(ratio - 0.711_508_2) < 1e-6)

        // Hashed: row 0 is (±1, ±1) / √2 in two buckets; row 1 has norm √(1 + 1 + 3 · 1.4054651²) = 2.8153146
        // before normalising (no collisions among 5 features in 2^16 buckets), so b's bucket holds
        // ±1.4054651 / 2.8153146 = ±0.4992213.
        let embeddings = try embedder.embed(["a", "a b"])
        let row0 = embeddings.row(0)
        #expect(row0.filter { $0 != 0 }.count == 2)
        #expect(row0.allSatisfy { $0 == 0 || abs(abs($0) - 0.707_106_78) < 1e-6 })
        #expect(embeddings.row(1).filter { $0 != 0 }.count == 5)
        let slotB = HashingEmbedder.slot(b, dimension: 1 << 16)
        let expectedB = slotB.sign * rare / (2 + 3 * rare * rare).squareRoot()
        #expect(abs(Double(embeddings[1, slotB.bucket]) - expectedB) < 1e-6)
        #expect(abs(abs(expectedB) - 0.499_221_3) < 1e-6)
    }

    @Test func theEmbeddingIsTheHashedWeightedFeatures() throws {
        let embedder = HashingEmbedder(dimension: 64)  // small, so buckets collide and signs matter
        let features = embedder.weightedFeatures(Self.sentences)
        let embeddings = try embedder.embed(Self.sentences)
        for (index, weights) in features.enumerated() {
            var expected = [Double](repeating: 0, count: 64)
            for (key, weight) in weights {
                let slot = HashingEmbedder.slot(key, dimension: 64)
                expected[slot.bucket] += slot.sign * weight
            }
            let length = expected.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for bucket in 0..<64 {
                #expect(abs(Double(embeddings[index, bucket]) - expected[bucket] / length) < 1e-5)
            }
        }
    }

    @Test func repeatedFeaturesCountEveryOccurrence() {
        // "the the" against "cat": N = 2, every feature is in one text, idf = ln(3/2) + 1 = 1.4054651.
        // The word "the" occurs twice: 2 × 1.4054651 = 2.8109302; the bigram "the the" once: 1.4054651.
        // " th" occurs twice (once per word): 2.8109302.
        let features = HashingEmbedder().weightedFeatures(["the the", "cat"])
        let idf = log(1.5) + 1
        #expect(features[0][HashingEmbedder.featureKey(word: "the")] == 2 * idf)
        #expect(features[0][HashingEmbedder.featureKey(bigram: "the", "the")] == idf)
        #expect(features[0][HashingEmbedder.featureKey(characters: " th")] == 2 * idf)
        #expect(features[0][HashingEmbedder.featureKey(characters: " the ")] == 2 * idf)
        // The word "the" and the 3-gram "the" are different features.
        #expect(HashingEmbedder.featureKey(word: "the") != HashingEmbedder.featureKey(characters: "the"))
        // "the the": 1 word + 1 bigram + the n-grams of " the " (3 + 2 + 1 = 6 distinct) = 8 features.
        #expect(features[0].count == 8)
    }

    @Test func characterGramsCountUnicodeScalarsNotBytes() {
        // " é " is three scalars (five UTF-8 bytes): one 3-gram, no 4- or 5-gram; with the word, 2 features.
        let features = HashingEmbedder().weightedFeatures(["é"])
        #expect(features[0].count == 2)
        #expect(features[0][HashingEmbedder.featureKey(characters: " é ")] == 1)
        // "café": " ca", "caf", "afé", "fé ", " caf", "café", "afé ", " café", "café " + the word = 10.
        #expect(HashingEmbedder().weightedFeatures(["café"])[0].count == 10)
    }

    @Test func idfDependsOnTheOtherTexts() throws {
        // Alone, every feature of "a b" has idf 1; next to "a", b's features weigh more than a's.
        let embedder = HashingEmbedder(dimension: 1 << 16)
        let alone = try embedder.embed(["a b"])
        let together = try embedder.embed(["a", "a b"])
        #expect(alone.row(0) != together.row(1))
    }
}
