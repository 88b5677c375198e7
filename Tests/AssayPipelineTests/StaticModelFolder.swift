import AssayEmbed
import AssayTestSupport
import Foundation

/// Runs `body` with a model folder of links to the test model, with a static table of its first 3,072 ids in
/// place (enough for short English texts, and distilled in a second or two), and a store beside it; the folder is
/// removed afterwards.
func withStaticModelFolder<T>(_ body: (_ folder: String, _ store: String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-static-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for file in ["vocab.txt", "model.safetensors"] {
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(file).path,
            withDestinationPath: (TestPaths.modelDirectory as NSString).appendingPathComponent(file))
    }
    var options = StaticDistiller.Options(assayVersion: "test")
    options.vocabularyLimit = 3072
    options.alignmentLimit = 200
    let table = try StaticDistiller.distill(modelDirectory: folder.path, options: options)
    try table.write(to: StaticTable.defaultPath(modelDirectory: folder.path))
    return try body(folder.path, folder.appendingPathComponent("store.sqlite").path)
}
