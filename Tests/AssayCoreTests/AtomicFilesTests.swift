import Foundation
import Testing

@testable import AssayCore

/// `AtomicFiles`: all-or-nothing writes whose temporaries follow no link (issue 16, items 2 and 5).
@Suite struct AtomicFilesTests {
    @Test func aFileSetIsWrittenWhole() throws {
        try withTemporaryDirectory { directory in
            let a = directory.appendingPathComponent("out/a.json").path
            let b = directory.appendingPathComponent("out/b.md").path
            try AtomicFiles.write([
                OutputFile(path: a, data: Data("A".utf8)), OutputFile(path: b, data: Data("BB".utf8)),
            ])
            #expect(FileManager.default.contents(atPath: a) == Data("A".utf8))
            #expect(FileManager.default.contents(atPath: b) == Data("BB".utf8))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path)
            #expect(left.sorted() == ["a.json", "b.md"], "no temporary file is left")
        }
    }

    @Test func aFileThatCannotBeWrittenLeavesNoneOfTheSetAndNoNewFolder() throws {
        try withTemporaryDirectory { directory in
            let blocker = directory.appendingPathComponent("plain-file")
            try Data("x".utf8).write(to: blocker)
            let good = directory.appendingPathComponent("new/report.json").path
            let bad = blocker.appendingPathComponent("junit.xml").path  // its parent is a file
            #expect(throws: AssayError.self) {
                try AtomicFiles.write([
                    OutputFile(path: good, data: Data("{}".utf8)), OutputFile(path: bad, data: Data()),
                ])
            }
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("new").path))
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left == ["plain-file"])
        }
    }

    @Test func aTemporaryIsNeverOpenedThroughAPlantedLink() throws {
        try withTemporaryDirectory { directory in
            let victim = directory.appendingPathComponent("victim")
            try Data("keep me".utf8).write(to: victim)
            let planted = directory.appendingPathComponent(".report.json.4242.tmp").path
            try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim.path)
            #expect(AtomicFiles.openExclusively(planted) == -1)
            #expect(errno == EEXIST)
            let dangling = directory.appendingPathComponent(".dangling.tmp").path
            try FileManager.default.createSymbolicLink(
                atPath: dangling, withDestinationPath: directory.appendingPathComponent("would-be-created").path)
            #expect(AtomicFiles.openExclusively(dangling) == -1)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("would-be-created").path))
            #expect(FileManager.default.contents(atPath: victim.path) == Data("keep me".utf8))
        }
    }

    @Test func aDestinationThatIsALinkIsReplacedNotFollowed() throws {
        try withTemporaryDirectory { directory in
            let victim = directory.appendingPathComponent("victim")
            try Data("keep me".utf8).write(to: victim)
            let report = directory.appendingPathComponent("report.json").path
            try FileManager.default.createSymbolicLink(atPath: report, withDestinationPath: victim.path)
            try AtomicFiles.write(Data("{}".utf8), to: report)
            #expect(FileManager.default.contents(atPath: victim.path) == Data("keep me".utf8))
            let type = try FileManager.default.attributesOfItem(atPath: report)[.type] as? FileAttributeType
            #expect(type == .typeRegular)
        }
    }

    @Test(arguments: [
        ("report.json", "."), ("o/report.json", "o"), ("/report.json", "/"), ("/a/b/c.md", "/a/b"), ("a//b", "a"),
        ("a/b/", "a"),
    ])
    func theParentFolderOfAPath(path: String, parent: String) {
        #expect(AtomicFiles.parentFolder(of: path) == parent)
    }

    @Test func temporaryNamesCarryThePidAndSixtyFourRandomBits() {
        let names = (0..<64).map { _ in AtomicFiles.temporaryPath(for: "/out/report.json") }
        #expect(Set(names).count == 64)
        let pattern = try? Regex("^/out/\\.report\\.json\\.assay-\(getpid())-[0-9a-f]{16}\\.tmp$")
        #expect(names.allSatisfy { name in pattern.map { name.wholeMatch(of: $0) != nil } ?? false })
    }

    @Test(arguments: [
        (".report.json.assay-123-00112233aabbccdd.tmp", Int32(123)),
        (".junit.xml.assay-77-0123456789abcdef.tmp", Int32(77)),
        (".report.html.4242.tmp", Int32(4242)),
        (".notes.txt.4242.tmp", nil),
        (".report.json.assay-123-xyz.tmp", nil),
        ("report.json", nil),
    ])
    func temporaryNamesAreRecognised(name: String, pid: Int32?) {
        #expect(AtomicFiles.temporaryOwner(name) == pid)
    }

    @Test func theSweepRemovesTemporariesOfDeadProcessesOnly() throws {
        try withTemporaryDirectory { directory in
            let finished = Process()
            finished.executableURL = URL(fileURLWithPath: "/bin/true")
            try finished.run()
            finished.waitUntilExit()
            let dead = finished.processIdentifier
            let names = [
                ".report.json.assay-\(dead)-00112233aabbccdd.tmp",  // a crashed run: removed
                ".summary.md.\(dead).tmp",  // a crashed run of an earlier version: removed
                ".report.json.assay-1-00112233aabbccdd.tmp",  // pid 1 runs: kept
                ".report.json.assay-\(getpid())-00112233aabbccdd.tmp",  // this process: kept
                ".other.\(dead).tmp",  // not Assay's: kept
            ]
            for name in names { try Data().write(to: directory.appendingPathComponent(name)) }
            AtomicFiles.sweep(directory.path)
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(left == names.suffix(3).sorted())
        }
    }
}
