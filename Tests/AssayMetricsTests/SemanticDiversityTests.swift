import AssayCore
import AssayLinalg
import AssayReport
import Foundation
import Testing

@testable import AssayMetrics

/// The analyzer over embeddings given directly, with values worked out by hand.
@Suite(.serialized) struct SemanticDiversityTests {
    // Original rows (1,0) and (0,1): APS = 0, remote-clique = 1 − |(1,1)|²/4 = 0.5, chamfer = 1,
    // Vendi: XᵀX/2 = diag(½, ½) → exp(log 2) = 2, ratio 1; dispersion: centroid (½,½), distance √½.
    // Synthetic rows (1,0) twice: APS = 1, remote-clique 0, chamfer 0, Vendi 1, ratio ½, dispersion 0.
    @Test func sidesAreMeasuredFromTheirEmbeddings() throws {
        let original = makeCorpus(["a", "b"], labels: ["x", "y"])
        let synthetic = makeCorpus(["c", "d"], labels: ["x", "y"])
        let context = AnalysisContext(
            original: original, synthetic: synthetic,
            embeddings: [
                .original: Matrix(rowVectors: [[1, 0], [0, 1]]), .synthetic: Matrix(rowVectors: [[1, 0], [1, 0]]),
            ], embedderName: "test")
        let output = try SemanticDiversity().analyze(context)
        func value(_ id: MetricID, _ side: Side) -> Double? {
            output.metrics.first { $0.id == id }?.side(side)?.value
        }
        #expect(close(value("diversity.aps", .original), 0))
        #expect(close(value("diversity.aps", .synthetic), 1))
        #expect(close(value("diversity.remote_clique", .original), 0.5))
        #expect(close(value("diversity.remote_clique", .synthetic), 0))
        #expect(close(value("diversity.chamfer", .original), 1))
        #expect(close(value("diversity.chamfer", .synthetic), 0))
        #expect(close(value("diversity.vendi", .original), 2, tolerance: 1e-5))
        #expect(close(value("diversity.vendi", .synthetic), 1, tolerance: 1e-5))
        #expect(close(value("diversity.vendi_ratio", .synthetic), 0.5, tolerance: 1e-5))
        #expect(close(value("diversity.dispersion", .original), 0.5.squareRoot(), tolerance: 1e-6))
        // One row per class: inter-class APS is the only pair, intra-class has no pair.
        #expect(close(value("diversity.aps_inter_class", .original), 0))
        #expect(close(value("diversity.aps_inter_class", .synthetic), 1))
        #expect(value("diversity.aps_intra_class", .original) == nil)
        #expect(output.metrics.map(\.id).allSatisfy { $0.family == "diversity" })
    }

    // Class x: original (1,0), (0,1) → APS 0, dispersion √½; synthetic (1,0), (1,0) → APS 1, dispersion 0.
    // Class y: one row a side → APS undefined (no pair), dispersion 0, Vendi 1. Each class is measured on
    // its own rows alone, whatever the other classes hold.
    @Test func eachClassIsMeasuredOnItsOwnRows() throws {
        let original = makeCorpus(["a", "b", "c"], labels: ["x", "x", "y"])
        let synthetic = makeCorpus(["d", "e", "f"], labels: ["x", "y", "x"])
        let context = AnalysisContext(
            original: original, synthetic: synthetic,
            embeddings: [
                .original: Matrix(rowVectors: [[1, 0], [0, 1], [1, 0]]),
                .synthetic: Matrix(rowVectors: [[1, 0], [0, 1], [1, 0]]),
            ], embedderName: "test")
        let output = try SemanticDiversity().analyze(context)
        func byClass(_ id: MetricID, _ label: String) -> ClassValue? {
            output.metrics.first { $0.id == id }?.byClass?[label]
        }
        #expect(close(byClass("diversity.aps", "x")?.original, 0))
        #expect(close(byClass("diversity.aps", "x")?.synthetic, 1))
        #expect(byClass("diversity.aps", "y")?.original == nil)
        #expect(close(byClass("diversity.dispersion", "x")?.original, 0.5.squareRoot(), tolerance: 1e-6))
        #expect(close(byClass("diversity.dispersion", "x")?.synthetic, 0))
        #expect(close(byClass("diversity.dispersion", "y")?.synthetic, 0))
        #expect(close(byClass("diversity.vendi", "y")?.original, 1, tolerance: 1e-5))
        #expect(close(byClass("diversity.remote_clique", "x")?.original, 0.5))
        #expect(byClass("diversity.aps", "x")?.n == 2)
    }

    @Test func withoutEmbeddingsTheFamilyIsSkippedWithAReason() throws {
        let output = try SemanticDiversity().analyze(AnalysisContext(original: nil, synthetic: makeCorpus(["a"])))
        #expect(output.metrics.isEmpty)
        #expect(output.skipped.first?.reason.contains("--embedder") == true)
    }
}
