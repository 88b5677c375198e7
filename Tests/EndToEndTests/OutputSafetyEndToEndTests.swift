import AssayTestSupport
import Foundation
import Testing

/// Issue 16: a gate records a run only once all of its outputs are written; a failed run leaves no
/// file, temporary or store behind; nothing from the data reaches a terminal raw.
@Suite struct OutputSafetyEndToEndTests {
    static let policyText = "rules:\n  - metric: duplicates.exact_rate\n    max: 0.5\n"

    static func gateArguments(_ policy: String, synthetic: String, store: String, out: String) -> [String] {
        [
            "gate", "--policy", policy, "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
            synthetic, "--embedder", "none", "--store", store, "--out", out, "--quiet",
        ]
    }

    /// The runs `assay history` lists for `store` ("#2", "#1", …), newest first.
    static func runs(in store: String, sandbox: URL) throws -> [String] {
        let history = try AssayCLI.run(["history", "--store", store], in: sandbox)
        #expect(history.exitCode == 0, "\(history.stderr)")
        return history.stdout.split(separator: "\n").filter { $0.hasPrefix("#") }.map { String($0.prefix(2)) }
    }

    /// Runs `body` with a 16 KiB tmpfs mounted in `sandbox`: a disk that fills at the first report. Needs
    /// root (CI runs as root); elsewhere the check is skipped, under CI=true it fails.
    static func withFullDisk(in sandbox: URL, _ body: (URL) throws -> Void) throws {
        let disk = sandbox.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: true)
        let mount = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=16k", "tmpfs", disk.path], in: sandbox,
            timeout: 30)
        guard mount.exitCode == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("cannot mount a tmpfs for the full-disk test (needs root): \(mount.stderr)")
            }
            return
        }
        defer { _ = try? ChildProcess.run(URL(fileURLWithPath: "/bin/umount"), [disk.path], in: sandbox, timeout: 30) }
        try body(disk)
    }

    @Test func aGateWhoseJUnitCannotBeWrittenRecordsNoRunAndWritesNoReport() throws {
        try withSandbox { sandbox in
            let synthetic = AssayCLI.fixture("reviews_original.jsonl")
            let policy = try GateEndToEndTests.writePolicy(Self.policyText, in: sandbox)
            let store = sandbox.appendingPathComponent("store.sqlite").path
            let blocker = sandbox.appendingPathComponent("plain-file")
            try Data("x".utf8).write(to: blocker)
            let junit = blocker.appendingPathComponent("junit.xml").path
            let out = sandbox.appendingPathComponent("out")
            let result = try AssayCLI.run(
                Self.gateArguments(policy, synthetic: synthetic, store: store, out: out.path) + ["--junit", junit],
                in: sandbox, timeout: 180)
            #expect(result.exitCode == 3, "\(result.stderr)")
            #expect(result.stderr.contains("plain-file"), "\(result.stderr)")
            #expect(try Self.runs(in: store, sandbox: sandbox) == [], "a run whose JUnit was not written is not kept")
            #expect(AssayCLI.isAbsentOrEmpty(out), "no report either")
            // With --baseline last, a later gate finds no passing run to trust.
            let later = try AssayCLI.run(
                Self.gateArguments(policy, synthetic: synthetic, store: store, out: out.path) + ["--baseline", "last"],
                in: sandbox, timeout: 180)
            #expect(later.exitCode == 0, "\(later.stderr)")
            #expect(try Self.runs(in: store, sandbox: sandbox) == ["#1"])
        }
    }

    @Test func aGateOnAFullDiskRecordsNoRunAndLeavesNothing() throws {
        try withSandbox { sandbox in
            let policy = try GateEndToEndTests.writePolicy(Self.policyText, in: sandbox)
            let store = sandbox.appendingPathComponent("store.sqlite").path
            try Self.withFullDisk(in: sandbox) { disk in
                let result = try AssayCLI.run(
                    Self.gateArguments(
                        policy, synthetic: AssayCLI.fixture("reviews_original.jsonl"), store: store,
                        out: disk.appendingPathComponent("out").path), in: sandbox, timeout: 180)
                #expect(result.exitCode == 3, "\(result.stderr)")
                #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
                #expect(try Self.runs(in: store, sandbox: sandbox) == [])
                #expect(
                    try FileManager.default.contentsOfDirectory(atPath: disk.path) == [], "nothing left on the disk")
            }
        }
    }

    @Test func aCompareOnAFullDiskLeavesNothing() throws {
        try withSandbox { sandbox in
            try Self.withFullDisk(in: sandbox) { disk in
                let result = try AssayCLI.run(
                    [
                        "compare", "--original", AssayCLI.fixture("reviews_original.jsonl"), "--synthetic",
                        AssayCLI.fixture("reviews_synthetic.jsonl"), "--embedder", "none", "--out",
                        disk.appendingPathComponent("report").path, "--quiet",
                    ], in: sandbox, timeout: 180)
                #expect(result.exitCode == 3, "\(result.stderr)")
                #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: disk.path) == [], "not even report.html")
            }
        }
    }

    @Test func aGateKilledBetweenTwoRenamesRecordsNoRunAndTheNextGateSweepsItsTemporaries() throws {
        try withSandbox { sandbox in
            let policy = try GateEndToEndTests.writePolicy(Self.policyText, in: sandbox)
            let store = sandbox.appendingPathComponent("store.sqlite").path
            let out = sandbox.appendingPathComponent("out")
            let junit = out.appendingPathComponent("junit.xml").path
            let arguments =
                Self.gateArguments(
                    policy, synthetic: AssayCLI.fixture("reviews_original.jsonl"), store: store, out: out.path)
                + ["--junit", junit]
            let paused = try AssayCLI.killAtPause(arguments, hook: "ASSAY_TEST_PAUSE_IN_RENAME", in: sandbox)
            #expect(paused, "the gate never reached its first rename")

            #expect(
                try Self.runs(in: store, sandbox: sandbox) == [],
                "a run killed before its outputs are all in place is not kept")
            let killed = try FileManager.default.contentsOfDirectory(atPath: out.path)
            #expect(
                killed.filter { $0.hasSuffix(".tmp") }.count == 3, "three of four files still temporaries: \(killed)")

            let again = try AssayCLI.run(arguments, in: sandbox, timeout: 180)
            #expect(again.exitCode == 0, "\(again.stderr)")
            let after = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(after == ["junit.xml", "report.html", "report.json", "summary.md"], "stale temporaries swept")
            #expect(try Self.runs(in: store, sandbox: sandbox) == ["#1"])
        }
    }

    // The output folder is removed after the first of four renames: the other three fail, so the gate
    // exits 3 and keeps no run.
    @Test func aGateWhoseOutputFolderIsRemovedMidWriteRecordsNoRun() throws {
        try withSandbox { sandbox in
            let policy = try GateEndToEndTests.writePolicy(Self.policyText, in: sandbox)
            let store = sandbox.appendingPathComponent("store.sqlite").path
            let out = sandbox.appendingPathComponent("out")
            let arguments =
                Self.gateArguments(
                    policy, synthetic: AssayCLI.fixture("reviews_original.jsonl"), store: store, out: out.path)
                + ["--junit", out.appendingPathComponent("junit.xml").path]
            let result = try AssayCLI.resumeAfterPause(arguments, hook: "ASSAY_TEST_PAUSE_IN_RENAME", in: sandbox) {
                try FileManager.default.removeItem(at: out)
            }
            #expect(result.paused, "the gate never reached its first rename")
            #expect(result.exitCode == 3, "\(result.stderr)")
            #expect(result.stderr.contains(out.path), "the error names the file it could not write: \(result.stderr)")
            #expect(
                try Self.runs(in: store, sandbox: sandbox) == [],
                "a gate whose outputs are not all in place is not kept")
        }
    }

    @Test func aGateRejectedForBadInputOrAMissingBaselineCreatesNoStore() throws {
        try withSandbox { sandbox in
            let policy = try GateEndToEndTests.writePolicy(Self.policyText, in: sandbox)
            let store = sandbox.appendingPathComponent("new/store.sqlite").path
            let missing = try AssayCLI.run(
                Self.gateArguments(
                    policy, synthetic: sandbox.appendingPathComponent("missing.jsonl").path, store: store,
                    out: sandbox.appendingPathComponent("out").path), in: sandbox)
            #expect(missing.exitCode == 3)
            #expect(missing.stderr.contains("missing.jsonl: no such file"), "\(missing.stderr)")
            let baseline = try AssayCLI.run(
                Self.gateArguments(
                    policy, synthetic: AssayCLI.fixture("reviews_original.jsonl"), store: store,
                    out: sandbox.appendingPathComponent("out").path) + ["--baseline", "9999"], in: sandbox)
            #expect(baseline.exitCode == 2)
            #expect(baseline.stderr.contains("--baseline: no run 9999"), "\(baseline.stderr)")
            #expect(!FileManager.default.fileExists(atPath: store), "no store was created")
            #expect(!FileManager.default.fileExists(atPath: sandbox.appendingPathComponent("new").path))
            #expect(AssayCLI.isAbsentOrEmpty(sandbox.appendingPathComponent("out")))
        }
    }

    /// A label holding an OSC title sequence, a screen clear and a NUL; a dataset name with a cursor move.
    @Test func labelsAndDatasetNamesReachTheTerminalEscaped() throws {
        try withSandbox { sandbox in
            let rows = try JSONLRows.read(AssayCLI.fixture("reviews_original.jsonl")).prefix(120).map { row in
                var row = row
                if (row["label"] as? String) == "negative" { row["label"] = "neg\u{1B}]0;pwned\u{07}\u{1B}[2J\u{0}" }
                return row
            }
            let data = sandbox.appendingPathComponent("hostile.jsonl")
            try JSONLRows.write(Array(rows), to: data)
            let policy = try GateEndToEndTests.writePolicy(
                "rules:\n  - metric: diversity.distinct_1\n    scope: each_class\n    min: 2\n    severity: warn\n",
                in: sandbox)
            let store = sandbox.appendingPathComponent("store.sqlite").path
            let gate = try AssayCLI.run(
                [
                    "gate", "--policy", policy, "--original", data.path, "--synthetic", data.path, "--embedder", "none",
                    "--store", store, "--out", "out", "--dataset-name", "name\u{1B}[1;1H",
                ], in: sandbox, timeout: 180)
            #expect(gate.exitCode == 0, "\(gate.stderr)")
            #expect(
                AssayCLI.reportFiles(in: sandbox.appendingPathComponent("out")).count == 3, "a relative --out works")
            #expect(gate.stdout.contains("neg\\u{1B}]0;pwned\\u{7}\\u{1B}[2J\\u{0}"), "\(gate.stdout)")
            let history = try AssayCLI.run(["history", "--store", store], in: sandbox)
            #expect(history.stdout.contains("name\\u{1B}[1;1H"), "\(history.stdout)")
            for output in [gate.stdout, gate.stderr, history.stdout, history.stderr] {
                #expect(!output.utf8.contains(0x1B) && !output.utf8.contains(0x07) && !output.utf8.contains(0))
            }
        }
    }
}
