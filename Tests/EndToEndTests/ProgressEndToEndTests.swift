import AssayTestSupport
import Foundation
import Testing

/// Progress of the long steps: a line rewritten in place on a terminal's stderr, one plain line per step
/// when it ends when stderr is a file (as in CI), nothing when the run is `--quiet`.
@Suite struct ProgressEndToEndTests {
    /// A step's line off a terminal: `assay: NAME: ROWS rows in SECONDS s`.
    static var stageLine: Regex<(Substring, Substring, Substring)> {
        /assay: ([^\r\n]+): ([0-9,]+) rows? in [0-9]+\.[0-9] s/
    }

    /// The names and row counts of the stage lines of `stderr`, which must hold nothing else.
    static func stages(_ stderr: String) -> [(name: String, rows: Int)] {
        stderr.split(separator: "\n").map { line in
            guard let match = line.wholeMatch(of: stageLine) else {
                Issue.record("not a stage line: \(line)")
                return ("", -1)
            }
            return (String(match.output.1), Int(match.output.2.filter(\.isNumber)) ?? -1)
        }
    }

    /// util-linux `script`, which runs a command on a pseudo-terminal.
    static let script = "/usr/bin/script"
    static var scriptIsPresent: Bool { FileManager.default.isExecutableFile(atPath: script) }

    /// A progress line as the terminal reporter draws it: a carriage return, a step name, done/total,
    /// the share done and the time taken.
    static var progressLine: Regex<Substring> { /\r[a-zA-Z][^\r\n]*  [0-9,]+\/[0-9,]+  [0-9]+%  [0-9]/ }

    /// Arguments that compare the fixtures with MiniLM in `sandbox` (a fresh store, so that the texts are
    /// embedded: about a second, long enough for a terminal to show the step).
    static func compareFixtures(in sandbox: URL) -> [String] {
        [
            "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
            AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "minilm", "--model-dir",
            TestPaths.modelDirectory, "--store", sandbox.appendingPathComponent("store.sqlite").path, "--out",
            sandbox.appendingPathComponent("out").path,
        ]
    }

    // stderr is a file, not a terminal: no line rewritten in place, no escape sequence, no estimate — one
    // plain line for each step when it ends, embedding among them: the fixtures' 314 distinct texts.
    @Test(.requiresModel)
    func stderrThatIsAFileGetsOnePlainLinePerStep() throws {
        try withSandbox { sandbox in
            let result = try AssayCLI.run(Self.compareFixtures(in: sandbox), in: sandbox)
            #expect(result.exitCode == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("wrote "))
            #expect(!result.stderr.contains("\r"))
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(!result.stderr.contains("ETA"))
            let stages = Self.stages(result.stderr)
            #expect(stages.filter { $0.name == "embedding (word pieces)" }.count == 1, "\(result.stderr)")
            #expect(stages.first { $0.name == "embedding (word pieces)" }?.rows == 314, "\(result.stderr)")
        }
    }

    // A gate in CI (stderr a file) with hashing embeddings: one line per stage, each once, naming the rows
    // it worked on — the 160 original and 120 synthetic rows — and `-q` silences them all.
    @Test func aGateOffATerminalPrintsOneLinePerStageUnlessQuiet() throws {
        try withSandbox { sandbox in
            let rows = try JSONLRows.read(AssayCLI.fixture("reviews_original.jsonl"))
            let synthetic = sandbox.appendingPathComponent("synthetic.jsonl")
            try JSONLRows.write(Array(rows.prefix(120)), to: synthetic)
            let policy = sandbox.appendingPathComponent("policy.yml")
            try "rules:\n  - metric: duplicates.exact_rate\n    max: 0.5\n".write(
                to: policy, atomically: true, encoding: .utf8)
            func gate(_ extra: [String]) throws -> RunResult {
                try AssayCLI.run(
                    [
                        "gate", "--policy", policy.path, "--original", AssayCLI.fixture("reviews_original.jsonl"),
                        "--synthetic", synthetic.path, "--embedder", "hashing", "--store",
                        sandbox.appendingPathComponent("store.sqlite").path, "--out",
                        sandbox.appendingPathComponent("out").path,
                    ] + extra, in: sandbox, timeout: 180)
            }
            let loud = try gate([])
            #expect(loud.exitCode == 0, "stderr: \(loud.stderr)")
            let stages = Self.stages(loud.stderr)
            // MAUVE's k-means runs on 120 rows a side overall, and per class on each class's rows.
            let expected = [
                "lexical subsamples original": 160, "neighbours original": 160, "neighbours synthetic": 120,
                "neighbours synthetic in original": 120, "cross-validation original": 160,
                "cross-validation synthetic": 120, "MAUVE k-means": 240,
            ]
            #expect(Set(stages.map(\.name)).count == stages.count, "one line per stage: \(loud.stderr)")
            for (name, count) in expected {
                #expect(stages.first { $0.name == name }?.rows == count, "\(name): \(loud.stderr)")
            }
            let classes = stages.filter { $0.name.hasPrefix("MAUVE k-means, class ") }
            #expect(classes.map(\.name).sorted() == ["MAUVE k-means, class negative", "MAUVE k-means, class positive"])
            #expect(stages.count == expected.count + classes.count, "\(loud.stderr)")

            let quiet = try gate(["-q"])
            #expect(quiet.exitCode == 0)
            #expect(quiet.stderr.isEmpty, "stderr: \(quiet.stderr)")
            #expect(quiet.stdout.isEmpty)
        }
    }

    // On a pseudo-terminal the embedding step draws its line and erases it before the summary; with
    // --quiet nothing at all is written. The dataset is the fixtures four times over (640 distinct texts),
    // so that embedding takes well over the half second before a step first draws.
    @Test(.requiresModel, .requires("util-linux script at \(script) (bsdutils)") { scriptIsPresent })
    func aTerminalShowsProgressUnlessQuiet() throws {
        try withSandbox { sandbox in
            let rows = try JSONLRows.read(AssayCLI.fixture("reviews_original.jsonl"))
            let data = sandbox.appendingPathComponent("reviews.jsonl")
            try JSONLRows.write(
                (1...4).flatMap { copy in
                    rows.map { row in
                        var row = row
                        row["text"] = "\(row["text"] ?? "") (copy \(copy))"
                        return row
                    }
                }, to: data)
            // A fresh store for each run, so that each embeds every text.
            func arguments(_ run: String) -> [String] {
                [
                    "analyze", data.path, "--embedder", "minilm", "--model-dir", TestPaths.modelDirectory, "--store",
                    sandbox.appendingPathComponent("\(run).sqlite").path, "--out",
                    sandbox.appendingPathComponent(run).path,
                ]
            }

            let shown = try Self.runOnTerminal(arguments("shown"), in: sandbox)
            #expect(shown.exitCode == 0, "output: \(shown.output)")
            let lines = shown.output.matches(of: Self.progressLine).map { String($0.output) }
            // The encoder counts word pieces: at least three a text ([CLS], a word, [SEP]), 640 texts.
            let embedding = lines.filter { $0.hasPrefix("\rembedding (word pieces)  ") }
            #expect(!embedding.isEmpty, "output: \(shown.output)")
            for line in embedding {
                let counts = try #require(line.firstMatch(of: #/  ([0-9,]+)/([0-9,]+)  /#))
                let total = try #require(Int(counts.output.2.filter(\.isNumber)))
                #expect(total >= 3 * 640, "\(line)")
            }
            // Every drawn line is erased before the summary that follows on stdout.
            let summary = try #require(shown.output.range(of: "wrote "))
            let lastErase = try #require(shown.output.range(of: "\r\u{1B}[K", options: .backwards))
            #expect(lastErase.upperBound <= summary.lowerBound)

            let quiet = try Self.runOnTerminal(arguments("quiet") + ["--quiet"], in: sandbox)
            #expect(quiet.exitCode == 0, "output: \(quiet.output)")
            #expect(quiet.output.isEmpty, "output: \(quiet.output)")
        }
    }

    /// Runs `assay arguments` in `directory` on a pseudo-terminal (`script -qec`), stdout and stderr both
    /// on the terminal, and returns what the terminal received.
    static func runOnTerminal(_ arguments: [String], in directory: URL) throws -> (exitCode: Int32, output: String) {
        let binary = try #require(AssayCLI.binary, "no assay binary found; build it (swift build) or set ASSAY_BIN")
        let command = ([binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ")
        let transcript = directory.appendingPathComponent(".terminal-\(UUID().uuidString)")
        try #require(FileManager.default.createFile(atPath: transcript.path, contents: nil))
        defer { try? FileManager.default.removeItem(at: transcript) }
        let handle = try FileHandle(forWritingTo: transcript)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + AssayCLI.timeout) == .timedOut {
            process.terminate()
            Issue.record(
                "assay \(arguments.joined(separator: " ")) on a terminal ran longer than \(Int(AssayCLI.timeout)) s")
        }
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: transcript), as: UTF8.self))
    }
}
