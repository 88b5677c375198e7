import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayGenerate

/// Rate limits, concurrency, the token budget across a batch, JSON answers and the json_object probe.
@Suite struct LimitsAndStructureTests {
    // 60 a minute: capacity 60, one unit a second.
    @Test func aTokenBucketWaitsUntilItsDebtIsRepaid() {
        var bucket = TokenBucket(perMinute: 60, now: 0)
        #expect(bucket.reserve(60, at: 0) == 0, "a full bucket lets the first minute's worth through")
        #expect(bucket.reserve(1, at: 0) == 1)
        // Half a second refills 0.5: −1 + 0.5 − 1 = −1.5.
        #expect(bucket.reserve(1, at: 0.5) == 1.5)
        // The request used 2 fewer than reserved: −1.5 + 2 = 0.5, then −1 → −0.5.
        bucket.settle(2, at: 0.5)
        #expect(bucket.reserve(1, at: 0.5) == 0.5)
        // A reservation above the capacity takes the capacity: refilled to 60 by t = 100, then 0.
        #expect(bucket.reserve(1000, at: 100) == 0 && bucket.level == 0)
    }

    /// A clock that `sleep` moves on.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var time: TimeInterval = 0
        var now: TimeInterval { lock.withLock { time } }
        func advance(_ seconds: TimeInterval) { lock.withLock { time += seconds } }
    }

    func close(_ a: TimeInterval, _ b: TimeInterval) -> Bool { abs(a - b) < 1e-9 }

    // 2 requests and 100 tokens a minute: 1/30 request and 5/3 tokens a second.
    @Test func theRateLimiterHonoursRequestsAndTokensPerMinute() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(
            requestsPerMinute: 2, tokensPerMinute: 100, clock: { clock.now }, sleep: { clock.advance($0) })
        #expect(try await limiter.acquire(estimatedTokens: 10) == 0)
        #expect(try await limiter.acquire(estimatedTokens: 10) == 0)
        // The third request: requests −1 → 30 s; tokens 80 − 10 = 70, no wait.
        #expect(close(try await limiter.acquire(estimatedTokens: 10), 30))
        #expect(close(clock.now, 30))
        // At 30 s: requests −1 + 1 − 1 = −1 → 30 s; tokens min(100, 70 + 50) − 100 = 0 → none.
        #expect(close(try await limiter.acquire(estimatedTokens: 100), 30))
        // The last request used 40 tokens, not 100: at 60 s tokens are min(100, 0 + 50 + 60) = 100, so 60
        // more need no wait; requests are −1 + 1 − 1 = −1 → 30 s.
        await limiter.settle(estimatedTokens: 100, usedTokens: 40)
        #expect(close(clock.now, 60))
        #expect(close(try await limiter.acquire(estimatedTokens: 60), 30))
        #expect(close(try await limiter.acquire(estimatedTokens: 0), 30), "at 90 s: −1 + 1 − 1 again")
    }

    @Test func aRequestsEstimateIsItsPromptQuarterAndMaxTokens() {
        let request = ChatRequest(model: "m", messages: [.user(String(repeating: "a", count: 40))], maxTokens: 25)
        #expect(request.estimatedTokens == 10 + 25)
    }

    /// Answers each request with its own prompt after a pause, counting how many are in flight.
    actor SlowEcho: LLMClient {
        private(set) var inFlight = 0
        private(set) var most = 0
        private(set) var calls = 0
        let budgetAfter: Int?

        init(budgetAfter: Int? = nil) {
            self.budgetAfter = budgetAfter
        }

        func complete(_ request: ChatRequest) async throws -> ChatCompletion {
            calls += 1
            if let budgetAfter, calls > budgetAfter { throw ChatError.budgetExhausted(budgetAfter) }
            inFlight += 1
            most = max(most, inFlight)
            try await Task.sleep(nanoseconds: 30_000_000)
            inFlight -= 1
            return ChatCompletion(content: request.messages[0].content, promptTokens: 1, completionTokens: 1)
        }
    }

    static func requests(_ count: Int) -> [ChatRequest] {
        (0..<count).map { ChatRequest(model: "m", messages: [.user("answer \($0)")]) }
    }

    @Test(arguments: [1, 3])
    func requestsRunAtMostConcurrencyAtOnceAndKeepTheirOrder(concurrency: Int) async throws {
        let client = SlowEcho()
        let answers = try await client.complete(all: Self.requests(9), concurrency: concurrency)
        #expect(answers.map { $0?.content } == (0..<9).map { "answer \($0)" })
        #expect(await client.most == concurrency)
    }

    @Test func aSpentBudgetStopsTheBatchAndLeavesTheRestUnasked() async throws {
        let client = SlowEcho(budgetAfter: 2)
        let answers = try await client.complete(all: Self.requests(5), concurrency: 1)
        #expect(answers.map { $0?.content } == ["answer 0", "answer 1", nil, nil, nil])
        #expect(await client.calls == 3, "the third request found the budget spent; no fourth was sent")
    }

    @Test func theLastJSONObjectIsReadOutOfProse() {
        #expect(JSONAnswer.lastObject(in: #"Sure! {"label": "Sports"}"#)?["label"] as? String == "Sports")
        #expect(
            JSONAnswer.lastObject(in: "```json\n{\"values\": [\"a\", \"b\"]}\n```")?["values"] as? [String] == [
                "a", "b",
            ])
        #expect(JSONAnswer.lastObject(in: #"{"a": 1} and then {"b": "}"}"#)?["b"] as? String == "}")
        #expect(JSONAnswer.lastObject(in: #"{"a": {"b": 1}}"#)?["a"] != nil, "the outer object, not the inner")
        #expect(JSONAnswer.lastObject(in: "no json {here}") == nil)
        #expect(JSONAnswer.lastObject(in: #"{"unclosed": 1"#) == nil)
    }

    @Test func theSelfCheckReadsTheJSONLabelThenTheText() {
        let classes = ["sports", "business", "world"]
        #expect(ExampleFilter.checkedLabel(in: #"{"label": "Sports"}"#, classes: classes) == "sports")
        #expect(ExampleFilter.checkedLabel(in: #"{"label": "World news"}"#, classes: classes) == "world")
        #expect(
            ExampleFilter.checkedLabel(in: #"{"label": "finance"} — it is business"#, classes: classes) == "business")
        #expect(ExampleFilter.checkedLabel(in: "Business.", classes: classes) == "business")
        #expect(ExampleFilter.checkedLabel(in: #"{"label": "finance"}"#, classes: classes) == nil)
    }

    @Test func aServerThatHonoursJSONObjectIsAskedWithIt() async throws {
        let server = try FakeChatServer([
            .status(200, body: FakeChatServer.completion(#"{"label": "sports"}"#)),
            .status(200, body: FakeChatServer.completion(#"{"label": "world"}"#)),
        ])
        defer { server.stop() }
        let client = OpenAIClient(baseURL: server.baseURL, retry: RetryPolicy(maxAttempts: 1))
        let mode = JSONMode()
        let request = ChatRequest(
            model: "m", messages: [.user("Which class?")], temperature: 0, responseFormat: .jsonObject())
        _ = try await mode.ask(request, client: client)
        #expect(mode.state == .supported)
        _ = try await mode.ask(request, client: client)
        #expect(server.requests.allSatisfy { $0.contains(#""response_format":{"type":"json_object"}"#) })
    }

    @Test func aServerThatRejectsJSONObjectIsProbedOnceThenAskedPlainly() async throws {
        let server = try FakeChatServer([
            .status(500, body: "response_format is not supported"),
            .status(200, body: FakeChatServer.completion(#"I say {"label": "business"}"#)),
            .status(200, body: FakeChatServer.completion("world")),
        ])
        defer { server.stop() }
        let client = OpenAIClient(baseURL: server.baseURL, retry: RetryPolicy(maxAttempts: 1))
        let mode = JSONMode()
        let request = ChatRequest(
            model: "m", messages: [.user("Which class?")], temperature: 0, responseFormat: .jsonObject())
        let first = try await mode.ask(request, client: client)
        #expect(ExampleFilter.checkedLabel(in: first.content, classes: ["business", "world"]) == "business")
        #expect(mode.state == .unsupported)
        _ = try await mode.ask(request, client: client)
        #expect(server.requests.count == 3)
        #expect(server.requests[0].contains("response_format"))
        #expect(!server.requests[1].contains("response_format") && !server.requests[2].contains("response_format"))
    }

    @Test func anAuthenticationFailureIsNotTakenForAMissingJSONMode() async throws {
        let server = try FakeChatServer([.status(401, body: #"{"error": {"message": "bad key"}}"#)])
        defer { server.stop() }
        let mode = JSONMode()
        await #expect(throws: ChatError.self) {
            _ = try await mode.ask(
                ChatRequest(model: "m", messages: [.user("x")], responseFormat: .jsonObject()),
                client: OpenAIClient(baseURL: server.baseURL, retry: RetryPolicy(maxAttempts: 1)))
        }
        #expect(mode.state == .unknown && server.requests.count == 1)
    }
}
