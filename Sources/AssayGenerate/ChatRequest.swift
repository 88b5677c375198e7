import AssayCore
import Crypto
import Foundation

/// One message of a chat: a role (`system`, `user`, `assistant`) and its text.
public struct ChatMessage: Codable, Sendable, Equatable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> ChatMessage { ChatMessage(role: "system", content: content) }
    public static func user(_ content: String) -> ChatMessage { ChatMessage(role: "user", content: content) }
}

/// An OpenAI chat-completions request: one choice (the client fans `n` out itself).
public struct ChatRequest: Codable, Sendable, Equatable {
    public var model: String
    public var messages: [ChatMessage]
    public var temperature: Double?
    public var maxTokens: Int?
    public var seed: UInt64?
    /// `{"type": "json_object", "schema": …}` when the answer must be a JSON object.
    public var responseFormat: ResponseFormat?

    public init(
        model: String, messages: [ChatMessage], temperature: Double? = nil, maxTokens: Int? = nil,
        seed: UInt64? = nil, responseFormat: ResponseFormat? = nil
    ) {
        self.model = model
        self.messages = messages
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.seed = seed
        self.responseFormat = responseFormat
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed
        case maxTokens = "max_tokens"
        case responseFormat = "response_format"
    }

    /// The request body: JSON with sorted keys, so equal requests are equal bytes.
    public func body() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// SHA-256 of the endpoint and the canonical body, hex: the response cache's key.
    public func cacheKey(baseURL: String) throws -> String {
        var hasher = SHA256()
        hasher.update(data: Data(baseURL.utf8))
        hasher.update(data: Data([0]))
        hasher.update(data: try body())
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        for byte in hasher.finalize() {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 15)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// The `response_format` of a request: a JSON object, optionally with a JSON Schema that servers such
/// as llama.cpp turn into a grammar (so the answer always fits it); others may reject the schema, which
/// `JSONMode` notices.
public struct ResponseFormat: Codable, Sendable, Equatable {
    public var type: String
    public var schema: JSONValue?

    public static func jsonObject(schema: JSONValue? = nil) -> ResponseFormat {
        ResponseFormat(type: "json_object", schema: schema)
    }
}

extension JSONValue {
    /// `{"type": "object", "properties": …, "required": [every property]}`.
    public static func objectSchema(_ properties: [String: JSONValue]) -> JSONValue {
        .object([
            "type": "object", "properties": .object(properties),
            "required": .array(properties.keys.sorted().map { .string($0) }),
        ])
    }
}

/// The answer to a chat request: the text of its one choice and the tokens it cost.
public struct ChatCompletion: Sendable, Equatable {
    public var content: String
    public var promptTokens: Int
    public var completionTokens: Int
    /// Why the model stopped (`stop`, `length` …), if the server said.
    public var finishReason: String?

    public init(content: String, promptTokens: Int, completionTokens: Int, finishReason: String? = nil) {
        self.content = content
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.finishReason = finishReason
    }

    /// Reads an OpenAI chat-completions response body.
    ///
    /// - Throws: `ChatError.malformedResponse` when it is not one.
    public static func parse(_ data: Data) throws -> ChatCompletion {
        struct Body: Decodable {
            struct Choice: Decodable {
                struct Message: Decodable { var content: String? }
                var message: Message
                var finishReason: String?
                enum CodingKeys: String, CodingKey {
                    case message
                    case finishReason = "finish_reason"
                }
            }
            struct Usage: Decodable {
                var promptTokens: Int?
                var completionTokens: Int?
                enum CodingKeys: String, CodingKey {
                    case promptTokens = "prompt_tokens"
                    case completionTokens = "completion_tokens"
                }
            }
            var choices: [Choice]
            var usage: Usage?
        }
        guard let body = try? JSONDecoder().decode(Body.self, from: data), let choice = body.choices.first else {
            throw ChatError.malformedResponse(String(decoding: data.prefix(200), as: UTF8.self))
        }
        return ChatCompletion(
            content: choice.message.content ?? "", promptTokens: body.usage?.promptTokens ?? 0,
            completionTokens: body.usage?.completionTokens ?? 0, finishReason: choice.finishReason)
    }
}
