import AssayCore
import AssayEmbed
import AssayMetrics
import AssayReport
import AssayTestSupport
import Foundation
import Testing

@testable import AssayPipeline

/// `assay shard` → `assay merge` → `assay report` on a real dataset: the two halves of AG News test
/// (fixtures/data/alps, 7,600 rows) as original and synthetic, each cut into four files of 950 lines, to which
/// copies are added: each file repeats lines of the next file of its side, and each synthetic file copies lines
/// of an original one.
@Suite(.serialized) struct ShardedReportTests {
    /// A fresh folder under the system's temporary directory, removed after `body`.
    private func withTemporaryFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try await body(folder)
    }

    /// AG News test's lines 950·i + 1 … 950·(i + 1) for i in `parts`, as files part-i.jsonl in `folder`, each
    /// followed by the first `repeats` lines of the next part (the first part's after the last) and the first
    /// `copies` lines of part i − 4.
    static func write(parts: Range<Int>, to folder: URL, repeats: Int = 0, copies: Int = 0) throws -> [String] {
        let lines = try String(contentsOfFile: TestPaths.fixture("data/alps/agnews_test.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try parts.map { part in
            let path = folder.appendingPathComponent("part-\(part).jsonl").path
            let next = part + 1 == parts.upperBound ? parts.lowerBound : part + 1
            let rows =
                lines[(part * 950)..<((part + 1) * 950)] + lines[(next * 950)..<(next * 950 + repeats)]
                + (copies > 0 ? lines[((part - 4) * 950)..<((part - 4) * 950 + copies)] : [])
            try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// The reports, as JSON objects, without what differs by design: the command, the time, the inputs'
    /// paths, the settings' record of the sample, and the warning that states it.
    private func comparable(_ report: Report, dropFirstWarning: Bool) throws -> [String: Any] {
        var json = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        for key in ["command", "created_at"] { json[key] = nil }
        var settings = try #require(json["settings"] as? [String: Any])
        settings["sample"] = nil
        settings["sharded"] = nil
        json["settings"] = settings
        var inputs = try #require(json["inputs"] as? [String: [String: Any]])
        for side in inputs.keys { inputs[side]?["path"] = nil }
        json["inputs"] = inputs
        if dropFirstWarning, var warnings = json["warnings"] as? [String] {
            warnings.removeFirst()
            json["warnings"] = warnings
        }
        if var families = json["families"] as? [[String: Any]] {
            for index in families.indices { families[index]["basis"] = nil }
            json["families"] = families
        }
        return json
    }

    /// The attribute tables of a report's bias audit, as JSON objects, without their measures by value.
    static func attributeTables(_ report: [String: Any]) throws -> [[String: Any]] {
        let bias = try #require(report["bias"] as? [String: Any])
        return try #require(bias["attributes"] as? [[String: Any]]).map { table in
            var table = table
            table["by_value"] = nil
            return table
        }
    }

    /// The metrics of `report` with the ids `ids`, as JSON objects by id.
    private func metrics(_ ids: [String], of report: [String: Any]) throws -> [String: [String: Any]] {
        let all = try #require(report["metrics"] as? [[String: Any]])
        return Dictionary(
            uniqueKeysWithValues: all.compactMap { metric in
                (metric["id"] as? String).flatMap { ids.contains($0) ? ($0, metric) : nil }
            })
    }

    // Sampling 500 of 3,820 and 3,980 rows: the report equals a single-process run on exactly the sampled rows
    // of the two folders, apart from the inputs, the exact duplicate and leakage rates, the complexity
    // descriptors each row gives alone and the regions, which equal a run on every row of the folders, as do the
    // inputs' counts.
    @Test func theReportOfMergedStatesIsTheRunOnTheirSample() async throws {
        try await withTemporaryFolder { folder in
            let originalFiles = try Self.write(parts: 0..<4, to: folder.appendingPathComponent("original"), repeats: 5)
            let syntheticFiles = try Self.write(
                parts: 4..<8, to: folder.appendingPathComponent("synthetic"), repeats: 15, copies: 30)
            func merged(_ files: [String], name: String) throws -> String {
                let states = try files.map {
                    try Sharding.state(path: $0, fields: FieldOptions(), seed: 13, sampleLimit: 500)
                }
                let path = folder.appendingPathComponent(name).path
                try ShardState.merging(states, paths: files).encoded().write(to: URL(fileURLWithPath: path))
                return path
            }
            let originalState = try merged(originalFiles, name: "original.state")
            let syntheticState = try merged(syntheticFiles, name: "synthetic.state")
            let options = RunOptions(embedding: EmbeddingProvider(choice: .hashing))
            let sharded = try ShardedReport.run(original: originalState, synthetic: syntheticState, options: options)

            let original = try DatasetLoader.load(path: folder.appendingPathComponent("original").path)
            let synthetic = try DatasetLoader.load(path: folder.appendingPathComponent("synthetic").path)
            let sampledOriginal = try ShardState.read(path: originalState).sampleCorpus(path: originalState)
            let sampledSynthetic = try ShardState.read(path: syntheticState).sampleCorpus(path: syntheticState)
            #expect(sampledOriginal.count == 500 && sampledSynthetic.count == 500)
            let single = try Comparison.run(
                original: original.selecting(rows: sampledOriginal.rowNumbers.map { $0 - 1 }),
                synthetic: synthetic.selecting(rows: sampledSynthetic.rowNumbers.map { $0 - 1 }), command: "report",
                options: options)
            var expected = try comparable(single.report, dropFirstWarning: false)
            // The inputs a run on every row reports (which do not depend on embeddings).
            let whole = try Comparison.run(
                original: original, synthetic: synthetic, command: "compare",
                options: RunOptions(embedding: EmbeddingProvider(choice: .none)))
            let wholeJSON = try comparable(whole.report, dropFirstWarning: false)
            expected["inputs"] = wholeJSON["inputs"]
            var actual = try comparable(sharded.report, dropFirstWarning: true)
            // The exact rates and the complexity descriptors each row gives alone, by class and with their
            // intervals, and those descriptors' histograms, are those of every row.
            let exactIDs = [
                "duplicates.exact_rate", "leakage.synthetic_exact_in_original_rate", "leakage.synthetic_13gram_rate",
            ]
            let complexityIDs = Complexity.everyRowMetricIDs().map(\.rawValue)
            #expect(complexityIDs.count == 36 && complexityIDs.contains("complexity.rare_word_ratio"))
            let regionIDs = Bias.everyRowMetricIDs.map(\.rawValue)
            let attributeIDs = Bias.everyRowAttributeMetricIDs.map(\.rawValue)
            let groupIDs = Bias.everyRowGroupMetricIDs.map(\.rawValue)
            let lexicalIDs = LexicalDiversity.everyRowMetricIDs.map(\.rawValue)
            #expect(lexicalIDs.count == 13 && !lexicalIDs.contains("diversity.compression_ratio"))
            let everyRowIDs = exactIDs + complexityIDs + attributeIDs + regionIDs + groupIDs + lexicalIDs
            let exactMetrics = try metrics(everyRowIDs, of: actual)
            let wholeMetrics = try metrics(everyRowIDs, of: wholeJSON)
            #expect(exactMetrics.count == everyRowIDs.count && wholeMetrics.count == everyRowIDs.count)
            for id in everyRowIDs {
                let (mine, theirs) = (try #require(exactMetrics[id]), try #require(wholeMetrics[id]))
                #expect(
                    JSONTree.firstMismatch(mine, theirs) == nil, "\(id): \(JSONTree.firstMismatch(mine, theirs) ?? "")")
            }
            func histograms(_ json: [String: Any]) -> [String: [String: Any]] {
                let all = json["distributions"] as? [[String: Any]] ?? []
                return Dictionary(
                    uniqueKeysWithValues: all.compactMap { histogram in
                        (histogram["id"] as? String).flatMap { complexityIDs.contains($0) ? ($0, histogram) : nil }
                    })
            }
            let (myHistograms, wholeHistograms) = (histograms(actual), histograms(wholeJSON))
            #expect(myHistograms.count == 12 && Set(myHistograms.keys) == Set(wholeHistograms.keys))
            for (id, mine) in myHistograms {
                let theirs = try #require(wholeHistograms[id])
                #expect(
                    JSONTree.firstMismatch(mine, theirs) == nil, "\(id): \(JSONTree.firstMismatch(mine, theirs) ?? "")")
            }
            // So are the regions table, the region finding, if any, and the attribute tables (here the derived
            // length bucket and language) but their measures by value.
            let (myBias, wholeBias) = (actual["bias"] as? [String: Any], wholeJSON["bias"] as? [String: Any])
            let regions = try #require(myBias?["regions"] as? [String: Any])
            #expect(JSONTree.firstMismatch(regions, try #require(wholeBias?["regions"])) == nil)
            let attributeTables = try Self.attributeTables(actual)
            #expect(attributeTables.map { $0["field"] as? String } == ["length_bucket", "language"])
            #expect(JSONTree.firstMismatch(attributeTables, try Self.attributeTables(wholeJSON)) == nil)
            // And the group associations; their examples are the first sampled synthetic rows behind the headline
            // association, where a run on the folders quotes the first of all.
            let groups = try #require(myBias?["groups"] as? [[String: Any]])
            #expect(groups.count == 8)  // female and male × 4 labels
            #expect(JSONTree.firstMismatch(groups, try #require(wholeBias?["groups"])) == nil)
            let examples = sharded.report.findings.filter { $0.kind == .groupAssociationExample }
            let wholeExamples = whole.report.findings.filter { $0.kind == .groupAssociationExample }
            // The headline, female × Business, is a negative amplification (-1.003): few rows mention women in
            // business news, 5 or more of all 3,980 synthetic rows, none of the 500 sampled.
            let headline = "mentions female, labelled Business (amplification -1.003)"
            #expect(wholeExamples.count == 5 && wholeExamples.allSatisfy { $0.detail == headline })
            let masks = try #require(Bias.rowGroups(of: sampledSynthetic, lexicon: .gendered)?.masks)
            let business = sampledSynthetic.labelNames.firstIndex(of: "Business").map(Int32.init)
            let behind = masks.indices.filter { masks[$0] & 1 != 0 && sampledSynthetic.labels?[$0] == business }
            #expect(examples.count == min(5, behind.count) && examples.allSatisfy { $0.detail == headline })
            let sampledRows = Set(sampledSynthetic.rowNumbers)
            #expect(examples.allSatisfy { sampledRows.contains($0.row ?? 0) && $0.location != nil })
            #expect((regions["rows_with_places"] as? [String: Int])?["original"] ?? 0 > 500)
            func regionFindings(_ json: [String: Any]) -> [[String: Any]] {
                (json["findings"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "region_skew" }
            }
            #expect(JSONTree.firstMismatch(regionFindings(actual), regionFindings(wholeJSON)) == nil)
            // The original's mean length in Unicode scalars, checked in Python on the same lines (sum(len(text)) /
            // rows): 744,289 / 3,820, every row's, not the sample's; the synthetic side's rows are matched in number
            // to the original's (3,820 of its 3,980), as in a run on the folders.
            let characters = try #require(sharded.report.metric("complexity.characters"))
            #expect(abs((characters.original?.value ?? 0) - 744_289.0 / 3820) < 1e-9)
            #expect(characters.original?.n == 3820 && characters.synthetic?.n == 3820)
            // The values, checked in Python on the same lines (unicodedata.normalize("NFKC", text), len(rows) −
            // len(set(rows))): 24 of 3,820 original rows and 62 of 3,980 synthetic rows repeat an earlier one (20
            // and 60 planted, the rest AG News's own), and 120 synthetic rows copy an original one (all planted).
            let wholeExact = try #require(whole.report.metric("duplicates.exact_rate"))
            #expect(wholeExact.original?.value == 24.0 / 3820 && wholeExact.synthetic?.value == 62.0 / 3980)
            let wholeLeak = try #require(whole.report.metric("leakage.synthetic_exact_in_original_rate"))
            #expect(wholeLeak.value == 120.0 / 3980 && wholeLeak.n == 3980 && wholeLeak.byClass?.count == 4)
            // 145 synthetic rows share a word 13-gram with an original row, the 120 copies among them: counted in
            // Python over every row of the files (re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text), lowercased, word
            // 13-gram sets intersected). The sampled synthetic rows against the sampled original ones find far fewer.
            let wholeShared = try #require(whole.report.metric("leakage.synthetic_13gram_rate"))
            #expect(wholeShared.value == 145.0 / 3980 && wholeShared.n == 3980)
            #expect(single.report.metric("leakage.synthetic_13gram_rate")?.value ?? 1 < 0.02)
            // The original's distinct-1 and distinct-2 over its 3,820 rows (the smaller side, so all of them), counted
            // in Python with the same tokens: 14,518 distinct words of 124,135, and 72,972 distinct bigrams of 120,315.
            let distinct1 = try #require(sharded.report.metric("diversity.distinct_1")?.original)
            #expect(distinct1.value == 14518.0 / 124_135 && distinct1.n == 3820)
            #expect(sharded.report.metric("diversity.distinct_2")?.original?.value == 72972.0 / 120_315)
            #expect(sharded.report.metric("diversity.vocabulary_size")?.original?.value == 14518)
            // Everything else is the run on the sample; the duplicates card's sentence says which rows each rate
            // counts.
            let sentence = try #require(sharded.report.families?.first { $0.id == "duplicates" }?.sentence)
            #expect(sentence.contains("of 500 sampled synthetic rows"), "\(sentence)")
            #expect(sentence.contains("of all 3,980, 1.6% repeat one exactly (the original: 0.6%)"), "\(sentence)")
            #expect(sentence.contains("of all 3,980, 3.0% copy one exactly"), "\(sentence)")
            // The measures of pairs on the sample say that they miss pairs with an unsampled row.
            let pairIDs = ["duplicates.near_rate", "leakage.synthetic_near_original_rate"]
            let pairs = try metrics(pairIDs, of: actual)
            #expect(pairs.count == 2)
            #expect(
                pairs.values.allSatisfy {
                    ($0["note"] as? String)?.contains("reads below the rate over every row") == true
                })
            func sampled(_ json: inout [String: Any]) {
                json["metrics"] = (json["metrics"] as? [[String: Any]])?.filter {
                    !everyRowIDs.contains($0["id"] as? String ?? "")
                }.map { metric in
                    var metric = metric
                    if pairIDs.contains(metric["id"] as? String ?? "") { metric["note"] = nil }
                    return metric
                }
                json["families"] = (json["families"] as? [[String: Any]])?.map { card in
                    var card = card
                    if ["duplicates", "complexity", "bias", "diversity"].contains(card["id"] as? String) {
                        for key in ["sentence", "figures", "status"] { card[key] = nil }
                    }
                    return card
                }
                json["problems"] = (json["problems"] as? [[String: Any]])?.filter {
                    !["complexity", "diversity"].contains($0["family"] as? String)
                        && !["region_skew", "group_amplification"].contains($0["kind"] as? String)
                }
                json["findings"] = (json["findings"] as? [[String: Any]])?.filter {
                    !["region_skew", "group_association_example"].contains($0["kind"] as? String)
                }
                if var bias = json["bias"] as? [String: Any] {
                    bias["regions"] = nil
                    bias["groups"] = nil
                    bias["attributes"] = (bias["attributes"] as? [[String: Any]])?.map { table in
                        ["field": table["field"] ?? "", "by_value": table["by_value"] ?? []]
                    }
                    json["bias"] = bias
                }
                json["distributions"] = (json["distributions"] as? [[String: Any]])?.filter {
                    !complexityIDs.contains($0["id"] as? String ?? "")
                }
            }
            // The complexity card judges every row, as a run on the folders does.
            func complexityProblems(_ json: [String: Any]) -> [[String: Any]] {
                (json["problems"] as? [[String: Any]] ?? []).filter { $0["family"] as? String == "complexity" }
            }
            #expect(complexityProblems(actual).count == 1)
            #expect(JSONTree.firstMismatch(complexityProblems(actual), complexityProblems(wholeJSON)) == nil)
            let wholeCard = try #require(whole.report.families?.first { $0.id == "complexity" })
            let card = try #require(sharded.report.families?.first { $0.id == "complexity" })
            #expect(card.status == wholeCard.status && card.sentence == wholeCard.sentence)
            // Label faithfulness's model is of the original's sample, and says so where the run on the sampled
            // rows alone says "all".
            let method = sharded.report.labelQuality?.faithfulness?.method
            #expect(
                method == "logistic regression (C = 0.001) trained on a bottom-k sample of 500 of 3820 original rows")
            #expect(
                single.report.labelQuality?.faithfulness?.method
                    == "logistic regression (C = 0.001) trained on all 500 original rows")
            if var quality = expected["label_quality"] as? [String: Any],
                var faithfulness = quality["faithfulness"] as? [String: Any]
            {
                faithfulness["method"] = method
                quality["faithfulness"] = faithfulness
                expected["label_quality"] = quality
            }
            sampled(&actual)
            sampled(&expected)
            #expect(
                JSONTree.firstMismatch(actual, expected) == nil, "\(JSONTree.firstMismatch(actual, expected) ?? "")")
            #expect(sharded.report.inputs.original?.rows == 3820 && sharded.report.inputs.synthetic?.rows == 3980)
            #expect(sharded.report.inputs.original?.labels == original.labelCounts)
            let basis = try #require(sharded.report.settings.sharded)
            #expect(
                basis.limit == 500 && basis.original == .init(rows: 500, of: 3820)
                    && basis.synthetic == .init(rows: 500, of: 3980))
            #expect(basis.everyRow == everyRowIDs)
            #expect(
                sharded.report.warnings.first
                    == "every measure but the 63 of settings.sharded.every_row (the exact duplicate and leakage rates and the 13-gram leakage; the complexity descriptors but the classifier loss; the regions, attribute counts, rows in other languages and group associations of the bias audit; the lexical diversity measures but the compression ratio), which count every row, ran on a bottom-k sample (500 of 3,820 original rows, 500 of 3,980 synthetic rows); the inputs' rows, labels and empty texts count every row"
            )
            let cards = try #require(sharded.report.families)
            #expect(
                cards.first { $0.id == "duplicates" }?.basis
                    == "exact rates and 13-gram leakage: every row; the rest: sample of 500 of 3,820 original and 500 of 3,980 synthetic rows"
            )
            #expect(
                cards.first { $0.id == "complexity" }?.basis
                    == "the descriptors but the classifier loss: every row; the rest: sample of 500 of 3,820 original and 500 of 3,980 synthetic rows"
            )
            #expect(
                cards.first { $0.id == "bias" }?.basis
                    == "regions, attribute counts, rows in other languages and group associations: every row; the rest: sample of 500 of 3,820 original and 500 of 3,980 synthetic rows"
            )
            #expect(
                cards.first { $0.id == "diversity" }?.basis
                    == "the lexical measures but the compression ratio: every row; the rest: sample of 500 of 3,820 original and 500 of 3,980 synthetic rows"
            )
            #expect(cards.first { $0.id == "semantic" }?.basis?.hasPrefix("sample of 500 of 3,820 original") == true)
            // A finding cites a row of the files, as a run on the folders does.
            let finding = try #require(sharded.report.findings.first { $0.side == .synthetic })
            #expect(finding.location?.hasPrefix(folder.appendingPathComponent("synthetic").path + "/part-") == true)
        }
    }
    // Chat rows: the exact rates of the judged responses and of the prompts, and the responses' complexity and
    // regions, all over every row, equal a run on the folders. Each side is two files of fixtures/shapes' chat
    // sets, with copies added: the original repeats 3 rows across its files, the synthetic copies 4 original rows.
    @Test func chatStatesCountExactCopiesOfBothPartsOverEveryRow() async throws {
        try await withTemporaryFolder { folder in
            func lines(_ name: String) throws -> [Substring] {
                try String(contentsOfFile: TestPaths.fixture("shapes/\(name)"), encoding: .utf8).split(separator: "\n")
            }
            let (original, synthetic) = (try lines("chat_original.jsonl"), try lines("chat_synthetic.jsonl"))
            #expect(original.count == 36 && synthetic.count == 36)
            let files: [(side: String, name: String, rows: [Substring])] = [
                ("original", "a.jsonl", Array(original[0..<18] + original[18..<21])),
                ("original", "b.jsonl", Array(original[18..<36])),
                ("synthetic", "a.jsonl", Array(synthetic[0..<18])),
                ("synthetic", "b.jsonl", Array(synthetic[18..<36] + original[30..<34])),
            ]
            var states: [String: [ShardState]] = [:]
            var paths: [String: [String]] = [:]
            for file in files {
                let side = folder.appendingPathComponent(file.side)
                try FileManager.default.createDirectory(at: side, withIntermediateDirectories: true)
                let path = side.appendingPathComponent(file.name).path
                try Data((file.rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
                states[file.side, default: []].append(
                    try Sharding.state(path: path, fields: FieldOptions(), seed: 13, sampleLimit: 12))
                paths[file.side, default: []].append(path)
            }
            func merged(_ side: String) throws -> String {
                let path = folder.appendingPathComponent("\(side).state").path
                try ShardState.merging(states[side] ?? [], paths: paths[side] ?? []).encoded().write(
                    to: URL(fileURLWithPath: path))
                return path
            }
            let sharded = try ShardedReport.run(
                original: try merged("original"), synthetic: try merged("synthetic"),
                options: RunOptions(embedding: EmbeddingProvider(choice: .hashing)))
            let whole = try await Comparison.run(
                original: folder.appendingPathComponent("original").path,
                synthetic: folder.appendingPathComponent("synthetic").path,
                options: RunOptions(embedding: EmbeddingProvider(choice: .none)))
            let ids = [
                "duplicates.exact_rate", "leakage.synthetic_exact_in_original_rate", "leakage.synthetic_13gram_rate",
            ]
            #expect(
                sharded.report.settings.sharded?.everyRow
                    == ids + ids.map { "\($0)@prompt" }
                    + (Complexity.everyRowMetricIDs() + Bias.everyRowAttributeMetricIDs + Bias.everyRowMetricIDs
                    + Bias.everyRowGroupMetricIDs + LexicalDiversity.everyRowMetricIDs).map(\.rawValue))
            for id in ids {
                for part in [TextPart.response, .prompt] {
                    let mine = try #require(sharded.report.metric(MetricID(id), part: part))
                    let theirs = try #require(whole.report.metric(MetricID(id), part: part))
                    #expect(mine == theirs, "\(id)@\(part)")
                }
            }
            // The responses' complexity descriptors and regions count every row too.
            for id in Complexity.everyRowMetricIDs() + Bias.everyRowAttributeMetricIDs + Bias.everyRowMetricIDs
                + Bias.everyRowGroupMetricIDs + LexicalDiversity.everyRowMetricIDs
            {
                let mine = try #require(sharded.report.metric(id, part: .response))
                #expect(mine == whole.report.metric(id, part: .response), "\(id)")
            }
            // The 4 copied rows are exact copies of their original rows, prompts and responses alike.
            let leaked = try #require(whole.report.metric("leakage.synthetic_exact_in_original_rate", part: .response))
            #expect(leaked.n == 40 && (leaked.value ?? 0) >= 4.0 / 40)
            let repeated = try #require(whole.report.metric("duplicates.exact_rate", part: .prompt))
            #expect((repeated.original?.value ?? 0) >= 3.0 / 39)
        }
    }

    // An attribute field: the reviews fixtures' `source` (four values, 40 rows each a side) in two files a side,
    // 40 rows sampled of 160. The attribute tables (counts, coverage, entropies, JSD, TVD, χ², JSD by class) and
    // the attribute metrics count every row, as a run on the folders does; their measures by value are the
    // sample's. Then the same states without their rows' words, as an older assay shard wrote them.
    @Test func attributeTablesCountEveryRow() async throws {
        try await withTemporaryFolder { folder in
            let fields = FieldOptions(attributeFields: ["source"])
            var states: [String: String] = [:]
            for side in ["original", "synthetic"] {
                let lines = try String(
                    contentsOfFile: TestPaths.fixture("reviews_\(side).jsonl"), encoding: .utf8
                ).split(separator: "\n")
                #expect(lines.count == 160)
                let sideFolder = folder.appendingPathComponent(side)
                try FileManager.default.createDirectory(at: sideFolder, withIntermediateDirectories: true)
                let paths = try [lines[0..<70], lines[70..<160]].enumerated().map { index, rows in
                    let path = sideFolder.appendingPathComponent("part-\(index).jsonl").path
                    try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
                    return path
                }
                let state = try ShardState.merging(
                    try paths.map { try Sharding.state(path: $0, fields: fields, seed: 13, sampleLimit: 40) },
                    paths: paths)
                states[side] = folder.appendingPathComponent("\(side).state").path
                try state.encoded().write(to: URL(fileURLWithPath: states[side] ?? ""))
            }
            let sharded = try ShardedReport.run(
                original: states["original"], synthetic: states["synthetic"],
                options: RunOptions(fields: fields, embedding: EmbeddingProvider(choice: .none)))
            let whole = try await Comparison.run(
                original: folder.appendingPathComponent("original").path,
                synthetic: folder.appendingPathComponent("synthetic").path,
                options: RunOptions(fields: fields, embedding: EmbeddingProvider(choice: .none)))
            func json(_ report: Report) throws -> [String: Any] {
                try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
            }
            let (mine, theirs) = (
                try Self.attributeTables(json(sharded.report)), try Self.attributeTables(json(whole.report))
            )
            #expect(mine.map { $0["field"] as? String } == ["source", "length_bucket", "language"])
            #expect(JSONTree.firstMismatch(mine, theirs) == nil, "\(JSONTree.firstMismatch(mine, theirs) ?? "")")
            // 40 rows of each source a side, every row's (the sample of 40 holds fewer of each).
            let source = try #require(sharded.report.bias?.attributes.first { $0.field == "source" })
            #expect(source.values.allSatisfy { $0.original == 40 && $0.synthetic == 40 } && source.values.count == 4)
            #expect(source.coverage == 1 && source.jsd == 0)
            for id in Bias.everyRowAttributeMetricIDs {
                #expect(sharded.report.metric(id) == whole.report.metric(id), "\(id)")
            }
            let byValue = try #require(source.byValue)
            #expect(!byValue.isEmpty)
            #expect(sharded.report.settings.sharded?.original == .init(rows: 40, of: 160))
            #expect(sharded.report.settings.sharded?.everyRow.contains("bias.group_label_amplification") == true)
            // A report of another lexicon than the states' runs the group audit on the sample, and says so.
            let lexicon = folder.appendingPathComponent("groups.json").path
            try Data(#"{"young": ["teen", "teenager"], "old": ["elderly", "retiree"]}"#.utf8).write(
                to: URL(fileURLWithPath: lexicon))
            var other = RunOptions(fields: fields, embedding: EmbeddingProvider(choice: .none))
            other.groupsFile = lexicon
            let otherReport = try ShardedReport.run(
                original: states["original"], synthetic: states["synthetic"], options: other)
            #expect(otherReport.report.settings.sharded?.everyRow.contains("bias.group_label_amplification") == false)
            #expect(
                otherReport.report.warnings.contains {
                    $0.hasPrefix("the states do not hold the group mentions of this report's lexicon")
                })
            #expect(otherReport.report.bias?.groups.map(\.group).contains("young") == true)
            // States of an older assay shard, without the rows' words: the 13-gram leakage, the rare-word ratio and
            // the lexical measures run on the sample, and the report says so; the rest still counts every row.
            for side in ["original", "synthetic"] {
                var state = try ShardState.read(path: states[side] ?? "")
                for index in state.files.indices { state.files[index].everyRow.words = nil }
                try state.encoded().write(to: URL(fileURLWithPath: states[side] ?? ""))
            }
            let older = try ShardedReport.run(
                original: states["original"], synthetic: states["synthetic"],
                options: RunOptions(fields: fields, embedding: EmbeddingProvider(choice: .none)))
            let everyRow = try #require(older.report.settings.sharded?.everyRow)
            #expect(everyRow.contains("duplicates.exact_rate") && everyRow.contains("complexity.characters"))
            #expect(
                !everyRow.contains { $0.hasPrefix("diversity.") || $0.hasPrefix("complexity.rare_word_ratio") }
                    && !everyRow.contains("leakage.synthetic_13gram_rate"))
            #expect(
                older.report.warnings.first?.contains(
                    "the complexity descriptors but the rare-word ratio and the classifier loss;") == true)
            #expect(
                older.report.metric("leakage.synthetic_13gram_rate")?.note?.contains(
                    "reads below the rate over every row")
                    == true)
        }
    }
}
