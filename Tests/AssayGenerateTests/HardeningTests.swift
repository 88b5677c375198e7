import AssayCore
import AssayTestSupport
import Foundation
import Testing

@testable import AssayGenerate

/// What a hostile or broken server cannot do to the client: send an endless body, never answer,
/// never accept the connection, or put terminal escapes in what the client prints; and the secrets a
/// backend URL carries never leave it.
@Suite(.serialized) struct HardeningTests {
    let request = ChatRequest(model: "m", messages: [.user("Write a headline.")], temperature: 0.7, seed: 5)

    /// Failures passed to `onRetry`, in order.
    final class Retries: @unchecked Sendable {
        private let lock = NSLock()
        private var failures: [ChatError] = []
        func add(_ failure: ChatError) { lock.withLock { failures.append(failure) } }
        var all: [ChatError] { lock.withLock { failures } }
    }

    private func client(
        _ url: URL, retries: Retries = Retries(), timeout: TimeInterval = 600, connectTimeout: TimeInterval = 300,
        maxBytes: Int = TaskSpec.Limits.defaultMaxResponseBytes
    ) -> OpenAIClient {
        OpenAIClient(
            baseURL: url, apiKey: "k", timeout: timeout, connectTimeout: connectTimeout, maxResponseBytes: maxBytes,
            retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05),
            onRetry: { _, failure, _ in retries.add(failure) })
    }

    // MARK: Item 1: response cap and deadlines

    @Test func aNeverEndingBodyFailsAtTheCapAndIsNotRetried() async throws {
        let server = try FakeChatServer([.endless(limit: 64 << 20), .status(200, body: FakeChatServer.completion("x"))])
        defer { server.stop() }
        let retries = Retries()
        let error = await chatFailure {
            try await client(server.baseURL, retries: retries, maxBytes: 65536).complete(request)
        }
        let endpoint = "http://127.0.0.1:\(server.port)/v1/chat/completions"
        #expect(error == .responseTooLarge(url: endpoint, limit: 65536))
        #expect(
            error?.description == "the response from \(endpoint) exceeded 64 KB (limits.max_response_bytes)")
        #expect(retries.all.isEmpty && server.requests.count == 1, "a body over the cap is not asked for again")
    }

    @Test func aBodyWhoseLengthIsOverTheCapFailsBeforeItIsRead() async throws {
        let server = try FakeChatServer([.status(200, body: String(repeating: "y", count: 5000))])
        defer { server.stop() }
        let error = await chatFailure { try await client(server.baseURL, maxBytes: 4096).complete(request) }
        #expect(error?.description.hasSuffix("exceeded 4 KB (limits.max_response_bytes)") == true)
    }

    @Test func anAnswerUnderTheCapIsRead() async throws {
        let body = FakeChatServer.completion("Markets rally")
        let server = try FakeChatServer([.status(200, body: body)])
        defer { server.stop() }
        let answer = try await client(server.baseURL, maxBytes: body.utf8.count).complete(request)
        #expect(answer.content == "Markets rally")
    }

    @Test func aServerThatNeverAnswersTimesOutAfterTheRequestTimeout() async throws {
        let server = try FakeChatServer([.silence(30)])
        defer { server.stop() }
        let start = Date()
        let error = await chatFailure { try await client(server.baseURL, timeout: 1).complete(request) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(
            error?.description
                == "no answer from http://127.0.0.1:\(server.port)/v1/chat/completions: timed out after 1 s (limits.request_timeout_s)"
        )
        // No upper bound here: while other suites block the test process's concurrency threads (end-to-end
        // tests waiting on child processes) the awaiting task resumes late, however early the deadline
        // fired. GenerateEndToEndTests checks the stated time on a process of its own.
        #expect(elapsed >= 0.9, "\(elapsed) s")
    }

    /// A connection never accepted: each attempt gives up after the connect timeout (0.5 s) and is
    /// retried while the request timeout (6 s) lasts, here until the 4 attempts the policy allows are spent
    /// (about 2 s). The request timeout is far beyond the attempts so that a loaded machine, whose timers
    /// fire late, still ends each attempt on its connect timeout (with 2 s, a timer 1.5 s late could let the
    /// request's deadline end the first attempt, and nothing was retried).
    @Test func aConnectionNeverMadeIsRetriedUntilTheRequestTimeout() async throws {
        let hole = try BlackHoleListener()
        defer { hole.stop() }
        let retries = Retries()
        let start = Date()
        let error = await chatFailure {
            try await client(hole.baseURL, retries: retries, timeout: 6, connectTimeout: 0.5).complete(request)
        }
        let elapsed = Date().timeIntervalSince(start)
        let message = error.map(\.description) ?? ""
        #expect(
            message.hasSuffix("within 0.5 s (limits.connect_timeout_s))")
                || message.hasSuffix("timed out after 6 s (limits.request_timeout_s)"), "\(message)")
        #expect(elapsed >= 0.9, "\(elapsed) s")
        #expect(retries.all.count >= 1, "a connect timeout is retried")
        #expect(
            retries.all.allSatisfy {
                $0.description.contains(
                    "could not connect to \(hole.baseURL.absoluteString)/chat/completions within 0.5 s (limits.connect_timeout_s)"
                )
            })
    }

    @Test(arguments: [
        ("limits: {max_response_bytes: 10}", "limits.max_response_bytes", "whole number ≥ 1024"),
        ("limits: {max_response_bytes: 4096.5}", "limits.max_response_bytes", "whole number ≥ 1024"),
        ("limits: {connect_timeout_s: 0}", "limits.connect_timeout_s", "more than 0"),
        ("limits: {request_timeout_s: -3}", "limits.request_timeout_s", "more than 0"),
        ("limits: {request_timeout_s: soon}", "limits.request_timeout_s", "expected a number"),
        ("limits: {request_timeout_s: 90000}", "limits.request_timeout_s", "at most 86400"),
    ])
    func badLimitsNameTheKeyAndLine(line: String, field: String, message: String) throws {
        let text = "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\n\(line)\n"
        let error = try #require(throws: AssayError.self) { try TaskSpec.parse(text, path: "task.yml") }
        #expect(error.kind == .usage && error.field == field && error.line == 4, "\(error)")
        #expect(error.message.contains(message), "\(error.message)")
    }

    @Test func limitsAreReadWithTheirDefaults() throws {
        let base = "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\n"
        let defaults = try TaskSpec.parse(base, path: "task.yml").limits
        #expect(
            defaults.maxResponseBytes == 8_388_608 && defaults.connectTimeout == 10 && defaults.requestTimeout == 120)
        let set = try TaskSpec.parse(
            base + "limits: {max_response_bytes: 65536, connect_timeout_s: 2.5, request_timeout_s: 30}\n",
            path: "task.yml"
        ).limits
        #expect(set.maxResponseBytes == 65536 && set.connectTimeout == 2.5 && set.requestTimeout == 30)
    }

    // MARK: Item 2: secrets

    @Test(arguments: [
        (
            "https://user:pa55@example.com/v1?api-key=sk-123&api-version=2024",
            "https://***@example.com/v1?api-key=***&api-version=***"
        ),
        ("http://127.0.0.1:8765/v1", "http://127.0.0.1:8765/v1"),
        ("https://sk-abc@example.com", "https://***@example.com"),
        ("https://example.com/v1?sk-bare&key=&x=1#frag", "https://example.com/v1?***&key=***&x=***#***"),
        ("https://example.com/v1/user@domain", "https://example.com/v1/user@domain"),
        ("https://a:b@c@example.com:8443/v1", "https://***@example.com:8443/v1"),
        ("", ""),
    ])
    func urlsAreRedacted(url: String, expected: String) {
        #expect(URLRedaction.redacted(url) == expected)
        #expect(URLRedaction.redacted(expected) == expected, "redacting twice changes nothing")
    }

    @Test func anErrorNamesTheURLWithoutItsSecrets() async throws {
        let server = try FakeChatServer([.silence(30)])
        defer { server.stop() }
        var components = URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false)
        components?.user = "alice"
        components?.password = "hunter2"
        components?.query = "api-key=sk-secret"
        let url = try #require(components?.url)
        let error = await chatFailure { try await client(url, timeout: 1).complete(request) }
        let text = try #require(error?.description)
        #expect(!text.contains("hunter2") && !text.contains("sk-secret") && !text.contains("alice"), "\(text)")
        #expect(text.contains("http://***@127.0.0.1:\(server.port)/v1/chat/completions"), "\(text)")
    }

    @Test func anUnsetOrEmptyKeyVariableIsAUsageErrorNamingIt() throws {
        let spec = try TaskSpec.parse(
            "task: t\nclasses: [a, b]\nbackend:\n  base_url: http://x/v1\n  model: m\n  api_key_env: MY_KEY\n",
            path: "task.yml")
        #expect(try spec.backend.apiKey(environment: ["MY_KEY": "sk-1"], specPath: "task.yml") == "sk-1")
        let unset = try #require(throws: AssayError.self) {
            try spec.backend.apiKey(environment: [:], specPath: "task.yml")
        }
        #expect(unset.kind == .usage && unset.exitCode == 2 && unset.line == 6 && unset.field == "backend.api_key_env")
        #expect(
            unset.description.hasPrefix("task.yml:6: backend.api_key_env: the environment variable MY_KEY is not set"))
        let empty = try #require(throws: AssayError.self) {
            try spec.backend.apiKey(environment: ["MY_KEY": ""], specPath: "task.yml")
        }
        #expect(empty.message.contains("MY_KEY is empty"))
        let none = try TaskSpec.parse(
            "task: t\nclasses: [a, b]\nbackend: {base_url: http://x/v1, model: m}\n", path: "task.yml")
        #expect(try none.backend.apiKey(environment: [:], specPath: "task.yml") == nil)
    }

    // MARK: Item 3: terminal escapes

    static let garbage = "bad \u{1B}[31mred\u{0}end\r\nmore"

    @Test func aServerBodyIsPrintedWithItsControlCharactersEscaped() async throws {
        let server = try FakeChatServer(
            [.status(200, body: Self.garbage)] + Array(repeating: .status(500, body: Self.garbage), count: 4))
        defer { server.stop() }
        let malformed = await chatFailure { try await client(server.baseURL).complete(request) }
        #expect(malformed == .malformedResponse(Self.garbage))
        let busy = await chatFailure { try await client(server.baseURL).complete(request) }
        for error in [malformed, busy] {
            let text = try #require(error?.description)
            #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0 || $0.value == 0x0D }, "\(text)")
            #expect(text.hasSuffix(#"bad \u{1B}[31mred\u{0}end  more"#), "\(text)")
        }
        #expect(busy?.description.hasPrefix("HTTP 500: ") == true)
    }
}
