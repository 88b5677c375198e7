import AssayCore
import Foundation

/// When a failed chat request is tried again, and after how long.
///
/// Retried: connection errors (a connection refused, closed or not made within
/// `limits.connect_timeout_s`), 408, 409, 429 (except an `insufficient_quota` 429, which
/// waiting does not fix) and every 5xx. Not retried: 400, 401, 403, 404, 422 and any other 4xx. The
/// wait is the server's `retry-after-ms` or `retry-after` (seconds or an HTTP date) when it sends one,
/// else exponential backoff `base · 2^attempt` capped at `maxDelay`, with full jitter. Never retried:
/// a request past its `limits.request_timeout_s` (which covers every attempt and wait), a response
/// over `limits.max_response_bytes`, a malformed answer and a spent budget.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: TimeInterval
    public var maxDelay: TimeInterval

    public init(maxAttempts: Int = 5, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(after: TimeInterval)
        case giveUp
    }

    /// Whether an HTTP status (with its headers and body) is worth another attempt.
    public static func isRetryable(status: Int, body: Data) -> Bool {
        switch status {
        case 408, 409, 500...599: return true
        case 429: return !String(decoding: body, as: UTF8.self).contains("insufficient_quota")
        default: return false
        }
    }

    /// The wait the server asked for: `retry-after-ms` (milliseconds) first, then `retry-after`
    /// (seconds, or an HTTP date relative to `now`).
    public static func serverDelay(headers: [String: String], now: Date = Date()) -> TimeInterval? {
        let lower = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        if let text = lower["retry-after-ms"], let milliseconds = Double(text.trimmingCharacters(in: .whitespaces)),
            milliseconds >= 0
        {
            return milliseconds / 1000
        }
        guard let text = lower["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(text), seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// The backoff before attempt `attempt + 1` (attempt counts from 0), with `unit` in [0, 1) as the
    /// jitter draw.
    public func backoff(attempt: Int, unit: Double) -> TimeInterval {
        min(maxDelay, baseDelay * pow(2, Double(attempt))) * unit
    }

    /// The decision after attempt `attempt` (from 0) failed with `failure`.
    public func decide(after failure: ChatError, attempt: Int, unit: Double) -> Decision {
        guard attempt + 1 < maxAttempts else { return .giveUp }
        switch failure {
        case .connection:
            return .retry(after: backoff(attempt: attempt, unit: unit))
        case .http(let status, let headers, let body):
            guard Self.isRetryable(status: status, body: body) else { return .giveUp }
            return .retry(
                after: min(maxDelay, Self.serverDelay(headers: headers) ?? backoff(attempt: attempt, unit: unit)))
        case .malformedResponse, .budgetExhausted, .timedOut, .responseTooLarge:
            return .giveUp
        }
    }
}

/// Why a chat request failed.
///
/// `description` is one line safe to print: server text in it passes through `TerminalText.safe` and
/// URLs through `URLRedaction.redacted`.
public enum ChatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No HTTP answer: the connection failed, was closed, or was not made in time.
    case connection(String)
    /// An HTTP error status, with the response headers and body.
    case http(status: Int, headers: [String: String], body: Data)
    /// A 200 whose body is not a chat completion.
    case malformedResponse(String)
    /// The run's token budget is spent.
    case budgetExhausted(Int)
    /// No complete answer from `url` (redacted) within `seconds`, the request timeout.
    case timedOut(url: String, seconds: TimeInterval)
    /// The response body from `url` (redacted) passed `limit` bytes.
    case responseTooLarge(url: String, limit: Int)

    public var description: String {
        switch self {
        case .connection(let reason): return "no answer from the server (\(TerminalText.safe(reason, limit: 300)))"
        case .http(let status, _, let body):
            return "HTTP \(status): \(TerminalText.safe(String(decoding: body.prefix(300), as: UTF8.self), limit: 300))"
        case .malformedResponse(let start):
            return "the answer is not a chat completion: \(TerminalText.safe(start, limit: 300))"
        case .budgetExhausted(let budget): return "the token budget of \(budget) is spent"
        case .timedOut(let url, let seconds):
            return "no answer from \(TerminalText.safe(URLRedaction.redacted(url), limit: 300)): timed out after "
                + "\(Self.seconds(seconds)) s (limits.request_timeout_s)"
        case .responseTooLarge(let url, let limit):
            return "the response from \(TerminalText.safe(URLRedaction.redacted(url), limit: 300)) exceeded "
                + "\(Self.size(limit)) (limits.max_response_bytes)"
        }
    }

    /// `1`, `0.5`: whole seconds without a fraction.
    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `8 MB` (MiB multiples), `64 KB` (KiB multiples), else `N bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes > 0 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes > 0 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}
