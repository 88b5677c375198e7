extension DatasetLoader {
    /// Loads the two sides of a comparison, letting an `--attr-field` be absent from one of them.
    ///
    /// An attribute missing from a file's first row is absent from that file: its corpus has no column for
    /// it, and the report describes the attribute on the other side alone. A later row that has it is an
    /// error, as is a row missing an attribute the first row has. An attribute neither file has stops the
    /// run with the error of the original's first row, or of the synthetic's when only its first row has a key
    /// close to the name (the error suggests it).
    ///
    /// - Throws: `AssayError` (`.input`) for anything `load(path:fields:)` rejects, except an attribute
    ///   absent from one file only.
    /// - Complexity: O(bytes of both files).
    public static func loadPair(original: String, synthetic: String, fields: FieldOptions) throws
        -> (original: Corpus, synthetic: Corpus)
    {
        let originalFile = try load(path: original, fields: fields, attributesMayBeAbsent: true)
        let syntheticFile = try load(path: synthetic, fields: fields, attributesMayBeAbsent: true)
        for field in fields.attributeFields {
            if let inOriginal = originalFile.absentAttributes[field],
                let inSynthetic = syntheticFile.absentAttributes[field]
            {
                throw (!inOriginal.hasCloseKey && inSynthetic.hasCloseKey ? inSynthetic : inOriginal).error
            }
        }
        return (originalFile.corpus, syntheticFile.corpus)
    }
}
