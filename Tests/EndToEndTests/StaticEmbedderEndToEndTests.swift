import AssayEmbed
import AssayLinalg
import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// `--embedder static` distils its table into the model folder on first use, and `assay model distill`
/// writes the same bytes: the whole vocabulary and the alignment corpus, distilled twice (about 45 s each
/// with fast OpenBLAS kernels, over two minutes with its generic ones).
@Suite struct StaticEmbedderEndToEndTests {
    @Test(.requiresModel)
    func compareDistilsTheTableOnceAndModelDistillWritesTheSameBytes() throws {
        try withSandbox { sandbox in
            let model = sandbox.appendingPathComponent("model")
            try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
            for file in ["vocab.txt", "model.safetensors"] {
                try FileManager.default.createSymbolicLink(
                    atPath: model.appendingPathComponent(file).path,
                    withDestinationPath: (TestPaths.modelDirectory as NSString).appendingPathComponent(file))
            }
            let table = model.appendingPathComponent("static-256.safetensors")
            func compare(_ name: String) throws -> RunResult {
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "static", "--model-dir",
                        model.path, "--store", sandbox.appendingPathComponent("store.sqlite").path, "--out",
                        sandbox.appendingPathComponent(name).path,
                    ], in: sandbox, timeout: 300)
                #expect(result.exitCode == 0, "stderr: \(result.stderr)")
                let report = try AssayCLI.report(in: sandbox.appendingPathComponent(name))
                #expect(report.settings.embedder == "static-all-MiniLM-L6-v2-256")
                return result
            }
            // A table an earlier Assay wrote (format 1, before the alignment) is distilled again.
            let earlier = StaticTable.Provenance(
                formatVersion: 1, sourceModel: "all-MiniLM-L6-v2", sourceSHA256: "", vocabularySHA256: "",
                vocabularySize: 1, tokensDistilled: 1, dimensions: 1, sifCoefficient: 1e-4, explainedVariance: 1,
                alignmentCorpusSHA256: "", alignmentTexts: 0, ridgeLambda: 1, dtype: .f32, assayVersion: "0.0.9")
            try StaticTable(
                embeddings: Matrix(rows: 1, columns: 1), weights: [0], pcaMean: [Float](repeating: 0, count: 384),
                pcaComponents: Matrix(rows: 1, columns: 384), alignment: .identity(1), provenance: earlier
            ).write(to: table.path)
            let first = try compare("first")
            #expect(first.stderr.contains("static table of format 1, this Assay reads 2: distilling it again, about "))
            #expect(FileManager.default.fileExists(atPath: table.path))
            let second = try compare("second")
            #expect(!second.stderr.contains("distilling"), "the table is distilled once")
            try FileManager.default.removeItem(at: table)
            let third = try compare("third")
            #expect(third.stderr.contains("distilling the static embedder into the model folder, once, about "))

            let out = sandbox.appendingPathComponent("again.safetensors")
            let distill = try AssayCLI.run(
                ["model", "distill", "--model-dir", model.path, "--out", out.path], in: sandbox, timeout: 300)
            #expect(distill.exitCode == 0, "stderr: \(distill.stderr)")
            let lines = distill.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines.first?.hasPrefix("wrote \(out.path): 30522 × 256 F32, 29527 entries distilled, ") == true)
            let written = try Data(contentsOf: out)
            #expect(written == (try Data(contentsOf: table)), "the same model gives the same bytes")
            #expect(lines.dropFirst().first == "sha256 \(StaticDistiller.sha256(written))")
            #expect(lines.last?.hasPrefix("took ") == true)
            let tensors = try SafeTensors(path: out.path)
            #expect(tensors.names == ["alignment", "embeddings", "pca.components", "pca.mean", "weights"])
            #expect(tensors.metadata["alignment_texts"] == "2400")
            #expect(
                tensors.metadata["source_sha256"]
                    == StaticDistiller.sha256(try Data(contentsOf: model.appendingPathComponent("model.safetensors"))))
        }
    }

    @Test func distillRefusesDimensionsOutsideTheModelWidth() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(["model", "distill", "--dimensions", "400"], in: sandbox)
            #expect(result.exitCode == 2)
            #expect(result.stderr.contains("--dimensions takes 1 to 384; got 400"))
            let missing = try AssayCLI.run(
                ["model", "distill", "--model-dir", sandbox.appendingPathComponent("nothing").path], in: sandbox)
            #expect(missing.exitCode == 3)
            #expect(missing.stderr.contains("the MiniLM model is missing"))
        }
    }

    // A missing model stops a run before the datasets are read (on 200,000 rows the loading took 16 s to
    // end in this error): the model is named though the datasets do not exist either.
    @Test func aMissingModelFailsBeforeTheDatasetsAreRead() throws {
        try withSandbox { sandbox in
            let nothing = sandbox.appendingPathComponent("nothing").path
            for embedder in ["static", "minilm"] {
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", "absent-original.jsonl", "--synthetic", "absent-synthetic.jsonl",
                        "--embedder", embedder, "--model-dir", nothing,
                    ], in: sandbox)
                #expect(result.exitCode == 3)
                #expect(result.stderr.contains("\(nothing)/vocab.txt: the MiniLM model is missing"), "\(result.stderr)")
                #expect(!result.stderr.contains("absent-original"))
            }
        }
    }
}
