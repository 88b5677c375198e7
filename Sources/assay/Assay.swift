import ArgumentParser
import AssayCore
import AssayLinalg
import AssayMetrics
import AssayReport
import Foundation

/// `assay`: judges a synthetic text dataset against the original it imitates.
@main
struct Assay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay",
        abstract: "Judge synthetic training data against the real data it imitates.",
        discussion: "Exit codes: 0 ok, 1 gate failed, 2 usage or policy error, 3 input or runtime error.",
        version: Assessment.toolVersion,
        subcommands: [
            Compare.self, Clean.self, Analyze.self, Gate.self, Generate.self, History.self, Diff.self, Metrics.self,
            Model.self, Shard.self, Merge.self, ReportCommand.self,
        ]
    )

    /// Runs the command and maps every error to the documented exit code: a one-line message for
    /// input and runtime errors (3), ArgumentParser's message for usage errors (2).
    static func main() async {
        BLASInfo.reloadWithBetterCoreIfNeeded()
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as AssayError {
            Console.error("assay: \(error.description)")
            Foundation.exit(error.exitCode)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            Console.error(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}
