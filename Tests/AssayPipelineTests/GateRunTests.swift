import AssayCore
import AssayGate
import AssayMetrics
import AssayReport
import AssayStore
import Foundation
import Testing

@testable import AssayPipeline

/// Which run `assay gate --baseline` compares with, on a store made here.
struct GateRunTests {
    static func newRun(_ dataset: String, status: RunStatus) -> NewRun {
        NewRun(
            createdAt: "2026-01-01T00:00:00Z", command: "gate", datasetName: dataset, settingsJSON: "{}",
            toolVersion: "test", status: status)
    }

    // Runs 1 (news, pass, 0.40), 2 (news, fail, 0.10), 3 (other, pass, 0.90): `last` for news is run 1,
    // the newest of its passing runs; run 2 can be named even though it failed.
    @Test func theBaselineIsTheLastPassingRunOfTheDatasetOrTheRunNamed() throws {
        let folder = try Folder()
        let store = try folder.store()
        for (dataset, status, value) in [("news", RunStatus.pass, 0.40), ("news", .fail, 0.10), ("other", .pass, 0.90)]
        {
            _ = try store.record(
                Self.newRun(dataset, status: status),
                metrics: [
                    ReportValue(metric: "diversity.distinct_2", side: .synthetic, value: value, n: 4),
                    ReportValue(metric: "diversity.distinct_2", side: .synthetic, label: "a", value: nil, n: 0),
                ], gates: [])
        }
        let key = GateBaseline.Key(metric: "diversity.distinct_2", side: .synthetic, label: nil)
        let last = try GateRun.resolve(.last, in: store, storePath: store.path, dataset: "news")
        #expect(last?.runID == 1 && last?.values == [key: 0.40], "the null class value is left out")
        #expect(last?.isFallback == false)
        let named = try GateRun.resolve(.run(2), in: store, storePath: store.path, dataset: "news")
        #expect(named?.runID == 2 && named?.values == [key: 0.10] && named?.isFallback == false)
        #expect(try GateRun.resolve(.last, in: store, storePath: store.path, dataset: "none") == nil)
        #expect(try GateRun.resolve(nil, in: store, storePath: store.path, dataset: "news") == nil)
        #expect(throws: AssayError.self) {
            try GateRun.resolve(.run(7), in: store, storePath: store.path, dataset: "news")
        }
    }

    // Runs 1 (news, fail), 2 (other, pass), 3 (news, fail): no news run passed, so `last` is run 3, the
    // latest news run, marked as a fallback; a passing run 4 of news then takes over.
    @Test func withNoPassingRunLastFallsBackToTheLatestRun() throws {
        let folder = try Folder()
        let store = try folder.store()
        for (dataset, status) in [("news", RunStatus.fail), ("other", .pass), ("news", .fail)] {
            _ = try store.record(
                Self.newRun(dataset, status: status),
                metrics: [ReportValue(metric: "duplicates.exact_rate", side: .synthetic, value: 0.2, n: 4)], gates: [])
        }
        let fallback = try #require(try GateRun.resolve(.last, in: store, storePath: store.path, dataset: "news"))
        #expect(fallback.runID == 3 && fallback.isFallback)
        #expect(fallback.name == "run #3 (the latest; no earlier run passed)")
        _ = try store.record(Self.newRun("news", status: .warn), metrics: [], gates: [])
        let passed = try #require(try GateRun.resolve(.last, in: store, storePath: store.path, dataset: "news"))
        #expect(passed.runID == 4 && !passed.isFallback && passed.name == "run #4")
    }

    @Test func withoutAStoreLastIsNoBaselineAndARunIdIsAUsageError() throws {
        #expect(try GateRun.resolve(.last, in: nil, storePath: "absent.sqlite", dataset: "news") == nil)
        do {
            _ = try GateRun.resolve(.run(3), in: nil, storePath: "absent.sqlite", dataset: "news")
            Issue.record("a run id without a store is an error")
        } catch let error as AssayError {
            #expect(error.exitCode == 2 && error.description.contains("no run 3: the store does not exist yet"))
        }
    }
}

/// The catalog pages `assay metrics docs` writes and checks.
struct MetricPagesTests {
    // The folder has a.md (current), b.md (changed by hand), old.md (generated, no longer in the catalog)
    // and notes.md (not generated): b.md, c.md (missing) and old.md are stale; writing removes old.md
    // and keeps notes.md.
    @Test func stalePagesAreChangedMissingOrOrphanedAndWritingFixesThem() throws {
        let folder = try Folder()
        let marker = MetricCatalog.generatedMarker
        let pages = [
            (name: "a.md", text: "\(marker)\nA"), (name: "b.md", text: "\(marker)\nB"),
            (name: "c.md", text: "\(marker)\nC"),
        ]
        for (name, text) in [
            ("a.md", "\(marker)\nA"), ("b.md", "\(marker)\nB edited"), ("old.md", "\(marker)\nold"),
            ("notes.md", "mine"),
        ] {
            try text.write(toFile: folder.path(name), atomically: true, encoding: .utf8)
        }
        #expect(MetricPages.orphans(pages, in: folder.url.path) == ["old.md"])
        #expect(MetricPages.stale(pages, in: folder.url.path) == ["b.md", "c.md", "old.md"])
        try MetricPages.write(pages, to: folder.url.path)
        #expect(MetricPages.stale(pages, in: folder.url.path) == [])
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(left == ["a.md", "b.md", "c.md", "notes.md"])
    }
}
