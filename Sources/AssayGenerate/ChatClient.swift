import AssayCore
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

/// An OpenAI-compatible chat-completions client over HTTP: deadlines, a cap on the response body,
/// retries by `RetryPolicy`, token counting against a budget.
public struct OpenAIClient: LLMClient {
    /// The API root, e.g. `http://127.0.0.1:8765/v1`.
    public var baseURL: URL
    public var apiKey: String?
    /// Seconds one request may take, every attempt and the waits between them included
    /// (`limits.request_timeout_s`).
    public var timeout: TimeInterval
    /// Seconds one attempt may take to connect and send its request (`limits.connect_timeout_s`); an
    /// attempt that does not connect in time is retried while `timeout` allows.
    public var connectTimeout: TimeInterval
    /// Bytes a response body may have (`limits.max_response_bytes`); a longer one fails the request.
    public var maxResponseBytes: Int
    public var retry: RetryPolicy
    public let meter: TokenMeter
    /// Called before each retry with the attempt that failed (from 0), the failure and the wait.
    public var onRetry: @Sendable (Int, ChatError, TimeInterval) -> Void

    public init(
        baseURL: URL, apiKey: String? = nil, timeout: TimeInterval = 120, connectTimeout: TimeInterval = 10,
        maxResponseBytes: Int = TaskSpec.Limits.defaultMaxResponseBytes, retry: RetryPolicy = RetryPolicy(),
        meter: TokenMeter = TokenMeter(),
        onRetry: @escaping @Sendable (Int, ChatError, TimeInterval) -> Void = { _, _, _ in }
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.maxResponseBytes = maxResponseBytes
        self.retry = retry
        self.meter = meter
        self.onRetry = onRetry
    }

    /// The endpoint requests go to.
    var endpoint: URL { baseURL.appendingPathComponent("chat/completions") }

    public func complete(_ request: ChatRequest) async throws -> ChatCompletion {
        try meter.checkBudget()
        let body = try request.body()
        let deadline = Date().addingTimeInterval(timeout)
        var attempt = 0
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else {
                throw ChatError.timedOut(url: URLRedaction.redacted(endpoint.absoluteString), seconds: timeout)
            }
            do {
                let completion = try await send(body, within: remaining)
                meter.add(completion)
                return completion
            } catch let failure as ChatError {
                switch retry.decide(after: failure, attempt: attempt, unit: Double.random(in: 0..<1)) {
                case .giveUp:
                    throw failure
                case .retry(let delay):
                    // No time left for another attempt after the wait: the last failure is the answer.
                    guard delay < deadline.timeIntervalSinceNow else { throw failure }
                    onRetry(attempt, failure, delay)
                    try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                    attempt += 1
                }
            }
        }
    }

    /// One attempt, given `remaining` seconds of the request's deadline.
    private func send(_ body: Data, within remaining: TimeInterval) async throws -> ChatCompletion {
        let url = endpoint
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = "POST"
        // URLSession's own timeouts only back up the transfer's deadlines.
        urlRequest.timeoutInterval = remaining + 30
        urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey, !apiKey.isEmpty { urlRequest.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        urlRequest.httpBody = body
        let transfer = BoundedTransfer(
            maxBytes: maxResponseBytes, connectTimeout: min(connectTimeout, remaining), requestTimeout: remaining)
        let data: Data
        let http: HTTPURLResponse
        switch await transfer.run(urlRequest) {
        case .success(let answer):
            (data, http) = answer
        case .failure(.tooLarge):
            throw ChatError.responseTooLarge(url: URLRedaction.redacted(url.absoluteString), limit: maxResponseBytes)
        case .failure(.deadline):
            throw ChatError.timedOut(url: URLRedaction.redacted(url.absoluteString), seconds: timeout)
        case .failure(.notConnected) where connectTimeout < remaining:
            throw ChatError.connection(
                "could not connect to \(URLRedaction.redacted(url.absoluteString)) within "
                    + "\(ChatError.seconds(connectTimeout)) s (limits.connect_timeout_s)")
        case .failure(.notConnected):
            throw ChatError.timedOut(url: URLRedaction.redacted(url.absoluteString), seconds: timeout)
        case .failure(.failed(let reason)):
            throw ChatError.connection(reason)
        }
        guard http.statusCode == 200 else {
            var headers: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                if let key = key as? String, let value = value as? String { headers[key] = value }
            }
            throw ChatError.http(status: http.statusCode, headers: headers, body: data)
        }
        return try ChatCompletion.parse(data)
    }
}

/// One HTTP exchange read as it streams in, with a cap on the body and deadlines of its own.
///
/// `URLSession.data(for:)` reads a body of any length into memory and, on Linux, offers no connect
/// timeout; this delegate counts the bytes as they arrive and cancels the task once they pass the cap,
/// fails when the request is not sent (the connection not made) within `connectTimeout`, and when the
/// whole answer has not arrived within `requestTimeout`.
final class BoundedTransfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    /// Why a transfer ended without an answer.
    enum Failure: Error, Equatable {
        /// The body passed the cap.
        case tooLarge
        /// No connection (the request not sent) within the connect timeout.
        case notConnected
        /// No complete answer within the request timeout.
        case deadline
        /// The connection failed or closed; the system's reason.
        case failed(String)
    }

    typealias Answer = Result<(Data, HTTPURLResponse), Failure>

    private let maxBytes: Int
    private let connectTimeout: TimeInterval
    private let requestTimeout: TimeInterval
    private let lock = NSLock()
    private var body = Data()
    private var response: HTTPURLResponse?
    private var connected = false
    private var outcome: Answer?
    private var continuation: CheckedContinuation<Answer, Never>?
    private var session: URLSession?
    private var task: URLSessionDataTask?

    init(maxBytes: Int, connectTimeout: TimeInterval, requestTimeout: TimeInterval) {
        self.maxBytes = maxBytes
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
    }

    /// Sends `request` and waits for the whole answer, a failure, or a deadline.
    func run(_ request: URLRequest) async -> Answer {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = requestTimeout + 30
        configuration.timeoutIntervalForResource = requestTimeout + 30
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        let task = session.dataTask(with: request)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let early: Answer? = lock.withLock {
                    if let outcome { return outcome }
                    self.continuation = continuation
                    self.session = session
                    self.task = task
                    return nil
                }
                if let early {
                    session.invalidateAndCancel()
                    continuation.resume(returning: early)
                    return
                }
                let now = DispatchTime.now()
                DispatchQueue.global().asyncAfter(deadline: now + connectTimeout) { [weak self] in
                    guard let self, !self.lock.withLock({ self.connected }) else { return }
                    self.finish(.failure(.notConnected))
                }
                DispatchQueue.global().asyncAfter(deadline: now + requestTimeout) { [weak self] in
                    self?.finish(.failure(.deadline))
                }
                task.resume()
            }
        } onCancel: {
            finish(.failure(.failed("cancelled")))
        }
    }

    /// Ends the transfer with `answer` unless it has ended already; cancels the task and frees the session.
    private func finish(_ answer: Answer) {
        let (continuation, session, task): (CheckedContinuation<Answer, Never>?, URLSession?, URLSessionDataTask?) =
            lock.withLock {
                guard outcome == nil else { return (nil, nil, nil) }
                outcome = answer
                let taken = (self.continuation, self.session, self.task)
                self.continuation = nil
                self.session = nil
                self.task = nil
                body = Data()
                return taken
            }
        guard let continuation else { return }
        task?.cancel()
        session?.invalidateAndCancel()
        continuation.resume(returning: answer)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64,
        totalBytesExpectedToSend: Int64
    ) {
        guard totalBytesSent > 0 else { return }
        lock.withLock { connected = true }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        let tooLong = response.expectedContentLength > Int64(maxBytes)
        lock.withLock {
            connected = true
            self.response = http
        }
        if tooLong {
            finish(.failure(.tooLarge))
            completionHandler(.cancel)
        } else {
            completionHandler(.allow)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over: Bool = lock.withLock {
            guard outcome == nil else { return false }
            guard body.count + data.count <= maxBytes else { return true }
            body.append(data)
            return false
        }
        if over { finish(.failure(.tooLarge)) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if let error {
            finish(.failure(.failed(error.localizedDescription)))
            return
        }
        let answer: Answer = lock.withLock {
            guard let response else { return .failure(.failed("not an HTTP answer")) }
            return .success((body, response))
        }
        finish(answer)
    }
}
