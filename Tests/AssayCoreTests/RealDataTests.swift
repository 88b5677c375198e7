import AssayTestSupport
import Foundation
import Testing

@testable import AssayCore

private let sst2Path = TestPaths.fixture("data/alps/sst2_test.jsonl")
private let agNewsPath = TestPaths.fixture("data/alps/agnews_test.jsonl")
private let uciPath = TestPaths.fixture("data/uci_sentiment/sentences.jsonl")

/// Real third-party data in `fixtures/data`, checked against its published counts: the three files are
/// whole copies (fixtures/README.md).
@Suite struct RealDataTests {
    @Test func sst2DevSetHasThePublishedCounts() throws {
        let corpus = try DatasetLoader.load(path: sst2Path)
        // GLUE SST-2 dev: 872 sentences, 444 positive and 428 negative.
        #expect(corpus.count == 872)
        #expect(corpus.labelNames == ["negative", "positive"])
        #expect(corpus.labelCounts == ["negative": 428, "positive": 444])
        #expect(corpus.rowNumbers.first == 1)
        #expect(corpus.rowNumbers.last == 872)
        #expect(corpus.tokens.documentCount == 872)
    }

    @Test func uciSentimentHasFiveHundredPerLabelAndSource() throws {
        let corpus = try DatasetLoader.load(path: uciPath, fields: FieldOptions(attributeFields: ["source"]))
        // Kotzias et al. 2015: 3 sources × (500 positive + 500 negative) = 3,000 sentences.
        #expect(corpus.count == 3000)
        #expect(corpus.labelCounts == ["negative": 1500, "positive": 1500])
        let sources = try #require(corpus.attributes["source"])
        #expect(tally(sources) == ["amazon": 1000, "imdb": 1000, "yelp": 1000])
        let labels = try #require(corpus.labels)
        let pairs = zip(sources, labels).map { "\($0)/\(corpus.labelNames[Int($1)])" }
        #expect(
            tally(pairs) == [
                "amazon/negative": 500, "amazon/positive": 500, "imdb/negative": 500, "imdb/positive": 500,
                "yelp/negative": 500, "yelp/positive": 500,
            ])
    }

    @Test func agNewsTestSetHasNineteenHundredPerClass() throws {
        let corpus = try DatasetLoader.load(path: agNewsPath)
        // Zhang et al. 2015: the AG News test set has 7,600 articles, 1,900 in each of 4 classes.
        #expect(corpus.count == 7600)
        #expect(corpus.labelNames.count == 4)
        #expect(corpus.labelCounts.values.allSatisfy { $0 == 1900 })
        #expect(Set(corpus.labelNames) == ["Business", "Sci/Tech", "Sports", "World"])
    }
}
