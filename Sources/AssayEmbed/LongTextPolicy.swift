/// How MiniLM embeds a text longer than its 256-word-piece input (254 word pieces besides `[CLS]` and
/// `[SEP]`).
public enum LongTextPolicy: String, Sendable, Codable, CaseIterable {
    /// Overlapping windows of 254 word pieces, 128 apart, at most `MiniLMEmbedder.maxWindows` of them,
    /// each embedded on its own; the text's vector is their mean weighted by each window's word pieces,
    /// normalised. A text of at most 1,150 word pieces is read whole.
    case chunk
    /// The first 254 word pieces; the rest is not read.
    case truncate
}
