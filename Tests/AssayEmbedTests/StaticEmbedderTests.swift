import AssayCore
import AssayLinalg
import AssayTestSupport
import Foundation
import Testing

@testable import AssayEmbed

/// The static table and embedder against the MiniLM encoder they are distilled from. The tables here
/// cover the first 3,072 vocabulary ids (2,077 distilled after the 995 left out) and align on the first 200
/// corpus texts, which takes a few seconds; `AssayBench static` distils the whole vocabulary twice and
/// compares the bytes.
@Suite(.serialized) struct StaticEmbedderTests {
    /// The ids of "the", "##ing", "paris" and "[UNK]" in the all-MiniLM-L6-v2 vocabulary.
    static let checkedIDs: [Int32] = [1996, 2075, 3000, 100]

    static let options: StaticDistiller.Options = {
        var options = StaticDistiller.Options(assayVersion: "test")
        options.vocabularyLimit = 3072
        options.alignmentLimit = 200
        return options
    }()

    /// One table of the first 3,072 ids, distilled once for the suite.
    static let table = Result {
        try StaticDistiller.distill(modelDirectory: TestPaths.modelDirectory, options: options)
    }

    @Test(.requiresModel)
    func distillingTwiceGivesTheSameBytes() throws {
        let first = try StaticDistiller.distill(modelDirectory: TestPaths.modelDirectory, options: Self.options)
        let second = try StaticDistiller.distill(modelDirectory: TestPaths.modelDirectory, options: Self.options)
        #expect(StaticDistiller.sha256(first.encoded()) == StaticDistiller.sha256(second.encoded()))
        #expect(first.encoded() == second.encoded())
    }

    /// Row `id` is weights[id] · pᵀ S, with p the PCA projection of the encoder's output for [CLS] id [SEP].
    @Test(.requiresModel)
    func aRowIsTheAlignedWeightedProjectionOfTheEncoderOutput() throws {
        let table = try Self.table.get()
        let encoder = try MiniLMEncoder(weightsFile: TestPaths.modelDirectory + "/model.safetensors")
        let outputs = encoder.embed(Self.checkedIDs.map { [101, $0, 102] }, normalizing: false)
        let d = table.dimension
        #expect(d == 256 && table.embeddings.rows == 30522)
        for (index, id) in Self.checkedIDs.enumerated() {
            let centred = zip(outputs.row(index), table.pcaMean).map { Double($0) - Double($1) }
            let weight = Double(table.weights[Int(id)])
            #expect(weight > 0 && weight < 1)
            let projected = (0..<d).map { j in
                (0..<MiniLMEncoder.hiddenSize).reduce(0.0) { $0 + Double(table.pcaComponents[j, $1]) * centred[$1] }
            }
            for j in 0..<d {
                let expected = weight * (0..<d).reduce(0.0) { $0 + projected[$1] * Double(table.alignment[$1, j]) }
                let actual = Double(table.embeddings[Int(id), j])
                #expect(abs(actual - expected) <= 1e-5 * max(1, abs(expected)), "id \(id), column \(j)")
            }
        }
    }

    /// Of the 3,072 ids, [MASK] (103) and [unused0]…[unused993] (1–99, 104–998) are left out: zero rows,
    /// weight 0, no Zipf rank. "the" (1996) is then the entry at position 1996 − 995 = 1001 of 2,077, so its
    /// p = (1/1003) / Σ_{j<2077} 1/(j + 2).
    @Test(.requiresModel)
    func leftOutEntriesHaveNoRowAndTakeNoRank() throws {
        let table = try Self.table.get()
        #expect(table.provenance.tokensDistilled == 2077)
        for id in [1, 99, 103, 104, 998, 3072, 30521] {
            #expect(table.weights[id] == 0, "id \(id)")
            #expect(table.embeddings.row(id).allSatisfy { $0 == 0 }, "id \(id)")
        }
        let harmonic = (0..<2077).reduce(0.0) { $0 + 1 / Double($1 + 2) }
        let probability = 1.0 / 1003 / harmonic
        #expect(abs(Double(table.weights[1996]) - 1e-4 / (1e-4 + probability)) < 1e-6)
        #expect(table.weights[0] < table.weights[100] && table.weights[100] < table.weights[1996])
    }

    @Test(.requiresModel)
    func aTextIsTheUnitMeanOfItsPieceRows() throws {
        let table = try Self.table.get()
        let tokenizer = try WordPieceTokenizer(vocabularyFile: TestPaths.modelDirectory + "/vocab.txt")
        let embedder = try StaticEmbedder(table: table, tokenizer: tokenizer)
        #expect(embedder.modelID == "static-all-MiniLM-L6-v2-256" && embedder.dimension == 256)
        let sentences = ["He was in the city of Paris.", "It is the first time, and the last."]
        let long = Array(repeating: "the", count: 600).joined(separator: " ") + " paris"
        let texts = sentences + [long, "the 🙂 of", "the of", "", " \n", "🙂"]
        let vectors = try embedder.embed(texts)
        for (index, sentence) in sentences.enumerated() {
            let ids = tokenizer.wordPieceIDs(sentence)
            #expect(ids.count >= 7)
            #expect(ids.allSatisfy { $0 != WordPieceTokenizer.unknownID && table.weights[Int($0)] > 0 })
            let expected = unitMean(ids.map { table.embeddings.row(Int($0)) })
            for (actual, wanted) in zip(vectors.row(index), expected) { #expect(abs(actual - wanted) < 1e-6) }
        }
        // Every piece counts, the 601st too: MiniLM would read only the first 254. (The embedder sums 601 rows
        // in Float, so to about 1e-5.)
        let longExpected = unitMean(
            Array(repeating: table.embeddings.row(1996), count: 600) + [table.embeddings.row(3000)])
        for (actual, wanted) in zip(vectors.row(2), longExpected) { #expect(abs(actual - wanted) < 1e-5) }
        #expect(vectors.row(2) != unitMean([table.embeddings.row(1996)]))
        // [UNK] is dropped, as in Model2Vec: "the 🙂 of" reads as "the of".
        #expect(tokenizer.wordPieceIDs("the 🙂 of") == [1996, 100, 1997])
        #expect(vectors.row(3) == vectors.row(4))
        // No piece left: a zero vector.
        for index in 5..<8 { #expect(vectors.row(index).allSatisfy { $0 == 0 }, "text \(index)") }
    }

    @Test(.requiresModel)
    func aTableReadsBackAsWritten() throws {
        let table = try Self.table.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("table.safetensors").path
        try table.write(to: path)
        #expect(try StaticTable(file: path) == table)
        let metadata = try SafeTensors(path: path).metadata
        #expect(metadata["source_sha256"] == "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db")
        #expect(metadata["dimensions"] == "256" && metadata["sif_coefficient"] == "0.0001")
        #expect(metadata["format_version"] == "2" && metadata["assay_version"] == "test")
        #expect(metadata["alignment_texts"] == "200" && metadata["ridge_lambda"] == "1.0")
        #expect(metadata["alignment_corpus_sha256"] == (try AlignmentCorpus.load().sha256))
        // Half precision: the rows to within a relative 2⁻¹¹, the provenance tensors exact.
        var half = table
        half.provenance.dtype = .f16
        try half.write(to: path)
        let read = try StaticTable(file: path)
        #expect(read.pcaComponents == table.pcaComponents && read.weights == table.weights)
        #expect(read.alignment == table.alignment)
        for (actual, wanted) in zip(read.embeddings.values, table.embeddings.values) {
            #expect(abs(actual - wanted) <= abs(wanted) / 2048 + 1e-7)
        }
        let embedder = try StaticEmbedder(
            table: read, tokenizer: try WordPieceTokenizer(vocabularyFile: TestPaths.modelDirectory + "/vocab.txt"))
        #expect(embedder.modelID == "static-all-MiniLM-L6-v2-256-f16")
    }

    /// A table of format version 1 (before the alignment) is refused with the command that makes a new one.
    @Test(.requiresModel)
    func aTableOfAnEarlierFormatIsRefused() throws {
        var metadata = try Self.table.get().provenance.metadata
        metadata["format_version"] = "1"
        #expect {
            try StaticTable.Provenance(metadata: metadata, file: "old.safetensors")
        } throws: { error in
            let text = (error as? AssayError)?.description ?? ""
            return text.contains("old.safetensors") && text.contains("is 1, this Assay reads 2")
                && text.contains("assay model distill")
        }
    }

    @Test(.requiresModel)
    func aTableOfAnotherVocabularyIsRefused() throws {
        let table = try Self.table.get()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var other = try String(contentsOfFile: TestPaths.modelDirectory + "/vocab.txt", encoding: .utf8)
        other = other.replacingOccurrences(of: "\nparis\n", with: "\nlondres\n")
        try other.write(to: folder.appendingPathComponent("vocab.txt"), atomically: true, encoding: .utf8)
        try table.write(to: StaticTable.defaultPath(modelDirectory: folder.path))
        #expect {
            try StaticEmbedder(directory: folder.path)
        } throws: { error in
            (error as? AssayError)?.description.contains("another vocab.txt") == true
        }
    }

    @Test func aMissingTableSaysHowToDistilIt() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-table-\(UUID())").path
        #expect {
            try StaticEmbedder(directory: folder)
        } throws: { error in
            guard let error = error as? AssayError else { return false }
            return error.kind == .input && error.description.contains("assay model distill --model-dir \(folder)")
        }
    }

    @Test(arguments: [
        ("[MASK]", true), ("[unused0]", true), ("[unused993]", true), ("[unused]", false), ("unused", false),
        ("[CLS]", false), ("[UNK]", false), ("[PAD]", false), ("##ing", false),
    ])
    func theEntriesModel2VecRemovesAreLeftOut(token: String, leftOut: Bool) {
        #expect(StaticDistiller.isLeftOut(token) == leftOut)
    }

    /// Three entries, a = 0.5: Σ 1/(r + 2) = 1/2 + 1/3 + 1/4 = 13/12, so p = 6/13, 4/13, 3/13 and the
    /// weights 0.5 / (0.5 + p) = 13/25, 13/21, 13/19.
    @Test func sifWeightsFollowZipfRanks() {
        let weights = StaticDistiller.sifWeights(count: 3, coefficient: 0.5)
        for (actual, expected) in zip(weights, [13.0 / 25, 13.0 / 21, 13.0 / 19]) {
            #expect(abs(Double(actual) - expected) < 1e-7)
        }
    }

    @Test func dimensionsOutsideTheModelWidthAreAUsageError() {
        var options = Self.options
        options.dimensions = 385
        #expect {
            try StaticDistiller.distill(modelDirectory: TestPaths.modelDirectory, options: options)
        } throws: { error in
            (error as? AssayError)?.kind == .usage
        }
    }

    /// X = [[1,0],[0,1],[1,1]], Y = I₃, λ = 1: XᵀX + I = [[3,1],[1,3]], whose inverse is [[3,−1],[−1,3]] / 8,
    /// and XᵀY = Xᵀ, so M = [[3,−1,2],[−1,3,2]] / 8 and M Mᵀ = [[14,−2],[−2,14]] / 64, with eigenvalues
    /// 12/64 along (1,1) and 16/64 along (1,−1). So S = [[√12 + 4, √12 − 4], [√12 − 4, √12 + 4]] / 16.
    @Test func theAlignmentIsTheSquareRootOfTheRidgeMapsGram() throws {
        let x = Matrix(rowVectors: [[1, 0], [0, 1], [1, 1]])
        let y = Matrix.identity(3)
        let s = try StaticDistiller.alignmentMap(unaligned: x, minilm: y, lambda: 1, file: "test")
        let root12 = 12.0.squareRoot()
        let expected = [[root12 + 4, root12 - 4], [root12 - 4, root12 + 4]].map { $0.map { $0 / 16 } }
        for i in 0..<2 {
            for j in 0..<2 { #expect(abs(Double(s[i, j]) - expected[i][j]) < 1e-6, "S[\(i), \(j)]") }
        }
        // (uS)·(vS) = (uM)·(vM) for any u, v.
        let m = [[3.0, -1, 2], [-1, 3, 2]].map { $0.map { $0 / 8 } }
        let (u, v) = ([0.3, -1.2], [2.0, 0.7])
        func times(_ w: [Double], _ rows: [[Double]]) -> [Double] {
            (0..<rows[0].count).map { j in (0..<w.count).reduce(0.0) { $0 + w[$1] * rows[$1][j] } }
        }
        let sRows = (0..<2).map { i in (0..<2).map { Double(s[i, $0]) } }
        let aligned = zip(times(u, sRows), times(v, sRows)).reduce(0.0) { $0 + $1.0 * $1.1 }
        let mapped = zip(times(u, m), times(v, m)).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(aligned - mapped) < 1e-6)
    }

    /// The corpus as `scripts/make-alignment-corpus.py` wrote it: 800 texts from each of three datasets.
    @Test func theAlignmentCorpusHas2400Texts() throws {
        let corpus = try AlignmentCorpus.load()
        #expect(corpus.texts.count == 2400)
        #expect(corpus.texts.allSatisfy { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        #expect(Set(corpus.texts).count == 2400)
        #expect(
            corpus.texts.first
                == "A very, very, very slow-moving, aimless movie about a distressed, drifting young man.")
    }

    private func unitMean(_ rows: [[Float]]) -> [Float] {
        var sums = [Double](repeating: 0, count: rows[0].count)
        for row in rows {
            for (j, value) in row.enumerated() { sums[j] += Double(value) }
        }
        let norm = sums.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return sums.map { Float($0 / norm) }
    }
}
