import AssayReport
import AssayTestSupport
import Foundation
import Testing

/// `assay generate` against a scripted server: two rounds that fill a class the filters emptied, each a
/// run in the history, and a second invocation answered entirely from the response cache.
@Suite(.serialized) struct GenerateEndToEndTests {
    static func spec(port: UInt16) -> String {
        """
        task: Short news headlines.
        classes:
          - name: sports
            description: games, players, results
          - business
        attributes: { location: [Europe, Asia] }
        count_per_class: 3
        backend: { base_url: "http://127.0.0.1:\(port)/v1", model: scripted }
        seed: 3
        """
    }

    static let replies: [FakeChatServer.Reply] = [
        "Local team wins the cup", "I'm sorry, I cannot write that.", "I am sorry, but no.",
        "Shares climb after strong earnings", "Bank cuts rates again", "Oil prices rise again today",
        // Round 2 asks only for the two sports headlines the filters threw away.
        "Runner breaks the world record", "Tennis star returns to court",
    ].map { .status(200, body: FakeChatServer.completion($0)) }

    @Test func twoRoundsFillTheDeficitAndARestartAsksNothingAgain() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(Self.replies)
            let port = server.port
            let spec = sandbox.appendingPathComponent("news.yml")
            try Self.spec(port: port).write(to: spec, atomically: true, encoding: .utf8)
            let arguments = [
                "generate", "--spec", spec.path, "--rounds", "2", "--out", "gen.jsonl", "--report-dir", "rounds",
                "--embedder", "none", "--store", "store.sqlite",
            ]
            let first = try AssayCLI.run(arguments, in: sandbox, timeout: 180)
            server.stop()
            #expect(first.exitCode == 0, "\(first.stderr)")
            #expect(server.requests.count == 8)
            #expect(first.stdout.contains("round 1 (run #1): asked 6, kept 4; rejected refusal 2; copies 0"))
            #expect(first.stdout.contains("  per class: sports 1, business 3 (target 3)"))
            #expect(first.stdout.contains("round 2 (run #2): asked 2, kept 2;"))
            #expect(first.stdout.contains("  per class: sports 3, business 3 (target 3)"))

            let rows = try JSONLRows.read(sandbox.appendingPathComponent("gen.jsonl").path)
            #expect(rows.count == 6)
            #expect(
                rows.map { $0["label"] as? String } == [
                    "sports", "business", "business", "business", "sports", "sports",
                ])
            #expect(rows.allSatisfy { ($0["location"] as? String).map { ["Europe", "Asia"].contains($0) } == true })
            #expect(rows.map { $0["round"] as? Int } == [1, 1, 1, 1, 2, 2])
            #expect(
                rows.allSatisfy {
                    ($0["prompt_sha256"] as? String)?.count == 64 && $0["model"] as? String == "scripted"
                })
            #expect(
                try AssayCLI.report(in: sandbox.appendingPathComponent("rounds/round-2")).inputs.synthetic?.rows == 6)

            let history = try AssayCLI.run(["history", "--store", "store.sqlite"], in: sandbox)
            let runs = history.stdout.split(separator: "\n").dropFirst(2)
            #expect(runs.count == 2 && runs.allSatisfy { $0.contains("generate") && $0.contains("news") })

            // Started again on the same endpoint: every request is in the cache, the server is asked nothing.
            let silent = try FakeChatServer([], port: port)
            defer { silent.stop() }
            let again = try AssayCLI.run(arguments, in: sandbox, timeout: 180)
            #expect(again.exitCode == 0, "\(again.stderr)")
            #expect(silent.requests.isEmpty)
            #expect(again.stdout.contains("requests 0 new, 6 from the cache"))
            #expect(try JSONLRows.read(sandbox.appendingPathComponent("gen.jsonl").path).count == 6)
        }
    }

    @Test func aRunKilledMidWayAndStartedAgainReasksNoAnsweredRequest() throws {
        try withSandbox { sandbox in
            let texts = (0..<8).map { "Headline number \($0) about the news" }
            let slow = try FakeChatServer(texts.map { .delay(0.3, body: FakeChatServer.completion($0)) })
            let port = slow.port
            let spec = sandbox.appendingPathComponent("news.yml")
            try Self.spec(port: port).write(to: spec, atomically: true, encoding: .utf8)
            let arguments = [
                "generate", "--spec", spec.path, "--rounds", "2", "--out", "gen.jsonl", "--embedder", "none",
                "--store", sandbox.appendingPathComponent("store.sqlite").path, "--quiet",
            ]
            let process = Process()
            process.executableURL = try #require(AssayCLI.binary)
            process.arguments = arguments
            process.currentDirectoryURL = sandbox
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The client sends request k + 1 only after caching answer k: once the server has received
            // four requests, the first three answers are in the store and the fourth may be in flight.
            let deadline = Date().addingTimeInterval(60)
            while slow.requests.count < 4 && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            slow.stop()
            let received = slow.requests.count
            #expect(received >= 4 && received < 6, "killed in round 1 after \(received) requests")
            let cached = Set(slow.requests.prefix(received - 1))

            let rest = try FakeChatServer(
                texts.dropFirst(received - 1).map { .status(200, body: FakeChatServer.completion($0)) }, port: port)
            defer { rest.stop() }
            let again = try AssayCLI.run(arguments, in: sandbox, timeout: 180)
            #expect(again.exitCode == 0, "\(again.stderr)")
            // Every answer is kept, so round 1 fills both classes and there is no round 2: 6 requests in all,
            // less the cached ones; the one in flight at the kill is asked again unless its answer got stored.
            #expect(rest.requests.allSatisfy { !cached.contains($0) }, "no cached request asked again")
            #expect([6 - received, 6 - received + 1].contains(rest.requests.count), "only what had no answer")
            #expect(try JSONLRows.read(sandbox.appendingPathComponent("gen.jsonl").path).count == 6)
        }
    }

    @Test func aRecordedCassetteReplaysTheSameDatasetWithoutAServer() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(Self.replies)
            let spec = sandbox.appendingPathComponent("news.yml")
            try Self.spec(port: server.port).write(to: spec, atomically: true, encoding: .utf8)
            let common = ["generate", "--spec", spec.path, "--rounds", "2", "--embedder", "none", "--quiet"]
            let recorded = try AssayCLI.run(
                common + ["--out", "live.jsonl", "--record", "news.cassette.json", "--store", "a.sqlite"], in: sandbox)
            server.stop()
            #expect(recorded.exitCode == 0, "\(recorded.stderr)")
            let cassette =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: sandbox.appendingPathComponent("news.cassette.json"))) as? [String: Any]
            #expect((cassette?["exchanges"] as? [Any])?.count == 8)
            // No server listens now; a fresh store has no cached answer either.
            let replayed = try AssayCLI.run(
                common + ["--out", "replayed.jsonl", "--replay", "news.cassette.json", "--store", "b.sqlite"],
                in: sandbox)
            #expect(replayed.exitCode == 0, "\(replayed.stderr)")
            let live = try String(contentsOf: sandbox.appendingPathComponent("live.jsonl"), encoding: .utf8)
            let replay = try String(contentsOf: sandbox.appendingPathComponent("replayed.jsonl"), encoding: .utf8)
            #expect(live == replay && !live.isEmpty)
        }
    }

    /// The live two-round run of SmolLM2-135M (llama-cpp-python 0.3.36) on the 4-class news task,
    /// replayed from its cassette: round 1 fills every class but the spread gate fails, so round 2 asks
    /// for two more per class, drawn towards the locations each class lacked.
    @Test func theRecordedSmolLMRunReplaysAndItsSecondRoundWidensAttributeCoverage() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", AssayCLI.fixture("llm/news.yml"), "--rounds", "2", "--until-gate",
                    AssayCLI.fixture("llm/spread-gate.yml"), "--replay",
                    AssayCLI.fixture("llm/news-smollm2.cassette.json"),
                    "--out", "news.jsonl", "--embedder", "hashing", "--store", "s.sqlite",
                ], in: sandbox, timeout: 180)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(
                result.stdout.contains(
                    "round 1 (run #1): asked 16, kept 16; rejected none; copies 0; disputed labels 10"))
            #expect(
                result.stdout.contains(
                    "round 2 (run #2): asked 8, kept 7; rejected empty 1; copies 0; disputed labels 5"))
            let rows = try JSONLRows.read(sandbox.appendingPathComponent("news.jsonl").path)
            #expect(rows.count == 23)
            func covered(_ rows: [[String: Any]]) -> Int {
                ["World", "Sports", "Business", "Sci/Tech"].reduce(0) { total, label in
                    total
                        + Set(rows.filter { $0["label"] as? String == label }.compactMap { $0["location"] as? String })
                        .count
                }
            }
            let first = rows.filter { $0["round"] as? Int == 1 }
            // Locations per class, of 4 × 4: 10 after round 1, 14 after round 2.
            #expect(covered(first) == 10)
            #expect(covered(rows) == 14)
            let trend = try AssayCLI.run(
                ["history", "--store", "s.sqlite", "--metric", "diversity.vendi_ratio"], in: sandbox)
            #expect(trend.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.count == 2)
            // The history shows what round 2 targeted: the mean share of each class's attribute values
            // covered rises from 0.722 to 0.917 (locations 10/16 → 14/16 among them).
            let coverage = try AssayCLI.run(
                ["history", "--store", "s.sqlite", "--metric", "generate.attribute_coverage"], in: sandbox)
            let values = coverage.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.map {
                $0.split(separator: " ", omittingEmptySubsequences: true)[4]
            }
            #expect(values == ["0.722", "0.917"], "\(coverage.stdout)")
        }
    }
}
