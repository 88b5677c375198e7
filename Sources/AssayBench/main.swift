// Benchmarks (release build; `make bench`), never part of `swift test`.
//
//   AssayBench [lexical [N]] [embed [N]] [linalg [N]] [labels [N]] [label-ceiling]
//   (default: the first four; N = 1,000,000 texts, 10,000 sentences, 20,000 vectors, 10,000 labelled rows;
//   label-ceiling reads UCI sentiment and AG News test from ../shared/data)
import Foundation

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty { arguments = ["lexical", "embed", "linalg", "labels"] }
var index = 0
while index < arguments.count {
    let name = arguments[index]
    var count: Int?
    if index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
        count = value
        index += 1
    }
    switch name {
    case "lexical": lexicalBench(documentCount: count ?? 1_000_000)
    case "embed": embeddingBench(sentenceCount: count ?? 10_000)
    case "linalg": linalgBench(rows: count ?? 20_000)
    case "labels": labelsBench(rows: count ?? 10_000)
    case "label-ceiling":
        labelCeilingBench(paths: [
            "../shared/data/uci_sentiment/sentences.jsonl", "../shared/data/alps/agnews_test.jsonl",
        ])
    default: print("unknown benchmark '\(name)'; use lexical, embed, linalg, labels or label-ceiling")
    }
    index += 1
}
