import Foundation
import TestSupport
import Testing

/// Numbers past edgeplan's bounds (docs/reliability.md, "Numbers and bounds"), end to end: each
/// once trapped converting a double to an integer, hung, aborted on an allocation or handed a
/// solver an infinite objective. Every run has a deadline and must end on its own, without a signal.
@Suite(.serialized)
struct NumberBoundsCommandTests {
    static let testbed = ["Examples/ngo2020-testbed", "Models/ngo2020.yaml"]

    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-bounds-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The run ended by itself (no trap, no abort, no hang) with `status`.
    static func expectEnded(
        _ output: EdgePlanRunner.BoundedOutput, status: Int32, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(!output.timedOut, "hung: killed at the deadline", sourceLocation: sourceLocation)
        #expect(
            !output.signalled, "killed by signal \(output.status): \(output.stderr.suffix(600))",
            sourceLocation: sourceLocation)
        #expect(output.status == status, "\(output.stderr.suffix(800))", sourceLocation: sourceLocation)
    }

    /// The capacity-tradeoff example with its text changed.
    static func capacityTradeoff(in directory: URL, _ edit: (String) -> String) throws -> String {
        let text = try String(
            contentsOf: EdgePlanRunner.packageRoot.appendingPathComponent("Examples/capacity-tradeoff/problem.yaml"),
            encoding: .utf8)
        let path = directory.appendingPathComponent("problem.yaml").path
        try edit(text).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A plan of the testbed's first minute, for the replays.
    static func testbedPlan(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("plan.json").path
        let planned = try EdgePlanRunner.run(["plan"] + testbed + ["--to", "60", "-o", path], deadline: 120)
        expectEnded(planned, status: 0)
        return path
    }

    // MARK: Item 6: traps

    /// GLPK converted `--time-limit` to milliseconds with `Int(_:)`: inf and 1e300 trapped.
    @Test(arguments: ["inf", "1e300"])
    func glpkTimeLimitPastTheBound(_ limit: String) throws {
        let output = try EdgePlanRunner.run(
            ["compile", "Examples/capacity-tradeoff", "--solver", "glpk", "--time-limit", limit], deadline: 60)
        Self.expectEnded(output, status: 64)
        #expect(output.stderr.contains("--time-limit must be a number of seconds of at most 1e9"))
    }

    /// `simulate --to 1e300` trapped counting its 0.1 s steps.
    @Test func simulateToAHugeTime() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try Self.testbedPlan(in: directory)
        let output = try EdgePlanRunner.run(
            ["simulate"] + Self.testbed + ["--plan", plan, "--to", "1e300"], deadline: 60)
        Self.expectEnded(output, status: 64)
        #expect(output.stderr.contains("--to must be a number of seconds within ±1e9"))
    }

    /// `dwell` over still users with `--to 1e300` trapped counting its samples.
    @Test func dwellToAHugeTime() throws {
        let output = try EdgePlanRunner.run(
            ["dwell", "Examples/capacity-tradeoff", "--from", "0", "--to", "1e300"], deadline: 60)
        Self.expectEnded(output, status: 64)
        #expect(output.stderr.contains("--to must be a number of seconds within ±1e9"))
    }

    /// `--max-input-bytes` near Int.max overflowed reading "one byte past the limit".
    @Test func maxInputBytesPastTheBound() throws {
        let output = try EdgePlanRunner.run(
            ["check", "Examples/capacity-tradeoff", "--max-input-bytes", "9223372036854775807"], deadline: 60)
        Self.expectEnded(output, status: 64)
        #expect(output.stderr.contains("--max-input-bytes must be at most 4294967296 (4 GiB)"))
        // The largest limit allowed reads a small file as it is: memory follows the file, not the limit.
        let largest = try EdgePlanRunner.run(
            ["check", "Examples/capacity-tradeoff", "--max-input-bytes", "4294967296"], deadline: 60)
        Self.expectEnded(largest, status: 0)
    }

    /// An AdvantEDGE latency of 1e300 ms, and a UE crawling at 1e-300 m/s, trapped converting
    /// their times to integers.
    @Test func importOfHugeTimes() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = try String(
            contentsOf: EdgePlanRunner.packageRoot.appendingPathComponent(
                "Tests/InteropTests/Fixtures/loc-serv-system-test.yaml"), encoding: .utf8)
        let latency = directory.appendingPathComponent("latency.yaml")
        try fixture.replacingOccurrences(of: "        latency: 50\n", with: "        latency: 1e300\n")
            .write(to: latency, atomically: true, encoding: .utf8)
        let slow = directory.appendingPathComponent("slow.yaml")
        let still = """
                                                    path: null
                                                    velocity: null
            """
        let moving = """
                                                    path: {type: LineString, coordinates: [[7.4139, 43.7335], [7.4149, 43.7345]]}
                                                    velocity: 1e-300
            """
        let ue = try #require(fixture.range(of: "name: ue1"))
        let block = try #require(fixture.range(of: still, range: ue.upperBound..<fixture.endIndex))
        try fixture.replacingCharacters(in: block, with: moving).write(to: slow, atomically: true, encoding: .utf8)
        let first = try EdgePlanRunner.run(
            ["import", "advantedge", latency.path, "-o", directory.appendingPathComponent("a").path], deadline: 60)
        Self.expectEnded(first, status: 1)
        #expect(first.stderr.contains("latency must be at most 1e6 ms, found 1e+300 ms"))
        let second = try EdgePlanRunner.run(
            ["import", "advantedge", slow.path, "-o", directory.appendingPathComponent("b").path], deadline: 60)
        Self.expectEnded(second, status: 1)
        #expect(second.stderr.contains("UE \"ue1\": at 1e-300 m/s, 1 cycle of its path takes"))
    }

    // MARK: Item 7: hangs

    /// `plan --to 1e300` and `plan --step 1e-300` never ended; a span of 1e9 s at 1 s steps would
    /// take 10^9 epochs.
    @Test(arguments: [["--to", "1e300"], ["--to", "100", "--step", "1e-300"], ["--to", "1e9"]])
    func planSpanPastTheBound(_ options: [String]) throws {
        let output = try EdgePlanRunner.run(
            ["plan"] + Self.testbed + options + ["-o", "/dev/null"], deadline: 30)
        Self.expectEnded(output, status: 64)
        let expected =
            options.contains("--step")
            ? "--step must be a number of seconds in [0.001, 1e9], found 1e-300"
            : options[1] == "1e9"
                ? "planning from 0 s to 1e9 s every 1 s takes 1000000001 epochs, more than edgeplan's 10000000"
                : "--to must be a number of seconds within ±1e9"
        #expect(output.stderr.contains(expected), "\(output.stderr)")
    }

    /// `simulate --to 1e12` (and 1e8, within the bound on times) sampled the motion for ever.
    @Test(arguments: ["1e12", "1e8"])
    func simulateLongSpan(_ end: String) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try Self.testbedPlan(in: directory)
        let output = try EdgePlanRunner.run(["simulate"] + Self.testbed + ["--plan", plan, "--to", end], deadline: 30)
        Self.expectEnded(output, status: 64)
        let expected =
            end == "1e12"
            ? "--to must be a number of seconds within ±1e9"
            : "replaying from 0 s to 1e8 s samples the motion 3000000000 times (every 0.1 s per user), more than edgeplan's 1000000000"
        #expect(output.stderr.contains(expected), "\(output.stderr)")
    }

    /// `dwell` of still users over a long span at a fine step sampled for ever.
    @Test func dwellLongSpan() throws {
        let output = try EdgePlanRunner.run(
            ["dwell", "Examples/capacity-tradeoff", "--from", "0", "--to", "1e8", "--step", "0.001"], deadline: 30)
        Self.expectEnded(output, status: 64)
        #expect(
            output.stderr.contains("takes 200000000002 samples, more than edgeplan's 1000000000"), "\(output.stderr)")
    }

    /// A CSV trace whose last time is 1e300: planning its span never ended. The time is refused at
    /// its line; a last time within the bound but 5e8 s away is too many epochs, named with the
    /// user whose trajectory ends the span.
    @Test func planOverATraceEndingFarAway() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let grid = try String(
            contentsOf: EdgePlanRunner.packageRoot.appendingPathComponent("Examples/sumo-grid/problem.yaml"),
            encoding: .utf8)
        let topology = grid.components(separatedBy: "---\nkind: Workload")[0]
        let workload = "---\nkind: Workload\nname: w\ntraces:\n  - {file: cars.csv, format: csv, app: simple}\n"
        try (topology + workload).write(
            to: directory.appendingPathComponent("problem.yaml"), atomically: true, encoding: .utf8)
        let models = EdgePlanRunner.packageRoot.appendingPathComponent("Models/ngo2020.yaml").path
        let csv = directory.appendingPathComponent("cars.csv")
        try "time,id,x,y\n0,car,0,0\n1e300,car,10,0\n".write(to: csv, atomically: true, encoding: .utf8)
        let huge = try EdgePlanRunner.run(
            ["plan", directory.path, models, "-o", "/dev/null"], deadline: 30)
        Self.expectEnded(huge, status: 1)
        #expect(
            huge.stderr.contains(
                "\(csv.path):3:1: error: expected a number of seconds within ±1e9 for \"time\", found \"1e300\" [trace-value]"
            ), "\(huge.stderr)")
        try "time,id,x,y\n0,car,0,0\n5e8,car,10,0\n".write(to: csv, atomically: true, encoding: .utf8)
        let long = try EdgePlanRunner.run(["plan", directory.path, models, "-o", "/dev/null"], deadline: 30)
        Self.expectEnded(long, status: 64)
        #expect(
            long.stderr.contains(
                "planning from 0 s to 5e8 s (the end of user \"car\"'s trajectory) every 1 s takes 500000001 epochs"),
            "\(long.stderr)")
    }

    /// An app sending 1e9 tasks a second made `simulate` allocate gigabytes and abort: the rate is
    /// refused where it is written. Within the bound on rates, a replay of too many tasks is
    /// refused at the rate of the app that sends the most.
    @Test func replayOfTooManyTasks() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = try Self.testbedPlan(in: directory)
        let models = try String(
            contentsOf: EdgePlanRunner.packageRoot.appendingPathComponent("Models/ngo2020.yaml"), encoding: .utf8)
        let apps = directory.appendingPathComponent("apps.yaml")
        let topology = EdgePlanRunner.packageRoot.appendingPathComponent("Examples/ngo2020-testbed").path
        let line = try #require(
            models.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("rate:") })
        for (rate, status) in [("1e9 /s", Int32(1)), ("1e6 /s", Int32(1))] {
            let edited = models.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                index, text in
                guard text.contains("rate:") else { return String(text) }
                return text.replacingOccurrences(
                    of: #"rate: [0-9.]+ /s"#, with: "rate: \(rate)", options: .regularExpression)
            }.joined(separator: "\n")
            try edited.write(to: apps, atomically: true, encoding: .utf8)
            let output = try EdgePlanRunner.run(
                ["simulate", topology, apps.path, "--plan", plan, "--to", "600"], deadline: 60)
            Self.expectEnded(output, status: status)
            if rate == "1e9 /s" {
                #expect(output.stderr.contains("\(apps.path):\(line + 1):"), "\(output.stderr)")
                #expect(output.stderr.contains("\"rate\" must be at most 1e6 /s, found \"1e9 /s\" [value-too-large]"))
            } else {
                #expect(
                    output.stderr.contains(
                        "sends 1800000000 tasks, more than the 100000000 a replay may send; app \"simple\" sends 600000000 of them at 1e6 /s for 1 user [replay-too-large]"
                    ), "\(output.stderr)")
            }
        }
    }

    // MARK: Item 8: "optimal, objective inf"

    /// Base-station coordinates of 1e308 passed validation, and distances overflowed.
    @Test func coordinatesPastTheBound() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.capacityTradeoff(in: directory) {
            $0.replacingOccurrences(of: "position: [100, 0], txPower", with: "position: [1e308, 0], txPower")
        }
        let output = try EdgePlanRunner.run(["compile", path, "-o", "/dev/null"], deadline: 60)
        Self.expectEnded(output, status: 1)
        #expect(
            output.stderr.contains(
                "\(path):9:24: error: \"position\" must be at most 1e9, found \"1e308\" [value-too-large]"),
            "\(output.stderr)")
    }

    /// Within every bound, a user 10^9 m from the base station it is attached to hears it at
    /// −290 dBm: a Shannon rate of 0, an infinite current delay and an infinite gain. CLP aborted the
    /// process on that coefficient, and GLPK reported "optimal, objective inf"; now no solver is
    /// given it, whatever the backend, with pricing or without.
    @Test(arguments: [[], ["--no-pricing"], ["--solver", "glpk"], ["--solver", "glpk", "--no-pricing"]])
    func infiniteObjectiveTermIsNeverSolved(_ options: [String]) throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.capacityTradeoff(in: directory) {
            $0.replacingOccurrences(of: "position: [100, 0], txPower", with: "position: [1e9, 0], txPower")
                .replacingOccurrences(of: "position: [100, 0]}", with: "position: [0, 5]}")
        }
        let plan = directory.appendingPathComponent("plan.json").path
        let output = try EdgePlanRunner.run(["compile", path, "-o", plan] + options, deadline: 60)
        Self.expectEnded(output, status: 1)
        #expect(
            output.stderr.contains(
                "\(path):34:5: error: the objective of user \"u2\" on base station \"a\" and server \"e1\" at t = 0.000 s is not finite (inf s): its current delay is inf s (processing 0.200 s, transmission inf s at 0 bps: radio 0 bps from \"b\" heard at -290.0 dBm, path 1e8 bps; RTT 0.011 s) [objective-out-of-range]"
            ), "\(output.stderr)")
        #expect(!output.stdout.contains("optimal"))
        #expect(!FileManager.default.fileExists(atPath: plan))
        // explain shows the infinite delay, which JSON writes as a string.
        let explained = try EdgePlanRunner.run(
            ["explain", path, "--user", "u2", "--format", "json"], deadline: 60)
        Self.expectEnded(explained, status: 0)
        #expect(explained.stdout.contains("\"Infinity\""))
    }

    /// Terms finite but beyond what a solver takes: a task of 1 PB over 1 bps links and soft SLAs
    /// make a delay of 8e15 s and gains of 1e17 s.
    @Test func hugeObjectiveTermIsNeverSolved() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try Self.capacityTradeoff(in: directory) {
            $0.replacingOccurrences(of: "task: {size: 125 KB", with: "task: {size: 1000 TB")
                .replacingOccurrences(
                    of: "{between: [a, e1], bandwidth: 1 Gbps", with: "{between: [a, e1], bandwidth: 1 bps"
                )
                .replacingOccurrences(
                    of: "sla: [{app: \"*\", maxDelay: 500 ms, maxDowntime: 5 s}]",
                    with: "sla: [{app: \"*\", enforcement: soft}]")
        }
        let output = try EdgePlanRunner.run(["compile", path, "--no-pricing"], deadline: 60)
        Self.expectEnded(output, status: 1)
        // u1 is served through the 1 bps link now; u2 would be there.
        #expect(
            output.stderr.contains(
                "error: the objective of user \"u1\" on base station \"b\" and server \"e1\" at t = 0.000 s is 4e+17 s: its current delay is 8e+15 s (processing 0.200 s, transmission 8e+15 s at 1 bps: radio 1e7 bps from \"a\" heard at -20.0 dBm, path 1 bps; RTT 0.001 s) [objective-out-of-range]"
            ), "\(output.stderr)")
        #expect(output.stderr.contains("error: the objective of user \"u2\""), "\(output.stderr)")
    }
}
