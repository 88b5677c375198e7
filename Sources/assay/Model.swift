import ArgumentParser
import AssayCore
import AssayEmbed
import AssayMetrics
import Foundation

/// `assay model`: what Assay makes from the MiniLM model.
struct Model: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make what Assay derives from the MiniLM model: the static embedder's table.",
        subcommands: [Distill.self])

    /// `assay model distill`: writes the static embedder's table.
    struct Distill: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Distil the static embedder (--embedder static) from all-MiniLM-L6-v2.",
            discussion: """
                Model2Vec's method (Tulkens & van Dongen, 2024): every vocabulary entry goes through MiniLM \
                alone as [CLS] entry [SEP], the mean of its outputs is reduced by PCA to --dimensions and \
                weighted by SIF (Arora et al., 2017) with Zipf frequencies. Writes a safetensors file (by \
                default static-D.safetensors in the model folder, where --embedder static looks for \
                static-256.safetensors) and prints its path, SHA-256 and the time taken. The same model \
                gives the same bytes.
                """)

        @Option(
            name: .customLong("model-dir"),
            help: "The all-MiniLM-L6-v2 folder (default: $ASSAY_MODEL_DIR, else ~/.cache/assay/all-MiniLM-L6-v2).")
        var modelDirectory: String?

        @Option(help: "The vector dimension, 1 to 384: the leading principal components kept.")
        var dimensions: Int = StaticTable.defaultDimensions

        @Option(help: "How the vectors are stored: f32, or f16 (half the size, about 3 significant digits).")
        var dtype: String = "f32"

        @Option(help: "The file to write (default: static-D.safetensors in the model folder).")
        var out: String?

        @Flag(name: .shortAndLong, help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            guard (1...MiniLMEncoder.hiddenSize).contains(dimensions) else {
                throw ValidationError("--dimensions takes 1 to \(MiniLMEncoder.hiddenSize); got \(dimensions)")
            }
            guard SafeTensors.DType(rawValue: dtype.uppercased()) != nil else {
                throw ValidationError("--dtype takes f32 or f16; got '\(dtype)'")
            }
        }

        func run() async throws {
            let directory = MiniLMEmbedder.modelDirectory(modelDirectory)
            let path = out ?? StaticTable.defaultPath(modelDirectory: directory, dimensions: dimensions)
            var options = StaticDistiller.Options(dimensions: dimensions, assayVersion: Assessment.toolVersion)
            options.dtype = SafeTensors.DType(rawValue: dtype.uppercased()) ?? .f32
            let clock = ContinuousClock()
            let start = clock.now
            let table = try StaticDistiller.distill(
                modelDirectory: directory, options: options, progress: TerminalProgress.standardError(quiet: quiet))
            let data = try table.write(to: path)
            let elapsed = (clock.now - start).components
            guard !quiet else { return }
            let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            let provenance = table.provenance
            Console.print(
                "wrote \(path): \(provenance.vocabularySize) × \(provenance.dimensions) \(provenance.dtype.rawValue), "
                    + "\(provenance.tokensDistilled) entries distilled, "
                    + String(format: "%.1f%% of the variance kept", 100 * provenance.explainedVariance))
            Console.print("sha256 \(StaticDistiller.sha256(data))")
            Console.print(String(format: "took %.1f s", seconds))
        }
    }
}
