import Foundation
import TestSupport
import Testing

/// `edgeplan whatif`: its figures are those of separate plan + simulate runs, whatever the number of
/// jobs or shards.
@Suite(.serialized)
struct WhatIfCommandTests {
    static let base = ["Examples/whatif", "Models/ngo2020.yaml"]
    static let scenarios = [
        "--alt", "two-edges=Examples/whatif/scenarios/two-edges.yaml", "--variant",
        "Examples/whatif/scenarios/variants.yaml", "--sweep", "policy.horizon=60 s",
    ]

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-whatif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    /// The results without the seconds the solves took, which no two runs share.
    static func figures(_ text: String) throws -> [[String: Any]] {
        try json(text).map { object in
            var object = object
            object.removeValue(forKey: "solveSeconds")
            return object
        }
    }

    static func same(_ a: [[String: Any]], _ b: [[String: Any]]) -> Bool {
        NSArray(array: a).isEqual(to: b)
    }

    /// One scenario planned and replayed by hand.
    static func planAndSimulate(_ inputs: [String], in directory: URL) throws -> [String: Any] {
        let plan = directory.appendingPathComponent("plan-\(UUID().uuidString).json").path
        let planned = try EdgePlanRunner.run(["plan"] + inputs + ["-o", plan])
        #expect(planned.status == 0, "\(planned.stderr)")
        let replayed = try EdgePlanRunner.run(["simulate"] + inputs + ["--plan", plan, "--format", "json"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        return try #require(json(replayed.stdout).first?["overall"] as? [String: Any])
    }

    @Test func figuresAreThoseOfPlanAndSimulate() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try EdgePlanRunner.run(["whatif"] + Self.base + Self.scenarios + ["--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let results = try Self.json(run.stdout)
        #expect(
            results.map { $0["name"] as? String } == [
                "base", "two-edges", "fast-edge-links", "slow-cloud", "policy.horizon = 60 s",
            ])
        // The base, the alternative topology, and the sweep written into a copy of the policy.
        let policy = try String(contentsOfFile: "Examples/whatif/policy.yaml", encoding: .utf8)
        let longer = directory.appendingPathComponent("policy.yaml")
        try policy.replacingOccurrences(of: "horizon: 90 s", with: "horizon: 60 s").write(
            to: longer, atomically: true, encoding: .utf8)
        #expect(policy.contains("horizon: 90 s"))
        let rest = ["Examples/whatif/workload.yaml", "Models/ngo2020.yaml"]
        let byHand = [
            (0, try Self.planAndSimulate(Self.base, in: directory)),
            (
                1,
                try Self.planAndSimulate(
                    ["Examples/whatif/scenarios/two-edges.yaml", "Examples/whatif/policy.yaml"] + rest, in: directory)
            ),
            (4, try Self.planAndSimulate(["Examples/whatif/topology.yaml", longer.path] + rest, in: directory)),
        ]
        for (index, overall) in byHand {
            let whatif = try #require(results[index]["overall"] as? [String: Any])
            #expect(NSDictionary(dictionary: whatif).isEqual(to: overall), "scenario \(index)")
        }
        // The scenarios do differ: the alternative has one server fewer to migrate between.
        let baseOverall = try #require(results[0]["overall"] as? [String: Any])
        let altOverall = try #require(results[1]["overall"] as? [String: Any])
        #expect((altOverall["migrations"] as? Int ?? 0) < (baseOverall["migrations"] as? Int ?? 0))
        // Every scenario names the files it was made of, with their digests.
        let inputs = try #require(results[1]["inputs"] as? [[String: Any]])
        #expect(inputs.contains { ($0["path"] as? String) == "Examples/whatif/scenarios/two-edges.yaml" })
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
    }

    @Test func jobsAndShardsGiveTheSameFigures() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments =
            ["whatif"] + Self.base + Self.scenarios + ["--planner", "orchestrated,nearest", "--format", "json"]
        let one = try EdgePlanRunner.run(arguments + ["--jobs", "1"])
        let two = try EdgePlanRunner.run(arguments + ["--jobs", "2"])
        #expect(one.status == 0 && two.status == 0, "\(one.stderr)\(two.stderr)")
        #expect(try Self.json(one.stdout).count == 10)
        #expect(Self.same(try Self.figures(one.stdout), try Self.figures(two.stdout)))
        var shards: [String] = []
        for shard in 0..<3 {
            let path = directory.appendingPathComponent("shard-\(shard).json").path
            let run = try EdgePlanRunner.run(arguments + ["--shard", "\(shard)/3", "-o", path])
            #expect(run.status == 0, "\(run.stderr)")
            shards.append(path)
        }
        let merged = try EdgePlanRunner.run(["whatif", "merge", "--format", "json"] + shards)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(Self.same(try Self.figures(merged.stdout), try Self.figures(one.stdout)))
        // Two shards alone are not the whole run.
        let partial = try EdgePlanRunner.run(["whatif", "merge"] + Array(shards.prefix(2)))
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("are in no shard"))
        // The table and the CSV of the merge have every scenario.
        let table = try EdgePlanRunner.run(["whatif", "merge"] + shards)
        #expect(table.stdout.split(separator: "\n").count == 11)
        let csv = try EdgePlanRunner.run(["whatif", "merge", "--format", "csv"] + shards)
        #expect(csv.stdout.split(separator: "\n").count == 11)
    }

    /// A scenario that cannot be built is reported, located, and the others still run.
    @Test func aFailingScenarioIsReportedWithTheOthers() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let variants = directory.appendingPathComponent("variants.yaml")
        try """
        kind: Variant
        name: edge1-gone
        remove:
          servers: [edge1]
        ---
        kind: Variant
        name: faster
        set:
          links: [{between: [edge1, edge2], bandwidth: 1 Gbps}]

        """.write(to: variants, atomically: true, encoding: .utf8)
        let run = try EdgePlanRunner.run(["whatif"] + Self.base + ["--variant", variants.path])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout.contains("failed: edge1-gone"))
        #expect(run.stdout.contains("\(variants.path):4:"))
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("faster") && $0.contains("optimal") })
    }

    /// Without a span, each scenario is compiled once and replayed to t'; objective and gap reported.
    @Test func singleEpochScenarios() throws {
        let run = try EdgePlanRunner.run([
            "whatif", "Examples/capacity-tradeoff", "--sweep", "servers.e1.capacity.cpu=1,4", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let results = try Self.json(run.stdout)
        #expect(results.count == 3)
        #expect(results.allSatisfy { $0["mode"] as? String == "epoch" && $0["status"] as? String == "optimal" })
        #expect(abs((results[0]["objective"] as? Double ?? 0) - 3.145) < 1e-9)
        let compiled = try EdgePlanRunner.run(["compile", "Examples/capacity-tradeoff"])
        #expect(compiled.stdout.contains("objective 3.145000000000002 s"))
    }

    @Test func usageErrors() throws {
        for arguments in [
            ["--sweep", "policy.nonsense=1"], ["--sweep", "policy.horizon="], ["--alt", "nopaths"],
            ["--planner", "fastest"], ["--shard", "3/3"], ["--shard", "x"], ["--jobs", "0"],
        ] {
            let run = try EdgePlanRunner.run(["whatif"] + Self.base + arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
        }
    }

    /// Jobs are limited by memory: scenarios of about 40 MB each under 100 MB run one at a time
    /// (--jobs 1024 of a city would have started a thousand workers of hundreds of MB), and every
    /// scenario still runs.
    @Test func jobsAreLimitedByMemory() throws {
        let run = try EdgePlanRunner.run(
            ["whatif"] + Self.base + ["--sweep", "policy.horizon=5 s,10 s", "--jobs", "3", "--max-memory", "100 MB"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: running 1 scenario at once rather than 3"), "\(run.stderr)")
        #expect(run.stdout.contains("policy.horizon = 10 s"), "\(run.stdout)")
        let roomy = try EdgePlanRunner.run(
            ["whatif"] + Self.base + ["--sweep", "policy.horizon=5 s", "--jobs", "2", "--max-memory", "64 GB"])
        #expect(roomy.status == 0 && !roomy.stderr.contains("at once rather than"), "\(roomy.stderr)")
    }

    /// Six sweeps of 30 values are 729 million scenarios: refused at once (it used to fill
    /// gigabytes listing them).
    @Test func tooManyScenariosIsAUsageError() throws {
        let numbers: [String] = (1...30).map { String($0) }
        let values = numbers.joined(separator: ",")
        var sweeps: [String] = []
        for key in ["policy.objective.gainWeight", "policy.objective.downtimeWeight", "servers.*.capacity.cpu",
            "baseStations.*.maxUsers"]
        {
            sweeps += ["--sweep", "\(key)=\(values)"]
        }
        let seconds: [String] = numbers.map { "\($0) s" }
        let rates: [String] = numbers.map { "\($0) Mbps" }
        sweeps += ["--sweep", "policy.horizon=" + seconds.joined(separator: ",")]
        sweeps += ["--sweep", "links.*.bandwidth=" + rates.joined(separator: ",")]
        let run = try EdgePlanRunner.run(["whatif"] + Self.base + sweeps)
        let stderr = run.stderr
        #expect(run.status == 64, "\(stderr)")
        #expect(stderr.contains("too many scenarios: 729000001"), "\(stderr)")
        #expect(stderr.contains("30 × 30 × 30 × 30 × 30 × 30"))
    }
}

extension WhatIfCommandTests {
    /// The report reads what whatif writes: a bar per scenario in each chart.
    @Test func reportDrawsWhatIfResults() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let results = directory.appendingPathComponent("whatif.json").path
        let plan = directory.appendingPathComponent("plan.json").path
        let html = directory.appendingPathComponent("report.html").path
        let whatif = try EdgePlanRunner.run(
            ["whatif"] + Self.base + ["--sweep", "policy.horizon=30 s,60 s", "--format", "json", "-o", results])
        #expect(whatif.status == 0, "\(whatif.stderr)")
        #expect(try EdgePlanRunner.run(["plan"] + Self.base + ["--to", "300", "-o", plan]).status == 0)
        let report = try EdgePlanRunner.run(["report"] + Self.base + ["--plan", plan, "--whatif", results, "-o", html])
        #expect(report.status == 0, "\(report.stderr)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        for name in ["base", "policy.horizon = 30 s", "policy.horizon = 60 s"] {
            #expect(page.contains("data-scenario=\"\(name)\""), "\(name)")
        }
    }
}
