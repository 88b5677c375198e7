// Benchmarks (release build; `make bench`), never part of `swift test`.
//
//   AssayBench [lexical [N]] [embed [N]] [linalg [N]] [labels [N]]
//   (default: all four; N = 1,000,000 texts, 10,000 sentences, 20,000 vectors, 10,000 labelled rows)
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
    default: print("unknown benchmark '\(name)'; use lexical, embed, linalg or labels")
    }
    index += 1
}
