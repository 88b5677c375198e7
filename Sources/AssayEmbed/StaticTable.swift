import AssayCore
import AssayLinalg
import Foundation

/// A static embedding table distilled from all-MiniLM-L6-v2 (`StaticDistiller`): one vector per WordPiece
/// vocabulary id, with what is needed to check it.
///
/// On disk it is a safetensors file (`SafeTensors.encode`) holding
/// - `embeddings` [V, d]: row `id` is the vector of vocabulary entry `id` (F32, or F16 when asked);
/// - `pca.mean` [384] and `pca.components` [d, 384]: the PCA the rows were projected with;
/// - `weights` [V]: each id's SIF weight, 0 for the entries the distillation leaves out (their rows are 0);
/// - `alignment` [d, d]: the symmetric map S that aligns the table's sentence geometry with MiniLM's;
///
/// so that row `id` equals `weights[id] · (components · (encoder([CLS] id [SEP]) − mean))ᵀ S`; and
/// `__metadata__` (`Provenance`): the format version, the method, the SHA-256 of the source model, the
/// vocabulary and the alignment corpus, the dimensions, the SIF coefficient, the ridge penalty and the
/// Assay version that wrote it. No time is recorded, so the same model gives the same bytes.
public struct StaticTable: Sendable, Equatable {
    /// The version of the file layout this code reads and writes.
    public static let formatVersion = 2
    /// The dimension a table has unless asked otherwise (Model2Vec's default `pca_dims`).
    public static let defaultDimensions = 256

    /// The row of each vocabulary id (V × d).
    public var embeddings: Matrix
    /// Each id's SIF weight (already applied to its row); 0 for an id left out of the distillation.
    public var weights: [Float]
    /// The mean of the MiniLM outputs that PCA subtracted.
    public var pcaMean: [Float]
    /// The principal axes the centred outputs were projected on, as rows (d × 384).
    public var pcaComponents: Matrix
    /// The alignment S (d × d) the weighted projections were multiplied by (`StaticDistiller`, step 5).
    public var alignment: Matrix
    /// Where the table came from and how it was made.
    public var provenance: Provenance

    /// The vector dimension d.
    public var dimension: Int { embeddings.columns }

    /// The name a table of `dimensions` takes in the model folder: `static-256.safetensors`.
    public static func fileName(dimensions: Int) -> String {
        "static-\(dimensions).safetensors"
    }

    /// The default place of a table of `dimensions` for the model in `modelDirectory`.
    public static func defaultPath(modelDirectory: String, dimensions: Int = defaultDimensions) -> String {
        (modelDirectory as NSString).appendingPathComponent(fileName(dimensions: dimensions))
    }

    public init(
        embeddings: Matrix, weights: [Float], pcaMean: [Float], pcaComponents: Matrix, alignment: Matrix,
        provenance: Provenance
    ) {
        precondition(weights.count == embeddings.rows, "one weight per row")
        precondition(pcaComponents.rows == embeddings.columns && pcaMean.count == pcaComponents.columns)
        precondition(alignment.rows == embeddings.columns && alignment.columns == embeddings.columns)
        self.embeddings = embeddings
        self.weights = weights
        self.pcaMean = pcaMean
        self.pcaComponents = pcaComponents
        self.alignment = alignment
        self.provenance = provenance
    }

    /// The format version of the table at `path` when it is an Assay table of an earlier version than this
    /// code's, which distilling again replaces; nil when it is not (of this version, missing, or unreadable:
    /// reading it then says what is wrong).
    public static func earlierFormatVersion(ofFile path: String) -> Int? {
        guard let metadata = try? SafeTensors(path: path).metadata, metadata["format"] == "assay-static-embedder",
            let version = metadata["format_version"].flatMap({ Int($0) }), version < formatVersion
        else { return nil }
        return version
    }

    /// Reads a table written by `encoded()`.
    ///
    /// - Throws: `AssayError` (`.input`) when the file cannot be read, is not a table of this format
    ///   version, or its tensors disagree in shape.
    /// - Complexity: O(V · d).
    public init(file path: String) throws {
        let tensors = try SafeTensors(path: path)
        let provenance = try Provenance(metadata: tensors.metadata, file: path)
        let embeddings = try tensors.tensor("embeddings")
        guard embeddings.shape.count == 2 else {
            throw AssayError(.input, file: path, field: "embeddings", "must be a matrix; got shape \(embeddings.shape)")
        }
        let (rows, columns) = (embeddings.shape[0], embeddings.shape[1])
        let hidden = MiniLMEncoder.hiddenSize
        let weights = try tensors.tensor("weights", shape: [rows])
        let mean = try tensors.tensor("pca.mean", shape: [hidden])
        let components = try tensors.tensor("pca.components", shape: [columns, hidden])
        let alignment = try tensors.tensor("alignment", shape: [columns, columns])
        guard provenance.dimensions == columns, provenance.vocabularySize == rows else {
            throw AssayError(
                .input, file: path,
                "the metadata says \(provenance.vocabularySize) × \(provenance.dimensions) but the embeddings are \(rows) × \(columns); distil it again with assay model distill"
            )
        }
        self.init(
            embeddings: Matrix(rows: rows, columns: columns, values: embeddings.values), weights: weights.values,
            pcaMean: mean.values, pcaComponents: Matrix(rows: columns, columns: hidden, values: components.values),
            alignment: Matrix(rows: columns, columns: columns, values: alignment.values), provenance: provenance)
    }

    /// The table as safetensors bytes: `embeddings` in `provenance.dtype`, the rest in F32.
    ///
    /// - Complexity: O(V · d).
    public func encoded() -> Data {
        SafeTensors.encode(
            [
                SafeTensors.Output(
                    name: "embeddings", shape: [embeddings.rows, embeddings.columns], values: embeddings.values,
                    dtype: provenance.dtype),
                SafeTensors.Output(name: "pca.mean", shape: [pcaMean.count], values: pcaMean),
                SafeTensors.Output(
                    name: "pca.components", shape: [pcaComponents.rows, pcaComponents.columns],
                    values: pcaComponents.values),
                SafeTensors.Output(name: "weights", shape: [weights.count], values: weights),
                SafeTensors.Output(
                    name: "alignment", shape: [alignment.rows, alignment.columns], values: alignment.values),
            ], metadata: provenance.metadata)
    }

    /// Writes `encoded()` to `path` completely or not at all (`AtomicFiles`).
    ///
    /// - Returns: the bytes written, e.g. to hash them.
    /// - Throws: `AssayError` (`.runtime`) when the file cannot be written.
    @discardableResult
    public func write(to path: String) throws -> Data {
        let data = encoded()
        try AtomicFiles.write(data, to: path)
        return data
    }
}

extension StaticTable {
    /// The `__metadata__` of a table file: strings only, as safetensors requires.
    public struct Provenance: Sendable, Equatable {
        /// The method, for people reading the header.
        public static let method =
            "model2vec (Tulkens & van Dongen 2024): mean of MiniLM's last hidden states over [CLS] token [SEP], "
            + "PCA, Zipf-rank SIF weights (Arora et al. 2017); Assay's alignment S = (M M^T)^(1/2) of the ridge map M "
            + "from static to MiniLM sentence vectors on a fixed corpus"

        /// The file layout's version (`StaticTable.formatVersion` when written).
        public var formatVersion: Int
        /// The source model's name.
        public var sourceModel: String
        /// SHA-256 of the source `model.safetensors`, lowercase hex.
        public var sourceSHA256: String
        /// SHA-256 of the source `vocab.txt`, whose line numbers are the table's row ids.
        public var vocabularySHA256: String
        /// The rows V: every vocabulary id.
        public var vocabularySize: Int
        /// The ids distilled (V less the entries left out).
        public var tokensDistilled: Int
        /// The vector dimension d.
        public var dimensions: Int
        /// The SIF coefficient a of the weights a / (a + p).
        public var sifCoefficient: Double
        /// The share of the outputs' variance the d components keep, to 6 decimals.
        public var explainedVariance: Double
        /// SHA-256 of the alignment corpus file, lowercase hex.
        public var alignmentCorpusSHA256: String
        /// The corpus texts the alignment was fitted on.
        public var alignmentTexts: Int
        /// The ridge penalty λ of the alignment map.
        public var ridgeLambda: Double
        /// How `embeddings` is stored.
        public var dtype: SafeTensors.DType
        /// The Assay version that wrote the table.
        public var assayVersion: String

        public init(
            formatVersion: Int = StaticTable.formatVersion, sourceModel: String, sourceSHA256: String,
            vocabularySHA256: String, vocabularySize: Int, tokensDistilled: Int, dimensions: Int,
            sifCoefficient: Double, explainedVariance: Double, alignmentCorpusSHA256: String, alignmentTexts: Int,
            ridgeLambda: Double, dtype: SafeTensors.DType, assayVersion: String
        ) {
            self.formatVersion = formatVersion
            self.sourceModel = sourceModel
            self.sourceSHA256 = sourceSHA256
            self.vocabularySHA256 = vocabularySHA256
            self.vocabularySize = vocabularySize
            self.tokensDistilled = tokensDistilled
            self.dimensions = dimensions
            self.sifCoefficient = sifCoefficient
            self.explainedVariance = explainedVariance
            self.alignmentCorpusSHA256 = alignmentCorpusSHA256
            self.alignmentTexts = alignmentTexts
            self.ridgeLambda = ridgeLambda
            self.dtype = dtype
            self.assayVersion = assayVersion
        }

        /// The header map, with the method and the left-out entries spelled out.
        public var metadata: [String: String] {
            [
                "format": "assay-static-embedder",
                "format_version": String(formatVersion),
                "method": Provenance.method,
                "left_out": StaticDistiller.leftOutDescription,
                "source_model": sourceModel,
                "source_sha256": sourceSHA256,
                "vocabulary_sha256": vocabularySHA256,
                "vocabulary_size": String(vocabularySize),
                "tokens_distilled": String(tokensDistilled),
                "dimensions": String(dimensions),
                "sif_coefficient": String(sifCoefficient),
                "explained_variance": String(explainedVariance),
                "alignment_corpus_sha256": alignmentCorpusSHA256,
                "alignment_texts": String(alignmentTexts),
                "ridge_lambda": String(ridgeLambda),
                "dtype": dtype.rawValue,
                "assay_version": assayVersion,
            ]
        }

        /// The provenance `metadata` records.
        ///
        /// - Throws: `AssayError` (`.input`) naming `file` when a field is missing or malformed, or the
        ///   format version is not this code's.
        public init(metadata: [String: String], file: String) throws {
            func field(_ key: String) throws -> String {
                guard let value = metadata[key] else {
                    throw AssayError(
                        .input, file: file, field: key,
                        "missing from the metadata; is this a table written by assay model distill?")
                }
                return value
            }
            func number<T: LosslessStringConvertible>(_ key: String, as type: T.Type) throws -> T {
                guard let value = T(try field(key)) else {
                    throw AssayError(.input, file: file, field: key, "is not a number: '\(metadata[key] ?? "")'")
                }
                return value
            }
            guard try field("format") == "assay-static-embedder" else {
                throw AssayError(
                    .input, file: file, field: "format",
                    "is not an Assay static table; distil one with assay model distill")
            }
            formatVersion = try number("format_version", as: Int.self)
            guard formatVersion == StaticTable.formatVersion else {
                throw AssayError(
                    .input, file: file, field: "format_version",
                    "is \(formatVersion), this Assay reads \(StaticTable.formatVersion); distil it again with assay model distill"
                )
            }
            sourceModel = try field("source_model")
            sourceSHA256 = try field("source_sha256")
            vocabularySHA256 = try field("vocabulary_sha256")
            vocabularySize = try number("vocabulary_size", as: Int.self)
            tokensDistilled = try number("tokens_distilled", as: Int.self)
            dimensions = try number("dimensions", as: Int.self)
            sifCoefficient = try number("sif_coefficient", as: Double.self)
            explainedVariance = try number("explained_variance", as: Double.self)
            alignmentCorpusSHA256 = try field("alignment_corpus_sha256")
            alignmentTexts = try number("alignment_texts", as: Int.self)
            ridgeLambda = try number("ridge_lambda", as: Double.self)
            guard let dtype = SafeTensors.DType(rawValue: try field("dtype")) else {
                throw AssayError(.input, file: file, field: "dtype", "must be F32 or F16")
            }
            self.dtype = dtype
            assayVersion = try field("assay_version")
        }
    }
}
