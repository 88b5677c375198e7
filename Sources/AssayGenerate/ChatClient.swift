import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Something that answers chat requests: the OpenAI-compatible HTTP client, or a cache in front of it.
public protocol LLMClient: Sendable {
    func complete(_ request: ChatRequest) async throws -> ChatCompletion
}

extension LLMClient {
    /// `n` answers to `request`, asked one after another with seeds `seed`, `seed + 1`, …: servers
    /// such as llama.cpp's accept `n` and return one choice, so the client fans out itself.
    public func complete(_ request: ChatRequest, n: Int) async throws -> [ChatCompletion] {
        var answers: [ChatCompletion] = []
        for index in 0..<n {
            var single = request
            single.seed = request.seed.map { $0 &+ UInt64(index) }
            answers.append(try await complete(single))
        }
        return answers
    }
}

/// Tokens and requests a client has used.
public final class TokenMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var prompt = 0
    private var completion = 0
    private var requests = 0
    /// Tokens (prompt and completion) the run may spend; nil for no limit.
    public let budget: Int?

    public init(budget: Int? = nil) {
        self.budget = budget
    }

    public var usage: TokenUsage {
        lock.lock()
        defer { lock.unlock() }
        return TokenUsage(requests: requests, promptTokens: prompt, completionTokens: completion)
    }

    /// Throws when the budget is spent, before a request is sent.
    func checkBudget() throws {
        lock.lock()
        defer { lock.unlock() }
        if let budget, prompt + completion >= budget { throw ChatError.budgetExhausted(budget) }
    }

    func add(_ completion: ChatCompletion) {
        lock.lock()
        prompt += completion.promptTokens
        self.completion += completion.completionTokens
        requests += 1
        lock.unlock()
    }

    /// What the tokens so far cost at `price`.
    public func cost(_ price: TaskSpec.Price) -> Double { usage.cost(price) }
}

/// Requests sent and tokens used.
public struct TokenUsage: Sendable, Equatable {
    public var requests: Int
    public var promptTokens: Int
    public var completionTokens: Int

    /// Dollars at `price` (per million prompt and completion tokens).
    public func cost(_ price: TaskSpec.Price) -> Double {
        (Double(promptTokens) * price.prompt + Double(completionTokens) * price.completion) / 1_000_000
    }
}

/// An OpenAI-compatible chat-completions client over HTTP: timeouts, retries by `RetryPolicy`, token
/// counting against a budget.
public struct OpenAIClient: LLMClient {
    /// The API root, e.g. `http://127.0.0.1:8765/v1`.
    public var baseURL: URL
    public var apiKey: String?
    /// Seconds one attempt may take.
    public var timeout: TimeInterval
    public var retry: RetryPolicy
    public let meter: TokenMeter
    /// Called before each retry with the attempt that failed (from 0), the failure and the wait.
    public var onRetry: @Sendable (Int, ChatError, TimeInterval) -> Void

    public init(
        baseURL: URL, apiKey: String? = nil, timeout: TimeInterval = 120, retry: RetryPolicy = RetryPolicy(),
        meter: TokenMeter = TokenMeter(),
        onRetry: @escaping @Sendable (Int, ChatError, TimeInterval) -> Void = { _, _, _ in }
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.retry = retry
        self.meter = meter
        self.onRetry = onRetry
    }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try meter.checkBudget()
        let body = try request.body()
        var attempt = 0
        while true {
            do {
                let completion = try await send(body)
                meter.add(completion)
                return completion
            } catch let failure as ChatError {
                switch retry.decide(after: failure, attempt: attempt, unit: Double.random(in: 0..<1)) {
                case .giveUp:
                    throw failure
                case .retry(let delay):
                    onRetry(attempt, failure, delay)
                    try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                    attempt += 1
                }
            }
        }
    }

    /// One attempt.
    private func send(_ body: Data) async throws -> ChatCompletion {
        var urlRequest = URLRequest(url: baseURL.appendingPathComponent("chat/completions"))
        urlRequest.httpMethod = "POST"
        urlRequest.timeoutInterval = timeout
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey, !apiKey.isEmpty { urlRequest.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        urlRequest.httpBody = body
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await Self.data(for: urlRequest, timeout: timeout)
        } catch {
            throw ChatError.connection(error.localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else { throw ChatError.connection("not an HTTP answer") }
        guard http.statusCode == 200 else {
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            throw ChatError.http(status: http.statusCode, headers: headers, body: data)
        }
        return try ChatCompletion.parse(data)
    }

    private static func data(for request: URLRequest, timeout: TimeInterval) async throws -> (Data, URLResponse) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }
}
