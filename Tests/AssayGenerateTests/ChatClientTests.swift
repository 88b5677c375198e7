import AssayTestSupport
import Foundation
import Testing

@testable import AssayGenerate

/// The chat client against a scripted server on loopback: every retry rule, timeouts, token counts.
@Suite(.serialized) struct ChatClientTests {
    let request = ChatRequest(model: "m", messages: [.user("Write a headline.")], temperature: 0.7, seed: 5)

    /// A client with fast backoff whose retries are recorded.
    final class Retries: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(Int, TimeInterval)] = []
        func add(_ attempt: Int, _ delay: TimeInterval) {
            lock.lock()
            entries.append((attempt, delay))
            lock.unlock()
        }
        var delays: [TimeInterval] {
            lock.lock()
            defer { lock.unlock() }
            return entries.map(\.1)
        }
    }

    private func client(_ server: FakeChatServer, retries: Retries, timeout: TimeInterval = 600, budget: Int? = nil)
        -> OpenAIClient
    {
        OpenAIClient(
            baseURL: server.baseURL, apiKey: "k", timeout: timeout,
            retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 2), meter: TokenMeter(budget: budget),
            onRetry: { attempt, _, delay in retries.add(attempt, delay) })
    }

    @Test func anAnswerIsParsedAndItsTokensCounted() async throws {
        let server = try FakeChatServer([
            .status(200, body: FakeChatServer.completion("Markets rally", prompt: 12, completion: 3))
        ])
        defer { server.stop() }
        let client = client(server, retries: Retries())
        let answer = try await client.complete(request)
        #expect(
            answer
                == ChatCompletion(content: "Markets rally", promptTokens: 12, completionTokens: 3, finishReason: "stop")
        )
        #expect(client.meter.usage == TokenUsage(requests: 1, promptTokens: 12, completionTokens: 3))
        #expect(server.requests == [String(decoding: try request.body(), as: UTF8.self)])
        #expect(abs(client.meter.cost(TaskSpec.Price(prompt: 1, completion: 2)) - 18e-6) < 1e-12)
    }

    @Test(arguments: [408, 409, 429, 500, 502, 503])
    func retryableStatusesAreRetried(status: Int) async throws {
        let server = try FakeChatServer([
            .status(status, body: #"{"error":{"message":"busy"}}"#),
            .status(200, body: FakeChatServer.completion("ok")),
        ])
        defer { server.stop() }
        let retries = Retries()
        let answer = try await client(server, retries: retries).complete(request)
        #expect(answer.content == "ok")
        #expect(server.requests.count == 2)
        #expect(retries.delays.count == 1)
        #expect(retries.delays.allSatisfy { $0 < 0.01 + 1e-9 }, "backoff: base 0.01 × jitter")
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let server = try FakeChatServer([.status(status, body: #"{"error":{"code":"bad"}}"#)])
        defer { server.stop() }
        let error = await chatFailure { try await client(server, retries: Retries()).complete(request) }
        guard case .http(let got, _, _) = error else {
            Issue.record("expected an HTTP error, got \(String(describing: error))")
            return
        }
        #expect(got == status)
        #expect(server.requests.count == 1)
    }

    @Test func anInsufficientQuota429IsNotRetried() async throws {
        let server = try FakeChatServer([
            .status(429, body: #"{"error":{"type":"insufficient_quota","code":"insufficient_quota"}}"#)
        ])
        defer { server.stop() }
        let error = await chatFailure { try await client(server, retries: Retries()).complete(request) }
        #expect(error.map { if case .http(429, _, _) = $0 { true } else { false } } == true)
        #expect(server.requests.count == 1)
    }

    @Test func retryAfterMillisecondsAndSecondsAreHonoured() async throws {
        let server = try FakeChatServer([
            .status(429, headers: ["retry-after-ms": "150"], body: "{}"),
            .status(503, headers: ["Retry-After": "1"], body: "{}"),
            .status(200, body: FakeChatServer.completion("ok")),
        ])
        defer { server.stop() }
        let retries = Retries()
        let start = Date()
        _ = try await client(server, retries: retries).complete(request)
        #expect(retries.delays == [0.15, 1])
        #expect(Date().timeIntervalSince(start) >= 1.15)
        #expect(server.requests.count == 3)
    }

    @Test func anHTTPDateRetryAfterIsTheTimeUntilThen() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)  // Tue, 14 Nov 2023 22:13:20 GMT
        #expect(RetryPolicy.serverDelay(headers: ["Retry-After": "Tue, 14 Nov 2023 22:13:25 GMT"], now: now) == 5)
        #expect(RetryPolicy.serverDelay(headers: ["retry-after-ms": "20", "retry-after": "9"], now: now) == 0.02)
        #expect(RetryPolicy.serverDelay(headers: [:], now: now) == nil)
    }

    @Test func exponentialBackoffDoublesUpToTheCap() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.5, maxDelay: 4)
        #expect((0..<6).map { policy.backoff(attempt: $0, unit: 1) } == [0.5, 1, 2, 4, 4, 4])
        #expect(policy.backoff(attempt: 2, unit: 0.25) == 0.5)
        #expect(policy.decide(after: .connection("x"), attempt: 9, unit: 1) == .giveUp, "attempts are capped")
    }

    @Test func connectionErrorsAreRetriedAndASlowAnswerEndsAtTheRequestTimeout() async throws {
        let server = try FakeChatServer([
            .hangUp, .status(200, body: FakeChatServer.completion("ok")),
            .status(200, body: FakeChatServer.completion("ok")),
        ])
        defer { server.stop() }
        let retries = Retries()
        let answer = try await client(server, retries: retries).complete(request)
        #expect(answer.content == "ok")
        // curl itself may resend once on a connection closed without an answer.
        #expect((2...3).contains(server.requests.count))
        #expect((1...2).contains(retries.delays.count))
        // The request timeout covers every attempt and wait: a slow answer is not asked for again.
        let slow = try FakeChatServer([
            .delay(2.5, body: FakeChatServer.completion("late")), .status(200, body: FakeChatServer.completion("ok")),
        ])
        defer { slow.stop() }
        let late = Retries()
        let error = await chatFailure { try await client(slow, retries: late, timeout: 1).complete(request) }
        #expect(error.map { if case .timedOut(_, 1) = $0 { true } else { false } } == true)
        #expect(late.delays.isEmpty && slow.requests.count == 1)
    }

    @Test func aMalformedBodyAndTooManyFailuresGiveUp() async throws {
        let malformed = try FakeChatServer([.status(200, body: "not json")])
        defer { malformed.stop() }
        let first = await chatFailure { try await client(malformed, retries: Retries()).complete(request) }
        #expect(first == .malformedResponse("not json"))
        let busy = try FakeChatServer(Array(repeating: .status(500, body: "Internal error"), count: 5))
        defer { busy.stop() }
        let second = await chatFailure { try await client(busy, retries: Retries()).complete(request) }
        #expect(second.map { if case .http(500, _, _) = $0 { true } else { false } } == true)
        #expect(busy.requests.count == 4, "maxAttempts 4")
    }

    @Test func nIsFannedOutWithConsecutiveSeedsAndTheBudgetStopsTheRun() async throws {
        let server = try FakeChatServer(
            (0..<3).map { .status(200, body: FakeChatServer.completion("a\($0)", prompt: 10, completion: 10)) })
        defer { server.stop() }
        let client = client(server, retries: Retries(), budget: 40)
        let answers = try await client.complete(request, n: 2)
        #expect(answers.map(\.content) == ["a0", "a1"])
        #expect(server.requests.map { $0.contains(#""seed":5"#) } == [true, false])
        #expect(server.requests[1].contains(#""seed":6"#))
        let error = await chatFailure { try await client.complete(request) }
        #expect(error == .budgetExhausted(40))
        #expect(server.requests.count == 2, "nothing sent once the budget is spent")
    }

    @Test func theCacheKeyIsTheCanonicalRequest() throws {
        let a = ChatRequest(model: "m", messages: [.user("x")], temperature: 0.5, seed: 1)
        var b = a
        #expect(try a.cacheKey(baseURL: "u") == b.cacheKey(baseURL: "u"))
        b.seed = 2
        #expect(try a.cacheKey(baseURL: "u") != b.cacheKey(baseURL: "u"))
        #expect(try a.cacheKey(baseURL: "u") != a.cacheKey(baseURL: "v"))
        #expect(try a.cacheKey(baseURL: "u").count == 64)
    }
}
