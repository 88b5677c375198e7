import AssayCore

/// Builds an in-memory corpus for tests: rows numbered 1…N, optionally labelled.
func makeCorpus(_ texts: [String], labels: [String]? = nil, path: String = "test.jsonl") -> Corpus {
    Corpus(
        source: Corpus.Source(path: path, format: .jsonl, sha256: "", byteCount: 0), texts: texts,
        textFields: ["text"], rowNumbers: Array(1...max(1, texts.count)).prefix(texts.count).map { $0 },
        labelField: labels == nil ? nil : "label", labelValues: labels)
}

/// Whether two numbers agree to within `tolerance` (absolute).
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}
