import AssayStore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayGenerate

/// The response cache: a run stopped half way and started again asks the server only the rest.
@Suite(.serialized) struct ResponseCacheTests {
    private func requests(_ count: Int) -> [ChatRequest] {
        (0..<count).map { ChatRequest(model: "m", messages: [.user("headline \($0)")], temperature: 0.7, seed: 1) }
    }

    private func temporaryStore() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("assay-cache-\(UUID().uuidString).sqlite").path
    }

    @Test func aRestartedRunAsksNothingItAlreadyHas() async throws {
        let path = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The first run gets three answers, then the server goes away for good (the run dies).
        let first = try FakeChatServer(
            (0..<3).map { .status(200, body: FakeChatServer.completion("answer \($0)")) } + [.hangUp, .hangUp])
        let noRetry = RetryPolicy(maxAttempts: 1)
        var answered: [String] = []
        do {
            let client = CachedLLMClient(
                base: OpenAIClient(baseURL: first.baseURL, retry: noRetry), cache: try ResponseCache(path: path),
                endpoint: "local")
            for request in requests(6) { answered.append(try await client.complete(request).content) }
        } catch {
            // The run stopped at the fourth request.
        }
        first.stop()
        #expect(answered == ["answer 0", "answer 1", "answer 2"])

        // The second run, on a fresh connection to the same store, asks only for the last three.
        let second = try FakeChatServer((3..<6).map { .status(200, body: FakeChatServer.completion("answer \($0)")) })
        defer { second.stop() }
        let counter = HitCounter()
        let client = CachedLLMClient(
            base: OpenAIClient(baseURL: second.baseURL, retry: noRetry), cache: try ResponseCache(path: path),
            endpoint: "local", counter: counter)
        var all: [String] = []
        for request in requests(6) { all.append(try await client.complete(request).content) }
        #expect(all == (0..<6).map { "answer \($0)" })
        #expect(second.requests.count == 3)
        #expect(second.requests.allSatisfy { !$0.contains("headline 0") && !$0.contains("headline 2") })
        #expect(counter.hits == 3 && counter.misses == 3)
        #expect(try ResponseCache(path: path).count() == 6)
    }

    @Test func aChangedFieldIsANewQuestion() async throws {
        let path = temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let server = try FakeChatServer([
            .status(200, body: FakeChatServer.completion("a", prompt: 7, completion: 2)),
            .status(200, body: FakeChatServer.completion("b")),
        ])
        defer { server.stop() }
        let client = CachedLLMClient(
            base: OpenAIClient(baseURL: server.baseURL), cache: try ResponseCache(path: path), endpoint: "local")
        var request = requests(1)[0]
        #expect(
            try await client.complete(request)
                == ChatCompletion(content: "a", promptTokens: 7, completionTokens: 2, finishReason: "stop"))
        #expect(try await client.complete(request).content == "a", "the same request comes from the cache")
        request.temperature = 0.9
        #expect(try await client.complete(request).content == "b")
        #expect(server.requests.count == 2)
    }
}
