import AssayCore
import AssayLinalg
import AssayReport
import Foundation
import Testing

@testable import AssayMetrics

/// The per-class computations restructured so that a run with thousands of classes costs O(N·K) at
/// most, against values worked out by hand.
@Suite struct ManyClassesTests {
    // Groups {0, 1, 2} and {3, 4}, labels 0 0 1 1 0: class 0 keeps row 0 of the first group and drops
    // row 1, and is alone (row 4) in the second → 1 dropped; class 1 has one row in each group → 0.
    @Test func droppedRowsOfEveryClassComeFromOnePassOverTheGroups() {
        let groups = [[0, 1, 2], [3, 4]]
        let labels: [Int32] = [0, 0, 1, 1, 0]
        #expect(WithinSet.droppedByClass(groups, labels: labels, classCount: 2) == [1, 0])
        #expect(WithinSet.droppedByClass([[0, 1, 2, 3]], labels: [1, 1, 1, 0], classCount: 2) == [0, 2])
        // The same numerators as the share among one class's rows.
        #expect(WithinSet.droppedShare(groups, among: [0, 1, 4]) == 1.0 / 3)
        #expect(WithinSet.droppedShare(groups, among: [2, 3]) == 0)
    }

    @Test func aClassWithFewerRowsThanTheFoldsIsTooSmall() {
        let labels: [Int32] = [0, 0, 0, 1, 2, 2, -1]
        #expect(OutOfSample.tooSmallClasses(labels: labels, classCount: 4, minimumRows: 2) == [1, 3])
        #expect(OutOfSample.tooSmallClasses(labels: labels, classCount: 3, minimumRows: 1) == [])
    }

    // Excluding class 2 is cross-validating classes 0 and 1 alone (class 2's row predicted, never trained
    // on) with the result's column 2 left at 0.
    @Test func crossValidationLeavesOutTheClassesTooSmallToLearn() {
        let features = Matrix(rowVectors: [
            [1, 0], [0.9, 0.1], [1, 0.2], [0, 1], [0.1, 0.9], [0.2, 1], [0.5, 0.5],
        ])
        let labels: [Int32] = [0, 0, 0, 1, 1, 1, 2]
        let options = LogisticRegression.Options(inverseRegularization: 1)
        let excluded = OutOfSample.crossValidatedLogistic(
            features: features, labels: labels, classCount: 3, excluding: [2], folds: 3, seed: 1, stream: "t",
            options: options)
        let alone = OutOfSample.crossValidatedLogistic(
            features: features, labels: [0, 0, 0, 1, 1, 1, -1], classCount: 2, folds: 3, seed: 1, stream: "t",
            options: options)
        #expect(excluded.columns == 3)
        for row in 0..<features.rows {
            #expect(excluded[row, 2] == 0)
            #expect(excluded[row, 0] == alone[row, 0])
            #expect(excluded[row, 1] == alone[row, 1])
        }
    }

    /// Five rows of "a" near (1, 0), five of "b" near (0, 1) and one row of "tiny".
    private func context() -> AnalysisContext {
        let labels = Array(repeating: "a", count: 5) + Array(repeating: "b", count: 5) + ["tiny"]
        let corpus = makeCorpus((0..<11).map { "row \($0)" }, labels: labels)
        let vectors: [[Float]] =
            (0..<5).map { [1, 0.1 * Float($0)] } + (0..<5).map { [0.1 * Float($0), 1] } + [[0.7, 0.7]]
        return AnalysisContext(
            original: nil, synthetic: corpus, embeddings: [.synthetic: Matrix(rowVectors: vectors)],
            embedderName: "test")
    }

    @Test func labelNoiseReportsAClassTooSmallToJudgeAndLeavesItsRowsOut() throws {
        let context = context()
        #expect(context.tooSmallClasses(.synthetic) == [2])
        let output = try LabelNoise().analyze(context)
        let side = try #require(output.labelQuality?.sides["synthetic"])
        // The ten rows of the two judged classes are considered; "tiny" is listed, too small, unjudged.
        #expect(side.rows == 10)
        let tiny = try #require(side.perClass.first { $0.label == "tiny" })
        #expect(tiny.tooSmall == true)
        #expect(tiny.rows == 1)
        #expect(tiny.issues == 0)
        #expect(side.perClass.first { $0.label == "a" }?.tooSmall == nil)
        #expect(side.perClass.first { $0.label == "a" }?.rows == 5)
        let rate = try #require(output.metrics.first { $0.id == "noise.label_issue_rate" })
        #expect(rate.byClass?["tiny"]?.synthetic == nil)
        #expect(rate.byClass?["a"]?.synthetic != nil)
        #expect(!output.findings.contains { $0.row == 11 })
    }

    @Test func withEveryClassTooSmallLabelNoiseIsSkippedWithTheReason() throws {
        let corpus = makeCorpus(["a", "b", "c", "d"], labels: ["w", "x", "y", "z"])
        let context = AnalysisContext(
            original: nil, synthetic: corpus,
            embeddings: [.synthetic: Matrix(rowVectors: [[1, 0], [0, 1], [1, 1], [0.5, 0]])], embedderName: "test")
        let output = try LabelNoise().analyze(context)
        #expect(output.labelQuality == nil)
        let reason = try #require(output.skipped.first { $0.id == "noise.label_issue_rate" }?.reason)
        #expect(reason.contains("no class with at least 5 rows"))
        #expect(reason.contains("too small to judge"))
        let complexity = try Complexity().analyze(context)
        let loss = try #require(complexity.skipped.first { $0.id == "complexity.classifier_loss" }?.reason)
        #expect(loss.contains("fewer than two classes have at least 5 rows"))
    }
}
