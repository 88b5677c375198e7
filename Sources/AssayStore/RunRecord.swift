import AssayCore
import AssayReport
import Foundation

/// A run as recorded.
public struct RunRecord: Sendable, Equatable {
    /// The statuses of a run that may serve as a baseline (`--baseline last`).
    public static let acceptedStatuses = RunStatus.allCases.filter(\.isAccepted)

    /// Assigned by the store, counting up and never reused; shown to users as the run id.
    public var id: Int64
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
        id: Int64, createdAt: String, command: String, datasetName: String, originalPath: String? = nil,
        originalSHA256: String? = nil, syntheticPath: String? = nil, syntheticSHA256: String? = nil,
        settingsJSON: String, toolVersion: String, status: RunStatus
    ) {
        self.id = id
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

    /// The record of `run` stored under `id`.
    public init(id: Int64, _ run: NewRun) {
        self.init(
            id: id, createdAt: run.createdAt, command: run.command, datasetName: run.datasetName,
            originalPath: run.originalPath, originalSHA256: run.originalSHA256, syntheticPath: run.syntheticPath,
            syntheticSHA256: run.syntheticSHA256, settingsJSON: run.settingsJSON, toolVersion: run.toolVersion,
            status: run.status)
    }
}
