import AssayCore
import AssayReport
import Foundation

/// What to record: a `RunRecord` without the id, which the store assigns.
public struct NewRun: Sendable, Equatable {
    /// ISO-8601 UTC, as the report's `created_at`.
    public var createdAt: String
    /// The command that made the run: "gate", "compare", "generate".
    public var command: String
    public var datasetName: String
    public var originalPath: String?
    public var originalSHA256: String?
    public var syntheticPath: String?
    public var syntheticSHA256: String?
    /// The report's settings object, as JSON text.
    public var settingsJSON: String
    public var toolVersion: String
    public var status: RunStatus

    public init(
        createdAt: String, command: String, datasetName: String, originalPath: String? = nil,
        originalSHA256: String? = nil, syntheticPath: String? = nil, syntheticSHA256: String? = nil,
        settingsJSON: String, toolVersion: String, status: RunStatus
    ) {
        self.createdAt = createdAt
        self.command = command
        self.datasetName = datasetName
        self.originalPath = originalPath
        self.originalSHA256 = originalSHA256
        self.syntheticPath = syntheticPath
        self.syntheticSHA256 = syntheticSHA256
        self.settingsJSON = settingsJSON
        self.toolVersion = toolVersion
        self.status = status
    }
}
