import AssayTestSupport
import Foundation

/// `fixtures/reference/minilm_reference.json`: token ids, tokens and embeddings of the reference
/// all-MiniLM-L6-v2 for 25 tricky sentences. One type for every test that reads it.
struct MiniLMReference: Decodable {
    struct Sentence: Decodable {
        let text: String
        let tokenIDs: [Int32]
        let tokens: [String]
        let untruncatedCount: Int
        let truncated: Bool
        let embedding: [Float]

        enum CodingKeys: String, CodingKey {
            case text
            case tokenIDs = "token_ids"
            case tokens
            case untruncatedCount = "n_tokens_untruncated"
            case truncated
            case embedding
        }
    }

    let sentences: [Sentence]

    static let path = TestPaths.fixture("reference/minilm_reference.json")

    static func load() throws -> MiniLMReference {
        try JSONDecoder().decode(MiniLMReference.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
