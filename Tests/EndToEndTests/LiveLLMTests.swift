import AssayTestSupport
import Foundation
import Testing

/// The generation loop against the real local model: SmolLM2-135M-Instruct served by
/// llama-cpp-python 0.3.36 on 127.0.0.1:8765. Opt-in: `make llm-test` installs and starts the server
/// and runs this suite with `ASSAY_LIVE_LLM=1`; it leaves the run's cassette in
/// `.build/llm/news-smollm2.cassette.json` for refreshing `fixtures/llm/`.
@Suite(
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["ASSAY_LIVE_LLM"] == "1",
        "live: set ASSAY_LIVE_LLM=1 with the local server running (make llm-test)"))
struct LiveLLMTests {
    /// The values of `metric` for each run, oldest first, from `assay history`.
    static func history(_ metric: String, store: String, in sandbox: URL) throws -> [Double] {
        let result = try AssayCLI.run(["history", "--store", store, "--metric", metric], in: sandbox)
        return result.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.compactMap {
            Double($0.split(separator: " ", omittingEmptySubsequences: true)[4])
        }
    }

    @Test func twoLiveRoundsImproveWhatTheReplanTargetedAndARestartAsksNothing() throws {
        try withSandbox { sandbox in
            let arguments = [
                "generate", "--spec", AssayCLI.fixture("llm/news.yml"), "--rounds", "2", "--until-gate",
                AssayCLI.fixture("llm/spread-gate.yml"), "--embedder", "hashing", "--store", "live.sqlite",
                "--out", "news.jsonl", "--report-dir", "rounds",
            ]
            let live = try AssayCLI.run(arguments + ["--record", "live.cassette.json"], in: sandbox, timeout: 900)
            print(live.stdout)
            // 0: the gate passed; 1: it still fails after round 2 (the model is tiny). Anything else is a fault.
            #expect([0, 1].contains(live.exitCode), "\(live.stderr)")
            let balance = try Self.history("generate.class_balance", store: "live.sqlite", in: sandbox)
            let coverage = try Self.history("generate.attribute_coverage", store: "live.sqlite", in: sandbox)
            if balance.count == 2 {
                // Round 2 fills the classes round 1 left short, else (every class full, the gate failing)
                // draws half a class more towards the attribute values each class lacked.
                if balance[0] < 1 {
                    #expect(balance[1] > balance[0], "class balance \(balance)")
                } else {
                    #expect(coverage[1] > coverage[0], "attribute coverage \(coverage)")
                }
            } else {
                #expect(live.exitCode == 0 && balance == [1], "one round only when it filled every class and passed")
            }

            // Started again on the same store: every request is answered from the cache.
            let again = try AssayCLI.run(arguments, in: sandbox, timeout: 300)
            #expect(again.exitCode == live.exitCode)
            #expect(again.stdout.contains("requests 0 new"), "\(again.stdout)")
            let rows = try String(contentsOf: sandbox.appendingPathComponent("news.jsonl"), encoding: .utf8)
            #expect(!rows.isEmpty)
            let cassette = sandbox.appendingPathComponent("live.cassette.json")
            let kept = TestPaths.packageRoot.appendingPathComponent(".build/llm/news-smollm2.cassette.json")
            try FileManager.default.createDirectory(
                at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: kept)
            try FileManager.default.copyItem(at: cassette, to: kept)
        }
    }
}
