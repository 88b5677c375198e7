// Benchmarks (release build; `make bench`), never part of `swift test`.
//
//   AssayBench [lexical [N]] [embed [N]] [linalg [N]] [labels [N]] [label-ceiling] [duplicates [N]] [fidelity [N]]
//              [generate [N]] [classes [N]] [fewclasses [N]] [longrow] [load [N]] [static [N]] [encoder-profile [N]]
//              [embed-npy FIRST IN.jsonl OUT.npy COUNT] [mauve P.npy Q.npy] [parquet FILE COLUMN [load]]
//              [cv [N] FILE.jsonl] [bandruns-write [N] FOLDER [FILES]] [bandruns-merge FOLDER]
//              [exact-keys [N]] [language [N]]
//   (default: the first four; N = 1,000,000 texts, 10,000 sentences, 20,000 vectors, 10,000 labelled rows,
//   1,000,000 short texts for duplicates, 5,000 rows a side for fidelity, 10,000 generated examples, 10,000 rows
//   a side in N / 10 classes for classes (in 4 for fewclasses); label-ceiling reads UCI sentiment and AG News test from fixtures/data;
//   longrow puts one row of 1, 4 and 15 MB among 210 short ones; load reads 1,000,000 chat conversations of
//   about 300 words as JSON Lines, gzip and zstd, each in a process of its own; static distils the static
//   embedder twice and times it on N = 100,000 short and N / 10 long texts beside MiniLM, see StaticBench.swift;
//   encoder-profile times the MiniLM encoder's stages on N = 2,000 short and N / 10 long texts beside plain sgemm,
//   see EncoderProfileBench.swift; bandruns-write writes N = 10,000,000 short texts as FILES = 16 MinHash band runs
//   and bandruns-merge merges a folder's runs, see BandRunsBench.swift; exact-keys times the exact duplicate and leakage
//   measures of a sharded report on N = 1,000,000 keys a side, see ExactKeysBench.swift; language prints the
//   identifier's accuracy per language on fixtures/data/language/heldout.jsonl and its throughput on N = 1,000,000
//   of those sentences on one core, see LanguageBench.swift)
import AssayLinalg
import Foundation

// As `assay` does: OpenBLAS's Prescott fallback on a processor it does not know is replaced by the kernels the
// processor can run, so the figures are the product's; every benchmark prints the core it ran on.
BLASInfo.reloadWithBetterCoreIfNeeded()

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
            "fixtures/data/uci_sentiment/sentences.jsonl", "fixtures/data/alps/agnews_test.jsonl",
        ])
    case "duplicates": duplicatesBench(textCount: count ?? 1_000_000)
    case "exact-keys": exactKeysBench(rowCount: count ?? 1_000_000)
    case "language": languageBench(count: count ?? 1_000_000)
    case "fidelity": fidelityBench(rows: count ?? 5000)
    case "generate": generateBench(examples: count ?? 10_000)
    case "classes": classesBench(rows: count ?? 10_000)
    case "fewclasses": classesBench(rows: count ?? 10_000, classCount: 4)
    case "longrow": longRowBench()
    case "logistic": logisticBench(rows: count ?? 8000)
    case "load": loadBench(count: count ?? 1_000_000)
    case "static": staticBench(shortCount: count ?? 100_000)
    case "encoder-profile": encoderProfileBench(shortCount: count ?? 2000)
    case "embed-npy" where index + 3 < arguments.count:
        // embed-npy FIRST INPUT.jsonl OUTPUT.npy COUNT
        embedToNumPy(
            input: arguments[index + 1], output: arguments[index + 2], first: count ?? 0,
            count: Int(arguments[index + 3]) ?? 5000)
        index += 3
    case "parquet" where index + 2 < arguments.count:
        let load = index + 3 < arguments.count && arguments[index + 3] == "load"
        parquetBench(path: arguments[index + 1], column: arguments[index + 2], load: load)
        index += load ? 3 : 2
    case "mauve" where index + 2 < arguments.count:
        mauveBench(p: arguments[index + 1], q: arguments[index + 2])
        index += 2
    case "cv" where index + 1 < arguments.count:
        crossValidationBench(path: arguments[index + 1], rows: count ?? 20_000)
        index += 1
    case "bandruns-write" where index + 1 < arguments.count:
        // bandruns-write [N] FOLDER [FILES]
        let folder = arguments[index + 1]
        index += 1
        var files = 16
        if index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
            files = value
            index += 1
        }
        bandRunsWriteBench(textCount: count ?? 10_000_000, folder: folder, fileCount: files)
    case "bandruns-merge" where index + 1 < arguments.count:
        bandRunsMergeBench(folder: arguments[index + 1])
        index += 1
    case "load-one" where index + 2 < arguments.count:
        loadOneBench(path: arguments[index + 1], uncompressedBytes: Int(arguments[index + 2]) ?? 0)
        index += 2
    default:
        print(
            "unknown benchmark '\(name)'; use lexical, embed, linalg, labels, label-ceiling, duplicates, fidelity, generate, classes, fewclasses, longrow, load, static, encoder-profile, embed-npy, mauve, parquet, cv, bandruns-write, bandruns-merge, exact-keys or load-one"
        )
    }
    index += 1
}
