import Foundation
import TestSupport
import Testing

/// `edgeplan generate`: deterministic, valid cities.
@Suite(.serialized)
struct GenerateCommandTests {
    static func generate(_ arguments: [String]) throws -> (status: Int32, directory: URL, stderr: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-city-\(UUID().uuidString)")
        let output = try EdgePlanRunner.run(["generate"] + arguments + ["-o", directory.path])
        return (output.status, directory, output.stderr)
    }

    @Test func smallCityIsValidAndShapedAsAsked() throws {
        let city = try Self.generate(["--base-stations", "37", "--users", "40", "--seed", "7"])
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0)
        // 37 cells are the centre and three full rings; the 7-colouring gives 7 regional servers.
        #expect(city.stderr.contains("wrote 37 base stations, 37 edge and 7 regional servers, a cloud and 40 users"))
        let check = try EdgePlanRunner.run(["check", city.directory.path, "--format", "json"])
        #expect(check.status == 0, "\(check.stderr)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect(summary["baseStations"] as? Int == 37)
        #expect(summary["users"] as? Int == 40)
        #expect((summary["servers"] as? [String: Int]) == ["edge": 37, "regional": 7, "cloud": 1])
        #expect(summary["unreachablePairs"] as? Int == 0)
        let compiled = try EdgePlanRunner.run(["compile", city.directory.path])
        #expect(compiled.status == 0)
        #expect(compiled.stdout.hasPrefix("solver cbc: optimal"))
    }

    @Test func sameSeedSameFilesOtherSeedOtherFiles() throws {
        let a = try Self.generate(["--base-stations", "19", "--users", "25", "--seed", "3"])
        let b = try Self.generate(["--base-stations", "19", "--users", "25", "--seed", "3"])
        let c = try Self.generate(["--base-stations", "19", "--users", "25", "--seed", "4"])
        defer { for city in [a, b, c] { try? FileManager.default.removeItem(at: city.directory) } }
        for file in ["topology.yaml", "apps.yaml", "policy.yaml", "workload.yaml"] {
            let first = try Data(contentsOf: a.directory.appendingPathComponent(file))
            #expect(first == (try Data(contentsOf: b.directory.appendingPathComponent(file))), "\(file)")
        }
        #expect(
            (try Data(contentsOf: a.directory.appendingPathComponent("workload.yaml")))
                != (try Data(contentsOf: c.directory.appendingPathComponent("workload.yaml"))))
    }

    /// Seed 1 once drew a hotspot at a corner of the 1951-cell hexagon, beyond the disc users are
    /// kept in, and redrew its users forever.
    @Test func fullCityTerminatesForEverySeed() throws {
        for seed in 1...4 {
            let city = try Self.generate(["--users", "300", "--seed", "\(seed)"])
            defer { try? FileManager.default.removeItem(at: city.directory) }
            #expect(city.status == 0, "seed \(seed): \(city.stderr)")
        }
    }

    @Test func usageErrors() throws {
        #expect(try EdgePlanRunner.run(["generate", "--users", "-1", "-o", "/tmp/x"]).status == 64)
        #expect(try EdgePlanRunner.run(["generate", "--hotspot-share", "2", "-o", "/tmp/x"]).status == 64)
        let noApps = try EdgePlanRunner.run([
            "generate", "--apps", "Examples/testbed/topology.yaml", "-o", "/tmp/edgeplan-never",
        ])
        #expect(noApps.status == 1)
        #expect(noApps.stderr.contains("no AppProfile in Examples/testbed/topology.yaml"))
    }
}
