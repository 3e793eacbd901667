import Foundation
import Testing

/// Inputs that used to hang, crash or print too much (issue 14): special files instead of regular
/// ones, traces outside `--trace-root`, and the one plan reader. Each command runs as a process
/// with a deadline, so a regression shows as a failure rather than a test run that never ends.
@Suite(.serialized)
struct InputSafetyTests {
    /// What a bounded run printed; `timedOut` when it had to be killed.
    /// Runs `edgeplan` from the package root and kills it after `seconds`.
    static func run(_ arguments: [String], seconds: Double = 30) throws -> EdgePlanRunner.BoundedOutput {
        try EdgePlanRunner.run(arguments, deadline: seconds)
    }

    /// A scratch directory with a FIFO `pipe` and a copy of the sumo-grid problem whose trace entry
    /// is `traceEntry`.
    struct Scratch {
        let directory: URL
        var fifo: String { directory.appendingPathComponent("pipe").path }
        var problem: String { directory.appendingPathComponent("problem").path }

        init(traceEntry: String = "{file: grid.fcd.xml, format: sumo-fcd, app: simple}") throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "edgeplan-inputs-\(UUID().uuidString)")
            let problemDirectory = directory.appendingPathComponent("problem")
            try FileManager.default.createDirectory(at: problemDirectory, withIntermediateDirectories: true)
            guard mkfifo(directory.appendingPathComponent("pipe").path, 0o600) == 0 else {
                throw CocoaError(.fileWriteUnknown)
            }
            let example = EdgePlanRunner.packageRoot.appendingPathComponent("Examples/sumo-grid")
            try FileManager.default.copyItem(
                at: example.appendingPathComponent("grid.fcd.xml"),
                to: problemDirectory.appendingPathComponent("grid.fcd.xml"))
            let text = try String(contentsOf: example.appendingPathComponent("problem.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "  - {file: grid.fcd.xml, format: sumo-fcd, app: simple}", with: "  - \(traceEntry)")
            try text.write(
                to: problemDirectory.appendingPathComponent("problem.yaml"), atomically: true, encoding: .utf8)
        }

        func remove() { try? FileManager.default.removeItem(at: directory) }

        func write(_ text: String, to name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
    }

    // MARK: - Special files are refused, never waited on

    /// `file: /dev/zero` spun at 100 % CPU for ever; a FIFO blocked for ever. Both are now refused
    /// at the trace entry, before anything is opened.
    @Test(arguments: ["/dev/zero", "FIFO"])
    func specialTraceFilesAreRefusedAtTheEntry(_ file: String) throws {
        let probe = try Scratch()
        defer { probe.remove() }
        let path = file == "FIFO" ? probe.fifo : file
        let scratch = try Scratch(traceEntry: "{file: \(path), format: sumo-fcd, app: simple}")
        defer { scratch.remove() }
        let output = try Self.run(["check", scratch.problem, "Models/ngo2020.yaml"])
        #expect(!output.timedOut, "edgeplan hung on a trace that is \(file)")
        #expect(output.status == 1)
        let kind = file == "FIFO" ? "a FIFO (named pipe)" : "a character device"
        #expect(
            output.stderr.hasPrefix(
                "\(scratch.problem)/problem.yaml:62:12: error: trace file \"\(path)\" is \(kind), not a regular file; traces must be regular files [trace-not-a-file]\n"
            ), "\(output.stderr)")
    }

    @Test func aTraceThatIsAFolderSaysSo() throws {
        let scratch = try Scratch(traceEntry: "{file: ., format: csv, app: simple}")
        defer { scratch.remove() }
        let output = try Self.run(["check", scratch.problem, "Models/ngo2020.yaml"])
        #expect(output.status == 1)
        #expect(
            output.stderr.contains("error: trace file \".\" is a directory, not a regular file"), "\(output.stderr)")
        #expect(!output.stderr.contains("NSCocoaErrorDomain"))
    }

    /// A YAML input, a --variant file, a plan, a what-if file, a shard, a journal (read or written)
    /// and an AdvantEDGE scenario that are FIFOs or devices: each refused at once, with the same words.
    @Test func everyInputPathRefusesFIFOsAndDevices() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let plan = scratch.directory.appendingPathComponent("plan.json").path
        let compiled = try Self.run(["compile", scratch.problem, "Models/ngo2020.yaml", "-o", plan])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        // The plan names the trace it was made from (`sha256sum Examples/sumo-grid/grid.fcd.xml`).
        #expect(
            try String(contentsOfFile: plan, encoding: .utf8).contains(
                "\"path\": \"\(scratch.problem)/grid.fcd.xml\",\n      \"sha256\": \"52616b88d704ebe67a0d2517f7c0c00d0ef161e4e1933501d6389bed8158262b\""
            ))
        let fifo = scratch.fifo
        let fifoWords = "it is a FIFO (named pipe), not a regular file; edgeplan reads only regular files"
        let deviceWords = "it is a character device, not a regular file; edgeplan reads only regular files"
        let cases: [(arguments: [String], expected: String)] = [
            (["check", fifo], "edgeplan: error: cannot read \(fifo): \(fifoWords)"),
            (["check", "/dev/zero"], "edgeplan: error: cannot read /dev/zero: \(deviceWords)"),
            (
                ["whatif", scratch.problem, "Models/ngo2020.yaml", "--variant", fifo],
                "edgeplan: error: cannot read \(fifo): \(fifoWords)"
            ),
            (["timeline", fifo], "\(fifo): error: cannot read the plan: \(fifoWords)"),
            (["timeline", "/dev/zero"], "/dev/zero: error: cannot read the plan: \(deviceWords)"),
            (
                ["simulate", scratch.problem, "Models/ngo2020.yaml", "--plan", fifo],
                "\(fifo): error: cannot read the plan: \(fifoWords)"
            ),
            (
                ["report", scratch.problem, "Models/ngo2020.yaml", "--plan", plan, "--whatif", fifo, "-o", "-"],
                "\(fifo): error: cannot read the what-if file: \(fifoWords)"
            ),
            (["whatif", "merge", fifo], "\(fifo): error: cannot read it: \(fifoWords)"),
            (
                ["execute", plan, "--resume", fifo, "--dry-run"],
                "\(fifo): error: cannot read the journal: \(fifoWords)"
            ),
            // Written, not read, but read back by --resume: opening a FIFO for writing blocked too.
            (
                ["execute", plan, "--journal", fifo, "--speed", "1000000"],
                "edgeplan: error: cannot open journal \(fifo): it is a FIFO (named pipe), not a regular file; a journal must be one"
            ),
            (
                ["import", "advantedge", fifo, "-o", scratch.directory.appendingPathComponent("out").path],
                "\(fifo): error: cannot read the scenario: \(fifoWords)"
            ),
        ]
        for (arguments, expected) in cases {
            let output = try Self.run(arguments, seconds: 20)
            #expect(!output.timedOut, "\(arguments) hung")
            #expect(output.status == 1, "\(arguments): \(output.stderr)")
            #expect(output.stderr.contains(expected), "\(arguments): \(output.stderr)")
        }
    }

    // MARK: - One plan reader

    /// timeline said exit 64 and "NSCocoaErrorDomain error 256" for a folder, simulate 1; a bad
    /// plan printed a raw DecodingError. Every command now prints the same located sentence and
    /// exits with 1.
    @Test func everyPlanReaderSaysTheSameThingWithTheSameStatus() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let folder = scratch.directory.path
        let bad = try scratch.write(
            "{\n  \"schemaVersion\": \"1\",\n  \"generator\": {\"name\": \"x\", \"version\": 3}\n}\n", to: "bad.json")
        let expectations = [
            (folder, "\(folder): error: cannot read the plan: it is a directory, not a file\n"),
            (bad, "\(bad):3:41: error: not an edgeplan plan: $.generator.version: expected a string, found a number\n"),
        ]
        for (plan, expected) in expectations {
            let commands: [[String]] = [
                ["timeline", plan],
                ["simulate", scratch.problem, "Models/ngo2020.yaml", "--plan", plan],
                ["report", scratch.problem, "Models/ngo2020.yaml", "--plan", plan, "-o", "-"],
                ["execute", plan, "--dry-run"],
                ["export", "advantedge-replay", plan, "-o", "-"],
            ]
            for command in commands {
                let output = try Self.run(command)
                #expect(output.status == 1, "\(command)")
                // The inputs' own warnings may come first; the plan's error is the last line.
                #expect(output.stderr.hasSuffix(expected), "\(command): \(output.stderr)")
                #expect(!output.stderr.contains("DecodingError") && !output.stderr.contains("NSCocoaErrorDomain"))
            }
        }
    }

    /// A plan's numbers are bounded like the inputs': `at: 1e300` was listed by timeline as a
    /// 300-digit time, a negative duration or byte count was accepted, a fraction or 1e300 in
    /// `bytes` was "not valid JSON" with no place, and a name's terminal escape reached the terminal.
    /// Each is now named where it is, by every reader.
    @Test func planNumbersOutOfRangeAreLocated() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let plan = scratch.directory.appendingPathComponent("plan.json").path
        let compiled = try Self.run(["compile", "Examples/capacity-tradeoff", "-o", plan])
        #expect(compiled.status == 0, "\(compiled.stderr)")
        let original = try String(contentsOfFile: plan, encoding: .utf8)
        // The first timeline entry: a 100 MB pre-migration at 0 s lasting 9 s.
        let timeline = try #require(original.range(of: "\"timeline\": ["))
        func changed(_ field: String, _ old: String, _ new: String) throws -> String {
            let range = try #require(
                original.range(of: "\"\(field)\": \(old)", range: timeline.upperBound..<original.endIndex))
            return original.replacingCharacters(in: range, with: "\"\(field)\": \(new)")
        }
        let cases = [
            (try changed("at", "0", "1e300"), "$.timeline[0].at: expected seconds from -1e12 to 1e12, found 1e+300"),
            (try changed("duration", "9", "-1"), "$.timeline[0].duration: expected seconds from 0 to 1e12, found -1.0"),
            (
                try changed("bytes", "100000000", "1e300"),
                "$.timeline[0].bytes: expected a whole number of bytes from 0 to 9223372036854775807, found 1e+300"
            ),
            (
                try changed("bytes", "100000000", "1.5"),
                "$.timeline[0].bytes: expected a whole number of bytes from 0 to 9223372036854775807, found 1.5"
            ),
            // A terminal escape in a name was printed as it is by timeline and execute.
            (
                try changed("source", "\"e1\"", "\"e1\\u001b[2J\""),
                "$.timeline[0].source: expected text without control characters, found U+001B"
            ),
        ]
        for (text, expected) in cases {
            let bad = try scratch.write(text, to: "bad.json")
            for command in [["timeline", bad], ["execute", bad, "--dry-run"], ["export", "advantedge-replay", bad, "-o", "-"]] {
                let output = try Self.run(command)
                #expect(output.status == 1, "\(command): \(output.stderr)")
                #expect(output.stderr.contains(expected), "\(command): \(output.stderr)")
                // Located at the value: a line and a column, not just the file.
                #expect(output.stderr.hasPrefix("\(bad):"), "\(output.stderr)")
                #expect(output.stderr.split(separator: ":").count > 3, "\(output.stderr)")
            }
        }
    }

    /// A plan larger than memory can decode is refused: on standard input after a sixteenth of the
    /// memory (`timeline - < /dev/zero` held 5.7 GB after 20 s and kept reading), and as a file by
    /// its size, without reading it (a sparse 64 GB file here).
    @Test func endlessOrHugePlansAreRefused() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let endless = try scratch.shell("timeout 60 \"$EDGEPLAN\" timeline - < /dev/zero")
        #expect(endless.status == 1, "\(endless.stderr)")
        #expect(endless.stderr.hasPrefix("<stdin>: error: cannot read the plan: it is larger than"), "\(endless.stderr)")
        let sparse = scratch.path("huge.json")
        #expect(FileManager.default.createFile(atPath: sparse, contents: nil))
        #expect(truncate(sparse, 64 << 30) == 0)
        let huge = try Self.run(["timeline", sparse], seconds: 10)
        #expect(!huge.timedOut && huge.status == 1, "\(huge.stderr)")
        #expect(huge.stderr.contains("error: cannot read the plan: it is larger than"), "\(huge.stderr)")
        // The other JSON files: what-if results and journals (these read the file whole before).
        let plan = scratch.path("plan.json")
        _ = try Self.run(["compile", "Examples/capacity-tradeoff", "-o", plan])
        for command in [
            ["whatif", "merge", sparse, "-o", scratch.path("merged.json")],
            ["report", "Examples/capacity-tradeoff", "--plan", plan, "--whatif", sparse, "-o", scratch.path("r.html")],
            ["execute", plan, "--resume", sparse, "--on", "migration=true"],
        ] {
            let output = try Self.run(command, seconds: 10)
            #expect(!output.timedOut && output.status == 1, "\(command): \(output.stderr)")
            #expect(output.stderr.contains("it is larger than the limit of"), "\(command): \(output.stderr)")
        }
    }

    @Test func planSyntaxErrorsAndVersionsAreLocated() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let truncated = try scratch.write("{\n  \"schemaVersion\": \"1\",\n  \"decisions\": [", to: "cut.json")
        let output = try Self.run(["timeline", truncated])
        #expect(output.status == 1)
        #expect(
            output.stderr
                == "\(truncated):3:17: error: not an edgeplan plan: not valid JSON: the file ends inside a value (docs/plan-format.md describes plans)\n"
        )
        let plan = scratch.directory.appendingPathComponent("plan.json").path
        _ = try Self.run(["compile", scratch.problem, "Models/ngo2020.yaml", "-o", plan])
        let future = try String(contentsOfFile: plan, encoding: .utf8).replacingOccurrences(
            of: "\"schemaVersion\": \"1\"", with: "\"schemaVersion\": \"2\"")
        try future.write(toFile: plan, atomically: true, encoding: .utf8)
        let versioned = try Self.run(["timeline", plan])
        #expect(versioned.status == 1)
        #expect(
            versioned.stderr.contains("error: plan schema version \"2\" is not one this edgeplan reads (\"1\")"),
            "\(versioned.stderr)")
        // A plan of another version is named by its version, not by the first field it lacks.
        let other = try scratch.write("{\n  \"schemaVersion\": \"2\"\n}\n", to: "v2.json")
        let otherVersion = try Self.run(["timeline", other])
        #expect(
            otherVersion.stderr
                == "\(other):2:20: error: plan schema version \"2\" is not one this edgeplan reads (\"1\")\n")
    }

    // MARK: - --trace-root

    /// `../` and a symbolic link both lead out of the root: refused at the trace entry, with where
    /// they lead. Without the option nothing changes.
    @Test func traceRootConfinesTracesThroughDotDotAndLinks() throws {
        let scratch = try Scratch(
            traceEntry:
                "{file: ../outside.csv, format: csv, app: simple}\n  - {file: link.csv, format: csv, app: simple}\n  - {file: grid.fcd.xml, format: sumo-fcd, app: simple}"
        )
        defer { scratch.remove() }
        let outside = try scratch.write("time,id,x,y\n0,secret,1,2\n", to: "outside.csv")
        try FileManager.default.createSymbolicLink(
            atPath: scratch.problem + "/link.csv", withDestinationPath: outside)
        let confined = try Self.run(["check", scratch.problem, "Models/ngo2020.yaml", "--trace-root", scratch.problem])
        #expect(confined.status == 1)
        let problem = scratch.problem + "/problem.yaml"
        let lines = confined.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(
            lines == [
                "\(problem):62:12: error: trace file \"../outside.csv\" is outside the trace root \(scratch.problem) [trace-outside-root]",
                "\(problem):63:12: error: trace file \"link.csv\" is outside the trace root \(scratch.problem) [trace-outside-root]",
            ], "\(confined.stderr)")
        #expect(!confined.stderr.contains("secret"))

        // The trace inside the root is read; the same problem without the escapes checks clean.
        let inside = try Scratch()
        defer { inside.remove() }
        let clean = try Self.run(["check", inside.problem, "Models/ngo2020.yaml", "--trace-root", inside.problem])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stdout.contains("6 users"), "\(clean.stdout)")

        // Default: anywhere, as before.
        let anywhere = try Self.run(["check", scratch.problem, "Models/ngo2020.yaml"])
        #expect(anywhere.status == 1)
        #expect(
            anywhere.stderr.contains("error: vehicle \"secret\" of trace \"link.csv\" has the id of another user"),
            "\(anywhere.stderr)")
        #expect(!anywhere.stderr.contains("trace-outside-root"))
    }

    /// Every command that loads a problem, and so may read traces, takes the option.
    @Test func everyCommandThatLoadsWorkloadsHasTraceRoot() throws {
        let commands = ["check", "compile", "explain", "plan", "simulate", "report", "compare", "dwell", "whatif run"]
        for command in commands {
            let output = try Self.run(["help"] + command.split(separator: " ").map(String.init))
            #expect(output.stdout.contains("--trace-root <dir>"), "\(command)")
        }
    }

    @Test func traceRootMustBeADirectory() throws {
        let output = try Self.run([
            "check", "Examples/sumo-grid", "Models/ngo2020.yaml", "--trace-root", "/nonexistent",
        ])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--trace-root /nonexistent is not a directory"))
    }

    // MARK: - Messages

    /// A 10 MB unit string printed three times made 30 MB of stderr; each value is now quoted once,
    /// cut at 80 characters, and the source line shown as a window around the column. (1 MB here:
    /// the same three copies, in a tenth of the time.)
    @Test func longValuesArePrintedOnceAndCut() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let unit = String(repeating: "x", count: 1_000_000)
        let text = try String(
            contentsOf: EdgePlanRunner.packageRoot.appendingPathComponent("Examples/sumo-grid/problem.yaml"),
            encoding: .utf8
        ).replacingOccurrences(of: "horizon: 20 s", with: "horizon: 20 \(unit)")
        let path = try scratch.write(text, to: "long.yaml")
        let output = try Self.run(["check", path, "Models/ngo2020.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr.utf8.count < 2_000, "\(output.stderr.utf8.count) bytes of diagnostics")
        let cut = String(repeating: "x", count: 80) + "…"
        #expect(output.stderr.contains("unknown unit \"\(cut)\" after the number 20; a time takes"), "\(output.stderr)")
        #expect(output.stderr.components(separatedBy: "\"\(cut)\"").count == 2, "the value is quoted once")
    }
}
