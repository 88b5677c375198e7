import Foundation

extension ShardState {
    /// The files as the shards of one dataset, in path order, each numbered after the row numbers of those
    /// before it: the numbering `assay compare` gives a folder of these files.
    public var shards: [Corpus.Shard] {
        var offset = 0
        return files.map { file in
            defer { offset += file.rowSpan }
            return Corpus.Shard(
                path: file.path, rowOffset: offset, rows: file.rows, byteCount: file.bytes, sha256: file.sha256)
        }
    }

    /// The sampled rows as a corpus, in the order of their row numbers across the files (`shards`), with
    /// the dataset's source: what the analysis of the sample reads, and what its findings cite.
    ///
    /// - Parameter path: the dataset's name in the report (the state file).
    /// - Complexity: O(k · fields).
    public func sampleCorpus(path: String) -> Corpus {
        let shards = shards
        let offsets = Dictionary(shards.map { ($0.sha256, $0.rowOffset) }, uniquingKeysWith: { first, _ in first })
        let rows = sample.sorted { ($0.globalRow(offsets), $0.key) < ($1.globalRow(offsets), $1.key) }
        let format = files.first.flatMap { DatasetFormat(rawValue: $0.format) } ?? .jsonl
        let source = Corpus.Source(
            path: path, format: format,
            sha256: files.count == 1
                ? files[0].sha256
                : DatasetLoader.combinedDigest(files.map(\.sha256)),
            byteCount: files.reduce(0) { $0 + $1.bytes }, shards: files.count == 1 ? nil : shards,
            rowSpan: files.reduce(0) { $0 + $1.rowSpan })
        let fieldTexts: [String: [String]] =
            settings.textFields.count > 1
            ? Dictionary(
                uniqueKeysWithValues: settings.textFields.enumerated().map { index, field in
                    (field, rows.map { $0.fields?[index] ?? "" })
                }) : [:]
        let shape = settings.layout.map { layout in
            ShapedColumns(
                layout: layout, prompts: rows.map { $0.shape?.prompt ?? "" },
                responses: rows.map { $0.shape?.response ?? "" }, lastPrompts: rows.map { $0.shape?.lastPrompt ?? "" },
                turns: rows.map { $0.shape?.turns ?? 0 }, roleMasks: rows.map { $0.shape?.roles ?? 0 },
                emptyTurns: rows.map { $0.shape?.emptyTurns ?? 0 })
        }
        return Corpus(
            source: source, texts: rows.map(\.text), textFields: settings.textFields,
            rowNumbers: rows.map { $0.globalRow(offsets) }, labelField: settings.labelField,
            labelValues: settings.labelField == nil ? nil : rows.map { $0.label ?? "" },
            attributes: Dictionary(
                uniqueKeysWithValues: settings.attributeFields.enumerated().map { index, field in
                    (field, rows.map { $0.attributes[index] })
                }), fieldTexts: fieldTexts, shape: shape, part: settings.part ?? .response, notes: notes)
    }
}

extension SampledRow {
    /// The row's number across the files, given each file's offset by its SHA-256.
    fileprivate func globalRow(_ offsets: [String: Int]) -> Int { (offsets[file] ?? 0) + row }
}
