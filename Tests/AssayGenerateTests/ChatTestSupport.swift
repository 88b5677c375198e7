@testable import AssayGenerate

/// The `ChatError` a request ends with, or nil when it succeeds; any other error is reported as a
/// connection error naming it, so that a test's expectation on the error fails visibly.
func chatFailure(_ body: () async throws -> ChatCompletion) async -> ChatError? {
    do {
        _ = try await body()
        return nil
    } catch let error as ChatError {
        return error
    } catch {
        return .connection("unexpected \(error)")
    }
}
