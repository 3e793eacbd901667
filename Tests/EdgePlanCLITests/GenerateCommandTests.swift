import Foundation
import InputFiles
import TestSupport
import Testing

@testable import Frontend

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

    /// The files written before --capacity-load, --max-delay and --candidate-servers, less the
    /// policy's `candidateServers: 16` line, which is no longer the default: recorded with the
    /// binary of commit 851a8d5 (the golden files are its output, not this code's).
    @Test func defaultOutputIsTheOldOutputWithoutCandidateServers() throws {
        let city = try Self.generate(["--base-stations", "19", "--users", "25", "--seed", "3"])
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0, "\(city.stderr)")
        for file in ["topology", "apps", "policy", "workload"] {
            let text = try String(contentsOf: city.directory.appendingPathComponent("\(file).yaml"), encoding: .utf8)
            try GoldenFiles.check(text, against: "generate-19-seed3-\(file).yaml")
        }
    }

    /// The full default city (1951 cells, 1000 users, seed 1) is too large for golden files; its
    /// SHA-256 digests, taken from commit 851a8d5's output with `candidateServers: 16` deleted.
    @Test func defaultFullCityHasTheOldDigests() throws {
        let city = try Self.generate([])
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0, "\(city.stderr)")
        let expected = [
            "apps.yaml": "c75383f74c4e429bdcd40fc73764353eac1e4ed414d9bf1410f7cf90e2f1bc7a",
            "policy.yaml": "d81f47a3d9358843f9c37e6be2d9918898949e7fd49e6403eb37309c4f10eac9",
            "topology.yaml": "f238936e17923cf438a0569f93afbc78f2fd142fe48364bd24658ff4551df909",
            "workload.yaml": "5b03659d388a5ed6424cf70ca9277b247bf959dfd0eba3db81e6cfda613302a1",
        ]
        for (file, digest) in expected.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: city.directory.appendingPathComponent(file))
            #expect(SHA256.hexDigest(of: data) == digest, "\(file)")
        }
    }

    /// The distinct `cpu: …, memory: …` texts of the capacities of one tier's servers.
    static func capacities(ofTier tier: String, in directory: URL) throws -> Set<String> {
        let topology = try String(contentsOf: directory.appendingPathComponent("topology.yaml"), encoding: .utf8)
        var found: Set<String> = []
        for line in topology.split(separator: "\n") where line.contains("tier: \(tier),") {
            guard let start = line.range(of: "capacity: {"),
                let end = line.range(of: ", storage:", range: start.upperBound..<line.endIndex)
            else { continue }
            found.insert(String(line[start.upperBound..<end.lowerBound]))
        }
        return found
    }

    /// Models/ngo2020.yaml's apps need 0.5, 2 and 4 cores: mean 6.5 / 3 = 2.1667. With 190 users on
    /// 19 cells, 10 users per cell, so an edge server gets max(8, ⌈share × 10 × 2.1667⌉) cores,
    /// 4 GB per core, and a regional server 7 times that:
    ///   share 2 (default): ⌈43.33⌉ = 44 cores, 176 GB; regional 308 cores, 1232 GB
    ///   share 1:           ⌈21.67⌉ = 22 cores,  88 GB; regional 154 cores,  616 GB
    ///   share 3.5:         ⌈75.83⌉ = 76 cores, 304 GB; regional 532 cores, 2128 GB
    ///   share 0.25:        ⌈5.42⌉ = 6, below the floor of 8: 8 cores, 32 GB; regional 56, 224 GB
    @Test(arguments: [
        (nil, "cpu: 44, memory: 176 GB", "cpu: 308, memory: 1232 GB"),
        ("1", "cpu: 22, memory: 88 GB", "cpu: 154, memory: 616 GB"),
        ("3.5", "cpu: 76, memory: 304 GB", "cpu: 532, memory: 2128 GB"),
        ("0.25", "cpu: 8, memory: 32 GB", "cpu: 56, memory: 224 GB"),
    ])
    func capacityLoadScalesEdgeAndRegionalServers(share: String?, edge: String, regional: String) throws {
        let city = try Self.generate(
            ["--base-stations", "19", "--users", "190", "--seed", "3"] + (share.map { ["--capacity-load", $0] } ?? []))
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0, "\(city.stderr)")
        #expect(try Self.capacities(ofTier: "edge", in: city.directory) == [edge])
        #expect(try Self.capacities(ofTier: "regional", in: city.directory) == [regional])
        // The cloud stays in effect unbounded whatever the share.
        #expect(try Self.capacities(ofTier: "cloud", in: city.directory) == ["cpu: 100000, memory: 400 TB"])
    }

    /// Both options are written into policy.yaml, and `check` loads the city with them.
    @Test func maxDelayAndCandidateServersReachThePolicy() throws {
        let city = try Self.generate([
            "--base-stations", "19", "--users", "30", "--seed", "5", "--capacity-load", "1", "--max-delay", "1 s",
            "--candidate-servers", "4",
        ])
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0, "\(city.stderr)")
        let policy = try String(contentsOf: city.directory.appendingPathComponent("policy.yaml"), encoding: .utf8)
        #expect(policy.contains("\ncandidateServers: 4\n"))
        #expect(policy.contains("{app: \"*\", maxDelay: 1 s, maxDowntime: 10 s}"))
        // What the front end made of them, not only what was written.
        let resolved = try EdgePlanRunner.run(["check", city.directory.path, "--resolved"])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(resolved.stdout.contains("\ncandidateServers: 4\n"))
        #expect(resolved.stdout.contains("maxDelay: 1 s, maxDowntime: 10 s, enforcement: hard"))
        let compiled = try EdgePlanRunner.run(["compile", city.directory.path])
        #expect(compiled.status == 0, "\(compiled.stderr)")
    }

    /// "250.5ms" is written with the space the policy language's examples use; no limit unless asked.
    @Test func maxDelayTextIsNormalised() throws {
        let city = try Self.generate(["--base-stations", "7", "--users", "5", "--max-delay", "250.5ms"])
        defer { try? FileManager.default.removeItem(at: city.directory) }
        #expect(city.status == 0, "\(city.stderr)")
        let policy = try String(contentsOf: city.directory.appendingPathComponent("policy.yaml"), encoding: .utf8)
        #expect(policy.contains("maxDelay: 250.5 ms,"))
        #expect(!policy.contains("candidateServers"))
    }

    /// Every bad value exits 64 (usage) with a message naming the option and writes nothing. "-1"
    /// is also given as `--option=-1`, since `--option -1` reads "-1" as an option.
    @Test(arguments: [
        "--capacity-load", "--max-delay", "--candidate-servers", "--spacing", "--users", "--base-stations",
        "--hotspot-share",
    ])
    func badValuesAreUsageErrors(option: String) throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-never-\(UUID().uuidString)")
        var invocations = ["0", "-1", "nan", "inf", "1e400", "5 parsecs", "-inf"].map { ["generate", option, $0] }
        invocations += [["generate", "\(option)=-1"]]
        let tooLarge = [
            "--capacity-load": "1000.5", "--max-delay": "3601 s", "--spacing": "1000001", "--users": "10000001",
            "--base-stations": "100001", "--hotspot-share": "1.5",
        ]
        if let value = tooLarge[option] { invocations.append(["generate", option, value]) }
        for invocation in invocations {
            // 0 is a valid --users and --hotspot-share.
            if invocation.last == "0", option == "--users" || option == "--hotspot-share" { continue }
            let run = try EdgePlanRunner.run(invocation + ["-o", output.path])
            #expect(run.status == 64, "\(invocation): \(run.stderr)")
            #expect(run.stderr.contains(option), "\(invocation): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: output.path))
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
