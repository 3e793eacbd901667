import Foundation
import Plan
import TestSupport
import Testing

/// `edgeplan import advantedge` and `edgeplan export advantedge-replay`, end to end.
@Suite(.serialized)
struct ImportCommandTests {
    static let small = EdgePlanRunner.packageRoot.appendingPathComponent(
        "Tests/InteropTests/Fixtures/loc-serv-system-test.yaml"
    ).path
    /// The Monaco network of seed 004, in ../shared (see its NOTICE); absent on some machines.
    static let monaco = EdgePlanRunner.packageRoot.appendingPathComponent(
        "../shared/fixtures/advantedge/4g-5g-wifi-macro.json"
    ).standardizedFileURL.path
    static let hasMonaco = FileManager.default.fileExists(atPath: monaco)

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("edgeplan-import-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Every --servers mode gives files `edgeplan check` accepts; the warnings name what is lost.
    @Test(
        .enabled(if: hasMonaco, "needs ../shared/fixtures/advantedge/4g-5g-wifi-macro.json (absent: skipped)"),
        arguments: ["none", "per-poa", "per-zone"])
    func monacoChecksInEveryMode(servers: String) throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try EdgePlanRunner.run(
            ["import", "advantedge", Self.monaco, "-o", directory.path, "--servers", servers])
        #expect(imported.status == 0, "\(imported.stderr)")
        let expected =
            [
                "none": "1 servers (0 edge, 0 regional, 1 cloud), 41 links",
                "per-poa": "42 servers (41 edge, 0 regional, 1 cloud), 2583 links",
                "per-zone": "5 servers (4 edge, 0 regional, 1 cloud), 215 links",
            ][servers] ?? ""
        #expect(imported.stderr.contains("wrote 41 base stations, \(expected) and 6 users"))
        for kind in [
            "latency-variation", "latency-distribution", "identifiers", "metadata", "assumed-capacities",
            "public-domain-cloud",
        ] {
            #expect(imported.stderr.contains("4g-5g-wifi-macro.json: warning: [\(kind)]"), "\(kind)")
        }
        let check = try EdgePlanRunner.run(["check", directory.path, "Models/ngo2020.yaml", "--format", "json"])
        #expect(check.status == 0, "\(check.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect(summary["baseStations"] as? Int == 41)
        #expect(summary["users"] as? Int == 6)
        #expect(summary["unreachablePairs"] as? Int == 0)
    }

    /// The small fixture (always here): YAML in, files `check` accepts out, written whole.
    @Test func smallFixtureChecks() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try EdgePlanRunner.run(
            [
                "import", "advantedge", Self.small, "-o", directory.path, "--servers", "per-poa", "--app", "yolo",
                "--rssi-min", "-80",
            ])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stderr.contains(
                "warning: [motion] UE motion differs from the scenario: UE \"ue1\" has no location"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["topology.yaml", "workload.yaml"])
        let topology = try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8)
        // 100 m at rssiMin −80 dBm: −80 + 40 + 30·log10(100) = 20 dBm.
        #expect(
            topology.contains(
                "{id: \"poa-4g1\", zone: \"zone1\", technology: 4g, position: [7.413917, 43.733505], txPower: 20 dBm"))
        let policy = directory.appendingPathComponent("policy.yaml")
        try "kind: Policy\nname: p\nrssiMin: -80 dBm\n".write(to: policy, atomically: true, encoding: .utf8)
        let check = try EdgePlanRunner.run(["check", directory.path, "Models/ngo2020.yaml"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("4 users"))
    }

    @Test func usageErrors() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cycles = try EdgePlanRunner.run(["import", "advantedge", Self.small, "-o", directory.path, "--cycles", "0"])
        #expect(cycles.status == 64)
        // 1e300 dBm was accepted and written as every transmit power, which no load accepts.
        let rssi = try EdgePlanRunner.run(
            ["import", "advantedge", Self.small, "-o", directory.path, "--rssi-min", "1e300 dBm"])
        #expect(rssi.status == 64)
        #expect(rssi.stderr.contains("--rssi-min must lie within ±500 dBm, found 1e300 dBm"), "\(rssi.stderr)")
        let app = try EdgePlanRunner.run(["import", "advantedge", Self.small, "-o", directory.path, "--app", "nope"])
        #expect(app.status == 64)
        #expect(
            app.stderr.contains("--app \"nope\" is not an AppProfile of Models/ngo2020.yaml: simple, openface, yolo"))
        let broken = directory.appendingPathComponent("broken.json")
        try "{\"name\": ".write(to: broken, atomically: true, encoding: .utf8)
        let malformed = try EdgePlanRunner.run(["import", "advantedge", broken.path, "-o", directory.path])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("broken.json: error: not valid JSON"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("topology.yaml").path))
    }

    /// Import the Monaco network, plan its UEs' span with seed 004's profiles, export the handovers:
    /// the replay validates against the schema, its events are in time order and name the
    /// scenario's UEs and points of access.
    @Test(.enabled(if: hasMonaco, "needs ../shared/fixtures/advantedge/4g-5g-wifi-macro.json (absent: skipped)"))
    func importPlanExport() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let models = "Models/seed004-relocation.yaml"
        let imported = try EdgePlanRunner.run(
            [
                "import", "advantedge", Self.monaco, "-o", directory.path, "--servers", "per-zone", "--apps", models,
                "--app", "asw-fullsp",
            ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let planPath = directory.appendingPathComponent("plan.json").path
        let planned = try EdgePlanRunner.run(["plan", directory.path, models, "--to", "400", "-o", planPath])
        #expect(planned.status == 0, "\(planned.stderr)")
        let plan = try Plan.decode(Data(contentsOf: URL(fileURLWithPath: planPath)))
        let handovers = plan.timeline.filter { $0.action.type == "handover" }
        #expect(!handovers.isEmpty)
        let replayPath = directory.appendingPathComponent("replay.json").path
        let exported = try EdgePlanRunner.run(["export", "advantedge-replay", planPath, "-o", replayPath])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.contains("wrote \(handovers.count) MOBILITY events to"))
        try ReplaySchemaValidator.validate([replayPath])
        let replay = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: replayPath))) as? [String: Any])
        let events = try #require(replay["events"] as? [[String: Any]])
        #expect(events.count == handovers.count + 1)
        #expect(events.compactMap { $0["index"] as? Int } == Array(1...events.count))
        let times = events.compactMap { $0["time"] as? Int }
        #expect(times == times.sorted())
        #expect(times.dropFirst().elementsEqual(handovers.map { Int(($0.action.at * 1000).rounded()) }))
        let topology = try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8)
        let ues: Set<String> = ["10.100.0.1", "10.1.0.2", "10.100.0.2", "10.10.0.1", "10.1.0.1", "10.10.0.2"]
        for event in events.dropFirst() {
            let mobility = try #require((event["event"] as? [String: Any])?["eventMobility"] as? [String: String])
            #expect(ues.contains(mobility["elementName"] ?? ""))
            #expect(topology.contains("{id: \"\(mobility["dest"] ?? "?")\", zone: "))
        }
    }
}

extension ImportCommandTests {
    /// `dwell` on the imported Monaco network (docs/dwell.md): JSON with both groupings, the
    /// overall figures as the grouping's own fields; zones as AdvantEDGE has them; the moving UEs.
    @Test(.enabled(if: hasMonaco, "needs ../shared/fixtures/advantedge/4g-5g-wifi-macro.json (absent: skipped)"))
    func dwellOfTheMonacoUEs() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let imported = try EdgePlanRunner.run([
            "import", "advantedge", Self.monaco, "-o", directory.path, "--servers", "per-zone", "--app", "asw-fccp",
            "--apps", "Models/seed004-relocation.yaml",
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try EdgePlanRunner.run([
            "dwell", directory.path, "Models/seed004-relocation.yaml", "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        // Four UEs move (two cars, two walkers); two cameras stand still.
        #expect(report["users"] as? Int == 4)
        for grouping in ["byBaseStation", "byZone"] {
            let figures = try #require(report[grouping] as? [String: Any])
            for key in ["meanSeconds", "minSeconds", "p5Seconds", "samples", "cells", "viability"] {
                #expect(figures[key] != nil, "\(grouping).\(key)")
            }
            let mean = figures["meanSeconds"] as? Double ?? 0
            let minimum = figures["minSeconds"] as? Double ?? 0
            #expect(minimum > 0 && minimum <= mean)
        }
        let zones = try #require((report["byZone"] as? [String: Any])?["cells"] as? [String: Any])
        #expect(Set(zones.keys).isSubset(of: ["zone01", "zone02", "zone03", "zone04"]))
        // A zone is longer to cross than a cell: the zones' dwells are longer on average.
        let byStation = (report["byBaseStation"] as? [String: Any])?["meanSeconds"] as? Double ?? 0
        let byZone = (report["byZone"] as? [String: Any])?["meanSeconds"] as? Double ?? 0
        #expect(byZone > byStation)
        let text = try EdgePlanRunner.run(["dwell", directory.path, "Models/seed004-relocation.yaml", "--by", "zone"])
        #expect(text.stdout.hasPrefix("dwell by zone: 4 users"))
    }

    @Test func dwellWithoutZones() throws {
        let run = try EdgePlanRunner.run(["dwell", "Examples/ngo2020-testbed", "Models/ngo2020.yaml", "--by", "zone"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no base station has a zone"))
        let stations = try EdgePlanRunner.run(["dwell", "Examples/ngo2020-testbed", "Models/ngo2020.yaml"])
        #expect(stations.status == 0)
        #expect(stations.stdout.hasPrefix("dwell by base station: 3 users"))
        #expect(try EdgePlanRunner.run(["dwell", "Examples/ngo2020-testbed", "--step", "0"]).status == 64)
    }
}
