import Foundation
import InputFiles
import Testing

/// Only regular files are read, and opening never blocks (issue 14).
struct RegularFileTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func error(_ path: String) -> InputFileError? {
        do {
            _ = try RegularFile.contents(of: path)
            return nil
        } catch {
            return error
        }
    }

    /// Opening a FIFO for reading blocks until a writer comes: refused before it is opened.
    @Test func specialFilesAreRefused() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(Self.error(fifo) == .notRegularFile(.fifo))
        #expect(Self.error("/dev/zero") == .notRegularFile(.characterDevice))
        #expect(Self.error(directory.path) == .notRegularFile(.directory))
        #expect(Self.error(directory.appendingPathComponent("missing").path) == .notFound)
        #expect(
            Self.error(fifo)?.description
                == "it is a FIFO (named pipe), not a regular file; edgeplan reads only regular files (copy the data into one)"
        )
        #expect(Self.error(directory.path)?.description == "it is a directory, not a file")
    }

    @Test func aLinkToARegularFileIsRead() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file")
        try Data("hello".utf8).write(to: file)
        let link = directory.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        #expect(try RegularFile.contents(of: link.path) == Data("hello".utf8))
    }

    @Test func theLimitIsCheckedWhileReading() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("file").path
        try Data(repeating: 7, count: 3 << 20).write(to: URL(fileURLWithPath: file))
        #expect(try RegularFile.contents(of: file, maximumBytes: 3 << 20).count == 3 << 20)
        #expect(throws: InputFileError.tooLarge(limitBytes: (3 << 20) - 1)) {
            try RegularFile.contents(of: file, maximumBytes: (3 << 20) - 1)
        }
        // The largest limit does not overflow.
        #expect(try RegularFile.contents(of: file, maximumBytes: .max).count == 3 << 20)
        let reader = try RegularFile(path: file)
        #expect(try reader.read(upToCount: 10).count == 10)
    }

    @Test func confinementFollowsLinksAndDotDot() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = directory.appendingPathComponent("root")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("out"), withDestinationURL: directory)
        let confined = try #require(ConfinedDirectory(path: root.path))
        func inside(_ path: String) -> Bool {
            confined.contains(canonical: ConfinedDirectory.destination(of: root.path + "/" + path))
        }
        #expect(inside("sub/../a.csv"))
        #expect(inside("sub/missing/b.csv"))
        #expect(!inside("../a.csv"))
        #expect(!inside("sub/../../a.csv"))
        #expect(!inside("out/a.csv"))
        #expect(!inside("out/root-sibling/x"))
        // A sibling whose name starts with the root's is not inside it.
        #expect(!confined.contains(canonical: confined.canonicalPath + "-other/a.csv"))
        #expect(ConfinedDirectory(path: root.appendingPathComponent("missing").path) == nil)
    }

    @Test func jsonProblemsAreLocated() {
        func problem(_ text: String) -> JSONDecodeProblem? {
            let data = Data(text.utf8)
            do {
                _ = try JSONDecoder().decode(JSONShape.self, from: data)
                return nil
            } catch {
                return JSONDecodeProblem.describe(error, in: data)
            }
        }
        #expect(
            problem("{\"name\": \"a\",\n \"items\": [1, \"two\"]}")
                == JSONDecodeProblem(
                    line: 2, column: 15, documentPath: "$.items[1]", message: "expected a number, found a string"))
        #expect(
            problem("{\"items\": []}")
                == JSONDecodeProblem(line: 1, column: 1, documentPath: "$", message: "missing \"name\""))
        #expect(
            problem("") == JSONDecodeProblem(line: nil, column: nil, documentPath: nil, message: "the file is empty"))
        #expect(problem("{\"name\": \"é\", x}")?.rendered(path: "f.json") == "f.json:1:15: error: not valid JSON")
    }
}

/// A small document shape for the decoding problems above.
private struct JSONShape: Decodable {
    let name: String
    let items: [Int]
}
