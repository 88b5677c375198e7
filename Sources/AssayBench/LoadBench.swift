import AssayCore
import Foundation

/// Loading chat data: `count` generated conversations (a system turn on every third, a user turn of
/// 20–60 words, an assistant turn of 200–320 words; about 300 words each) written once as JSON Lines
/// and compressed with the gzip and zstd command-line tools, then each file loaded with `--shape chat`
/// in its own process, so that each peak RSS is that file's alone.
///
/// The files are kept in `$TMPDIR/assay-load-bench-N` between runs; throughput is uncompressed bytes
/// per second of the whole load (read, inflate, parse, split into parts).
func loadBench(count: Int) {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-load-bench-\(count)")
    let plain = folder.appendingPathComponent("chat.jsonl")
    let forms = [
        (plain.path, [String]()), (plain.path + ".gz", ["gzip", "-6", "-k", "-f"]),
        (plain.path + ".zst", ["zstd", "-3", "-q", "-f", "-T2"]),
    ]
    if !FileManager.default.fileExists(atPath: plain.path + ".zst") {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let written = seconds { writeChatRows(count: count, to: plain) }
        print(String(format: "wrote %d conversations in %.1f s", count, written))
        for (_, command) in forms where !command.isEmpty {
            let took = seconds { run(command + [plain.path]) }
            print(String(format: "%@: %.1f s", command[0], took))
        }
    }
    let uncompressed = (try? FileManager.default.attributesOfItem(atPath: plain.path)[.size] as? Int) ?? 0
    print("OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")
    print(String(format: "%d conversations, %.0f MB as JSON Lines", count, Double(uncompressed) / 1e6))
    print("| file | size (MB) | load (s) | MB/s of JSON Lines | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|")
    fflush(nil)  // every stream, before the children print their rows
    for (path, _) in forms {
        run([CommandLine.arguments[0], "load-one", path, String(uncompressed)])
    }
}

/// One load of `path` (in a process of its own), printed as a table row.
func loadOneBench(path: String, uncompressedBytes: Int) {
    var rows = 0
    let took = seconds {
        do {
            rows = try DatasetLoader.load(path: path, fields: FieldOptions(shape: .chat)).count
        } catch {
            print("\(path): \(error)")
        }
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    print(
        String(
            format: "| %@ (%d rows) | %.0f | %.1f | %.0f | %.0f |", (path as NSString).lastPathComponent, rows,
            Double(size) / 1e6, took, Double(uncompressedBytes) / 1e6 / took, peakResidentMegabytes()))
}

private func writeChatRows(count: Int, to url: URL) {
    guard FileManager.default.createFile(atPath: url.path, contents: nil),
        let handle = try? FileHandle(forWritingTo: url)
    else {
        print("cannot write \(url.path)")
        return
    }
    defer { try? handle.close() }
    var generator = TextGenerator()
    var buffer = ""
    func words(_ n: Int) -> String { (0..<n).map { _ in generator.word() }.joined(separator: " ") }
    for row in 0..<count {
        let system = row % 3 == 0 ? #"{"role": "system", "content": "You are a helpful assistant."}, "# : ""
        let prompt = words(20 + generator.random.below(41)) + "?"
        let response = words(200 + generator.random.below(121)) + "."
        buffer +=
            #"{"messages": [\#(system){"role": "user", "content": "\#(prompt)"}, {"role": "assistant", "content": "\#(response)"}], "label": "topic\#(row % 8)"}"#
            + "\n"
        if buffer.utf8.count > 8 << 20 {
            handle.write(Data(buffer.utf8))
            buffer = ""
        }
    }
    handle.write(Data(buffer.utf8))
}

private func run(_ command: [String]) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    do {
        try process.run()
        process.waitUntilExit()
    } catch {
        print("could not run \(command.joined(separator: " ")): \(error)")
    }
}
