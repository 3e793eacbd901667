import EdgeModel
import Foundation
import Interop
import TestSupport
import Testing

/// Scenarios become valid problems, with what was lost named.
struct ImportTests {
    /// Seed 004's Monaco network: 10 4G macro cells, 20 5G small cells, 11 WiFi APs in 4 zones,
    /// 6 UEs (4 on paths, 2 still), no compute node, a public domain (so a cloud). Every mode
    /// gives a problem edgeplan accepts.
    @Test(.enabled(if: InteropFixtures.hasMonaco, InteropFixtures.monacoMissing), arguments: ServerPlacement.allCases)
    func monacoCounts(servers: ServerPlacement) throws {
        let imported = try InteropFixtures.convert(InteropFixtures.monaco, servers: servers)
        let technologies = Dictionary(grouping: imported.stations, by: \.technology).mapValues(\.count)
        #expect(technologies == ["4g": 10, "5g": 20, "wifi": 11])
        #expect(Set(imported.stations.map(\.zone)) == ["zone01", "zone02", "zone03", "zone04"])
        let edge = ["none": 0, "per-poa": 41, "per-zone": 4][servers.rawValue] ?? -1
        #expect(imported.servers.filter { $0.tier == .edge }.count == edge)
        #expect(imported.servers.filter { $0.tier == .cloud }.map(\.id) == ["cloud"])
        let serverCount = edge + 1
        #expect(imported.links.count == 41 * serverCount + serverCount * (serverCount - 1) / 2)
        #expect(imported.users.count == 6)
        #expect(imported.users.filter { if case .trajectory = $0.motion { true } else { false } }.count == 4)
        let (problem, errors) = try InteropFixtures.load(imported)
        #expect(errors == 0)
        #expect(problem.topology.coordinates == .geographic)
        #expect(problem.topology.baseStations.map(\.zone) == imported.stations.map(\.zone))
        #expect(problem.workload.users.count == 6)
    }

    /// The small fixture, always here: a YAML scenario of the same model, kept as golden files.
    @Test func smallFixtureGolden() throws {
        let imported = try InteropFixtures.convert(InteropFixtures.small, servers: .perZone)
        #expect(imported.stations.count == 21)
        #expect(
            Dictionary(grouping: imported.stations, by: \.technology).mapValues(\.count) == [
                "4g": 5, "5g": 5, "wifi": 5, "other": 6,
            ])
        #expect(try InteropFixtures.load(imported).errors == 0)
        for file in imported.files {
            try Golden.check(
                file.text, against: InteropFixtures.golden.appendingPathComponent("loc-serv-per-zone-\(file.name)"))
        }
    }

    /// Everything edgeplan cannot represent is named, by kind, in warnings and in the YAML.
    @Test func warningsNameWhatIsLost() throws {
        let imported = try SyntheticScenario.convert()
        let byKind = Dictionary(uniqueKeysWithValues: imported.warnings.map { ($0.kind, $0.elements) })
        #expect(byKind[.latencyVariation] == ["deployment of \"synthetic\" 3 ms"])
        #expect(byKind[.latencyDistribution] == ["deployment of \"synthetic\" Pareto"])
        #expect(byKind[.packetLoss] == ["domain \"op\" 0.5 %"])
        #expect(byKind[.asymmetricThroughput] == ["deployment of \"synthetic\" UL 800 Mbps, DL 900 Mbps"])
        #expect(byKind[.processes] == ["CLOUD-APP \"cloud-app\" on \"dc1\"", "EDGE-APP \"app1\" on \"edge-a\""])
        #expect(byKind[.unknownType] == ["ROBOT \"r2d2\" in network location \"poa-b1\""])
        #expect(byKind[.unknownField] == ["zone \"zb\" color"])
        #expect(byKind[.assumedCapacities]?.count == 2)
        #expect(byKind[.publicDomainCloud] == nil)
        for file in imported.files {
            #expect(
                file.text.contains(
                    "# - [packet-loss] packet loss is not represented: edgeplan links lose nothing:\n#     domain \"op\" 0.5 %\n"
                ))
            #expect(file.text.contains("#     CLOUD-APP \"cloud-app\" on \"dc1\"\n"))
        }
        // The scenario's own compute nodes become servers; --servers per-zone replaces the edge ones.
        #expect(imported.servers.map(\.id) == ["fog-a1", "edge-a", "dc1"])
        let placed = try SyntheticScenario.convert(servers: .perZone)
        #expect(placed.servers.map(\.id) == ["mec-za", "mec-zb", "dc1"])
        #expect(
            placed.warnings.first { $0.kind == .replacedServers }?.elements == [
                "FOG \"fog-a1\" in zone \"za\"", "EDGE \"edge-a\" in zone \"za\"",
            ])
        #expect(try InteropFixtures.load(placed).errors == 0)
    }

    /// JSON is YAML too: the same text read by both readers gives the same import.
    @Test func jsonAndYAMLReadTheSame() throws {
        let json = try SyntheticScenario.convert(fileName: "synthetic.json")
        let yaml = try SyntheticScenario.convert(fileName: "synthetic.yaml")
        for (a, b) in zip(json.files, yaml.files) {
            #expect(a.text.replacingOccurrences(of: "synthetic.json", with: "synthetic.yaml") == b.text)
        }
        #expect(json.warnings == yaml.warnings)
    }

    @Test func unusableScenarios() throws {
        #expect(throws: ScenarioReadError.self) {
            try AdvantEDGEScenario.read(Data("{\"name\": ".utf8), fileName: "x.json")
        }
        let noPoints =
            #"{"name": "empty", "deployment": {"domains": [{"name": "d", "type": "OPERATOR", "zones": []}]}}"#
        let (scenario, _) = try AdvantEDGEScenario.read(Data(noPoints.utf8), fileName: "empty.json")
        #expect(
            throws: ScenarioReadError.invalid(
                "scenario \"empty\" has no point of access with a location (POA, POA-4G, POA-5G, POA-WIFI)")
        ) {
            try AdvantEDGEImporter.convert(
                scenario, options: AdvantEDGEImportOptions(app: "a", sourceFile: "empty.json"))
        }
        let badPoint =
            #"{"name": "b", "deployment": {"domains": [{"name": "d", "zones": [{"name": "z", "networkLocations": [{"name": "p", "type": "POA", "geoData": {"location": {"type": "Point", "coordinates": [43.7, 97.4]}}}]}]}]}}"#
        #expect(throws: ScenarioReadError.self) { try AdvantEDGEScenario.read(Data(badPoint.utf8), fileName: "b.json") }
    }

    /// Foreign YAML gets the front end's defences: an alias bomb took over a minute and 1.4 GB
    /// (and kept going), an alias-key bomb hangs inside Yams, and a syntax error quoted its whole
    /// line (100,000 characters for deep nesting).
    @Test func hostileYAMLIsRefusedQuickly() throws {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 0..<20 {
            let name = String(UnicodeScalar(UInt8(98 + level)))
            let previous = String(UnicodeScalar(UInt8(97 + level)))
            bomb += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(
            throws: ScenarioReadError.malformed(
                "its aliases expand to more values than the file has bytes; write the repeated parts out")
        ) { try AdvantEDGEScenario.read(Data(bomb.utf8), fileName: "bomb.yaml") }

        let keyBomb = bomb + "? *u\n: 1\n"
        #expect(
            throws: ScenarioReadError.malformed(
                "22:3: an alias used as a mapping key is not supported; write the key out")
        ) { try AdvantEDGEScenario.read(Data(keyBomb.utf8), fileName: "keys.yaml") }

        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try AdvantEDGEScenario.read(Data(deep.utf8), fileName: "deep.yaml")
            Issue.record("deep nesting was read")
        } catch let error as ScenarioReadError {
            #expect(error.description.count < 300, "\(error.description.prefix(300))")
            #expect(error.description.hasPrefix("not valid YAML: 1:1: Maximum nesting level reached"))
        }

        // Aliases within the budget still read (a scenario may reuse a block): this one gets as far
        // as its content.
        let shared = "name: s\nbase: &b {type: POA}\nother: *b\n"
        do {
            _ = try AdvantEDGEScenario.read(Data(shared.utf8), fileName: "shared.yaml")
        } catch let error as ScenarioReadError {
            #expect(error.description == "scenario \"s\" has no deployment")
        }
    }
}
