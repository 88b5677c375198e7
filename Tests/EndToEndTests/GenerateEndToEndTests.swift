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

    @Test func proposedAttributeValuesAreAskedFirstSavedAndDrawn() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(
                [
                    .status(200, body: FakeChatServer.completion(#"{"values": ["rugby", "judo"]}"#)),
                    .status(200, body: FakeChatServer.completion("Wales win the rugby final")),
                    .status(200, body: FakeChatServer.completion("Judo champion keeps her title")),
                    .status(200, body: FakeChatServer.completion("Shares climb after strong earnings")),
                    .status(200, body: FakeChatServer.completion("Bank cuts rates again")),
                ])
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try """
            task: Short news headlines.
            classes:
              - name: sports
                attributes: { sport: { propose: 2 } }
              - business
            count_per_class: 2
            backend: { base_url: "http://127.0.0.1:\(server.port)/v1", model: scripted }
            """.write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", spec.path, "--out", "gen.jsonl", "--report-dir", "rounds", "--embedder",
                    "none", "--store", "s.sqlite",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(result.stdout.contains("proposed attribute values:\n  sports · sport: rugby, judo\n"))
            #expect(server.requests.count == 5 && server.requests[0].contains(#""response_format":{"schema""#))
            let saved =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: sandbox.appendingPathComponent("rounds/attributes.json"))) as? [String: Any]
            #expect((saved?["sports"] as? [String: [String]]) == ["sport": ["rugby", "judo"]])
            #expect((saved?["business"] as? [String: [String]]) == [:])
            let rows = try JSONLRows.read(sandbox.appendingPathComponent("gen.jsonl").path)
            #expect(
                rows.filter { $0["label"] as? String == "sports" }.allSatisfy {
                    ["rugby", "judo"].contains($0["sport"] as? String ?? "")
                })
        }
    }

    /// Two sports headlines that share few character 5-grams pass the generation's near-copy filter, but
    /// their embeddings (hashing, cosine threshold 0.5 here) put them in one near-duplicate group: the
    /// re-plan drops the second, and round 2 asks for one sports headline to replace it.
    @Test func theReplanDropsNearDuplicateClustersAndRefillsThem() throws {
        try withSandbox { sandbox in
            let answers = [
                "Local team wins the cup final", "The cup final is won by the local team",
                "Shares climb after strong earnings", "Bank cuts interest rates again",
                "Runner breaks the world record in Rome",
            ]
            let server = try FakeChatServer(answers.map { .status(200, body: FakeChatServer.completion($0)) })
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try """
            task: Short news headlines.
            classes: [sports, business]
            count_per_class: 2
            backend: { base_url: "http://127.0.0.1:\(server.port)/v1", model: scripted }
            """.write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", spec.path, "--rounds", "2", "--out", "gen.jsonl", "--report-dir", "rounds",
                    "--embedder", "hashing", "--near-cosine", "0.5", "--store", "s.sqlite",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            let first = try AssayCLI.report(in: sandbox.appendingPathComponent("rounds/round-1"))
            let groups = first.findings.filter { $0.kind == .nearDuplicates && $0.side == .synthetic }
            #expect(groups.count == 1 && groups.first?.row == 1 && groups.first?.related?.map(\.row) == [2])
            #expect(result.stdout.contains("  re-plan: dropped 1 row of near-duplicate clusters"))
            #expect(result.stdout.contains("round 2 (run #2): asked 1, kept 1;"))
            let rows = try JSONLRows.read(sandbox.appendingPathComponent("gen.jsonl").path)
            #expect(
                rows.map { $0["text"] as? String } == [
                    "Local team wins the cup final", "Shares climb after strong earnings",
                    "Bank cuts interest rates again", "Runner breaks the world record in Rome",
                ])
        }
    }

    /// Sports answers that repeat one bigram (distinct-2 3 / 13 = 0.23, below the 0.5 floor without an
    /// original) make sports a low-diversity class: with the gate failing and every class full, the
    /// re-plan asks the model for new location values for sports alone and one more sports example.
    @Test func aLowDiversityClassIsGivenNewAttributeValues() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(
                [
                    "go team go team go team go team", "win win win win win win win",
                    "Shares climb after strong earnings", "Bank cuts interest rates again",
                    #"{"values": ["Africa", "Oceania"]}"#, "Runner breaks the world record in Rome",
                ].map { .status(200, body: FakeChatServer.completion($0)) })
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try """
            task: Short news headlines.
            classes: [sports, business]
            attributes: { location: [Europe, Asia] }
            count_per_class: 2
            backend: { base_url: "http://127.0.0.1:\(server.port)/v1", model: scripted }
            """.write(to: spec, atomically: true, encoding: .utf8)
            let gate = sandbox.appendingPathComponent("gate.yml")
            try "rules:\n  - metric: diversity.distinct_2\n    side: synthetic\n    min: 0.95\n".write(
                to: gate, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", spec.path, "--rounds", "2", "--until-gate", gate.path, "--out", "gen.jsonl",
                    "--report-dir", "rounds", "--embedder", "none", "--store", "s.sqlite",
                ], in: sandbox)
            #expect(result.exitCode == 1, "distinct-2 stays below 0.95: \(result.stderr)")
            #expect(
                result.stdout.contains(
                    "  re-plan: new attribute values for low-diversity classes:\n  sports · location: Africa, Oceania\n"
                ))
            #expect(server.requests.count == 6 && server.requests[4].contains(#"for examples of the class \"sports\""#))
            #expect(result.stdout.contains("round 2 (run #2): asked 1, kept 1;"))
            let saved =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: sandbox.appendingPathComponent("rounds/attributes.json"))) as? [String: Any]
            #expect((saved?["sports"] as? [String: [String]]) == ["location": ["Europe", "Asia", "Africa", "Oceania"]])
            #expect((saved?["business"] as? [String: [String]]) == ["location": ["Europe", "Asia"]])
        }
    }

    // Each scripted answer counts 10 prompt and 5 completion tokens: two answers spend the budget of 30,
    // at $1000 and $2000 a million tokens: (20 · 1000 + 10 · 2000) / 10⁶ = $0.04.
    @Test func aSpentTokenBudgetEndsTheRunWithWhatItHasAndItsCost() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(
                ["Local team wins the cup", "Shares climb after strong earnings"].map {
                    .status(200, body: FakeChatServer.completion($0))
                })
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try """
            task: Short news headlines.
            classes: [sports, business]
            count_per_class: 2
            backend: { base_url: "http://127.0.0.1:\(server.port)/v1", model: scripted, price: { prompt: 1000, completion: 2000 } }
            limits: { token_budget: 30, requests_per_minute: 600 }
            """.write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                ["generate", "--spec", spec.path, "--rounds", "3", "--embedder", "none", "--store", "s.sqlite"],
                in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(server.requests.count == 2)
            #expect(result.stdout.contains("round 1 (run #1): asked 4, kept 2;"))
            #expect(result.stdout.contains("tokens 20 prompt + 10 completion; cost $0.0400"))
            #expect(result.stderr.contains("the token budget of 30 is spent; stopping after round 1"))
            #expect(!result.stdout.contains("round 2"))
            let cost = try AssayCLI.run(
                ["history", "--store", "s.sqlite", "--metric", "generate.cost_usd"], in: sandbox)
            #expect(cost.stdout.contains("0.040"), "\(cost.stdout)")
        }
    }

    /// Credentials in the backend URL (userinfo and a query value) reach the server but no file the run
    /// writes: the cassette names the URL redacted, and neither it, the store, the reports nor the output
    /// holds the secrets.
    @Test func aRecordedCassetteKeepsNoSecretOfTheBaseURL() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer(Self.replies)
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            let secretURL = "http://alice:hunter2@127.0.0.1:\(server.port)/v1?api-key=sk-live-123"
            try Self.spec(port: server.port).replacingOccurrences(
                of: "http://127.0.0.1:\(server.port)/v1", with: secretURL
            ).write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", spec.path, "--rounds", "2", "--embedder", "none", "--out", "gen.jsonl",
                    "--report-dir", "rounds", "--record", "news.cassette.json", "--store", "s.sqlite",
                ], in: sandbox)
            #expect(result.exitCode == 0, "\(result.stderr)")
            #expect(server.requests.count == 8, "the run used the URL with its credentials")
            let cassette =
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: sandbox.appendingPathComponent("news.cassette.json"))) as? [String: Any]
            let about = cassette?["recorded_with"] as? [String: String]
            #expect(about?["base_url"] == "http://***@127.0.0.1:\(server.port)/v1?api-key=***")
            var written = [result.stdout, result.stderr]
            let files = FileManager.default.enumerator(at: sandbox, includingPropertiesForKeys: nil)
            while let file = files?.nextObject() as? URL {
                guard file.lastPathComponent != "news.yml", let data = try? Data(contentsOf: file) else { continue }
                written.append(String(decoding: data, as: UTF8.self))
            }
            #expect(written.count > 6, "the cassette, store, output and reports are searched")
            for secret in ["hunter2", "sk-live-123", "alice"] {
                #expect(!written.contains { $0.contains(secret) }, "\(secret) was written")
            }
        }
    }

    @Test func anUnsetAPIKeyVariableIsAUsageErrorNamingItAndItsLine() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer([])
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try """
            task: Short news headlines.
            classes: [sports, business]
            count_per_class: 2
            backend:
              base_url: "http://127.0.0.1:\(server.port)/v1"
              model: scripted
              api_key_env: ASSAY_TEST_NEVER_SET_KEY_7F3A
            """.write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                ["generate", "--spec", spec.path, "--embedder", "none", "--store", "s.sqlite"], in: sandbox)
            #expect(result.exitCode == 2, "\(result.stderr)")
            #expect(
                result.stderr.contains(
                    "news.yml:7: backend.api_key_env: the environment variable ASSAY_TEST_NEVER_SET_KEY_7F3A is not set"
                ), "\(result.stderr)")
            #expect(server.requests.isEmpty, "no request goes out without the key")
        }
    }

    /// A 500 and then a 200 that is not JSON, both bodies with an ESC sequence, a NUL and a line break:
    /// the retry warning and the final error show them escaped, on one line each.
    @Test func serverTextOnStderrHasItsControlCharactersEscaped() throws {
        try withSandbox { sandbox in
            let garbage = "oops \u{1B}[31mred\u{0}nul\r\n\u{1B}]0;title\u{7}"
            let server = try FakeChatServer([.status(500, body: garbage), .status(200, body: garbage)])
            defer { server.stop() }
            let spec = sandbox.appendingPathComponent("news.yml")
            try Self.spec(port: server.port).write(to: spec, atomically: true, encoding: .utf8)
            let result = try AssayCLI.run(
                ["generate", "--spec", spec.path, "--embedder", "none", "--store", "s.sqlite"], in: sandbox)
            #expect(result.exitCode == 3, "\(result.stderr)")
            let controls = result.stderr.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }
            #expect(controls.isEmpty, "raw control characters on stderr: \(controls.map(\.value))")
            let escaped = #"oops \u{1B}[31mred\u{0}nul  \u{1B}]0;title\u{7}"#
            #expect(result.stderr.contains("request failed (HTTP 500: \(escaped)); attempt 2 in"), "\(result.stderr)")
            #expect(
                result.stderr.contains("assay: backend: the answer is not a chat completion: \(escaped)\n"),
                "\(result.stderr)")
        }
    }

    /// Runs `assay generate` on the news spec against `server` with `limits` added, and expects it to
    /// fail (exit 3) with `message` on stderr well before the probe's 603 s.
    static func expectGenerateFails(
        against server: FakeChatServer, limits: String, with message: String, in sandbox: URL
    ) throws {
        let spec = sandbox.appendingPathComponent("news.yml")
        try (Self.spec(port: server.port) + "\nlimits: \(limits)\n").write(to: spec, atomically: true, encoding: .utf8)
        let start = Date()
        let result = try AssayCLI.run(
            ["generate", "--spec", spec.path, "--embedder", "none", "--store", "s.sqlite"], in: sandbox)
        #expect(result.exitCode == 3, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(Date().timeIntervalSince(start) < 60, "in the stated time, not the probe's 603 s")
    }

    /// A server that accepts the request and never answers: the run fails after the spec's request
    /// timeout with a message that says so.
    @Test func aServerThatNeverAnswersFailsTheRunAfterTheRequestTimeout() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer([.silence(30)])
            defer { server.stop() }
            try Self.expectGenerateFails(
                against: server, limits: "{ request_timeout_s: 1, connect_timeout_s: 1 }",
                with: "assay: backend: no answer from http://127.0.0.1:\(server.port)/v1/chat/completions: "
                    + "timed out after 1 s (limits.request_timeout_s)", in: sandbox)
        }
    }

    @Test func aResponseOverTheSpecsCapFailsTheRun() throws {
        try withSandbox { sandbox in
            let server = try FakeChatServer([.endless(limit: 64 << 20)])
            defer { server.stop() }
            try Self.expectGenerateFails(
                against: server, limits: "{ max_response_bytes: 65536, request_timeout_s: 20 }",
                with: "assay: backend: the response from http://127.0.0.1:\(server.port)/v1/chat/completions "
                    + "exceeded 64 KB (limits.max_response_bytes)", in: sandbox)
            #expect(server.requests.count == 1)
        }
    }

    /// The live two-round run of SmolLM2-135M (llama-cpp-python 0.3.36) on the 4-class news task,
    /// replayed from its cassette: round 1 rejects three answers as talk about the task, leaving
    /// Business 2 and Sci/Tech 3 of 4; round 2 asks for exactly those three, and the gate (Vendi score / N
    /// ≥ 0.95) still fails, so the run exits 1.
    @Test func theRecordedSmolLMRunReplaysAndItsSecondRoundFillsTheClasses() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(
                [
                    "generate", "--spec", AssayCLI.fixture("llm/news.yml"), "--rounds", "2", "--until-gate",
                    AssayCLI.fixture("llm/spread-gate.yml"), "--replay",
                    AssayCLI.fixture("llm/news-smollm2.cassette.json"),
                    "--out", "news.jsonl", "--embedder", "hashing", "--store", "s.sqlite",
                ], in: sandbox, timeout: 180)
            #expect(result.exitCode == 1, "the gate still fails: \(result.stderr)")
            #expect(result.stderr.contains("the --until-gate policy still fails after the last round"))
            #expect(
                result.stdout.contains(
                    "round 1 (run #1): asked 16, kept 13; rejected meta 3; copies 0, near copies 0; disputed labels 9"))
            #expect(result.stdout.contains("  per class: World 4, Sports 4, Business 2, Sci/Tech 3 (target 4)"))
            #expect(result.stdout.contains("round 2 (run #2): asked 3, kept 3;"))
            #expect(result.stdout.contains("  per class: World 4, Sports 4, Business 4, Sci/Tech 4 (target 4)"))
            let rows = try JSONLRows.read(sandbox.appendingPathComponent("news.jsonl").path)
            #expect(rows.count == 16)
            #expect(
                rows.filter { $0["round"] as? Int == 2 }.map { $0["label"] as? String } == [
                    "Business", "Business", "Sci/Tech",
                ])
            // The history shows what round 2 targeted: the smallest class over the largest, 2/4 → 4/4.
            let balance = try AssayCLI.run(
                ["history", "--store", "s.sqlite", "--metric", "generate.class_balance"], in: sandbox)
            let values = balance.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.map {
                $0.split(separator: " ", omittingEmptySubsequences: true)[4]
            }
            #expect(values == ["0.500", "1.000"], "\(balance.stdout)")
        }
    }
}
