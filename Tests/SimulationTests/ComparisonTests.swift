import CBCBackend
import EdgeModel
import Foundation
import MILP
import Plan
import Planner
import Simulation
import TestSupport
import Testing

/// Seed 000's comparison on its testbed (Examples/ngo2020-testbed): the directions the paper
/// reports, measured by replaying each planner's plan on the same motion.
@Suite(.serialized)
struct ComparisonTests {
    static func replays() throws -> [PlannerKind: ReplayReport] {
        let problem = try ProblemFixture.loadBundled(["Examples/ngo2020-testbed", "Models/ngo2020.yaml"])
        var reports: [PlannerKind: ReplayReport] = [:]
        for planner in [PlannerKind.orchestrated, .nearest, .random, .cloud] {
            let planned = OfflinePlanner(
                problem: problem, solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 10),
                generatorVersion: "test"
            ).run(
                OfflinePlanningOptions(
                    startSeconds: 0, endSeconds: 1600, stepSeconds: 1, planner: planner, randomSeed: 1))
            #expect(planned.unsolved == 0)
            reports[planner] = Simulator.replay(problem: problem, plan: planned.plan, startSeconds: 0, endSeconds: 1600)
        }
        return reports
    }

    @Test func directionsOfSeed000() throws {
        let reports = try Self.replays()
        let orchestrated = try #require(reports[.orchestrated]?.overall)
        let nearest = try #require(reports[.nearest]?.overall)
        let random = try #require(reports[.random]?.overall)
        let cloud = try #require(reports[.cloud]?.overall)
        // Less total downtime than nearest and random (the paper saw 30–40 % less).
        #expect(orchestrated.downtimeSeconds < nearest.downtimeSeconds)
        #expect(orchestrated.downtimeSeconds < random.downtimeSeconds)
        #expect(orchestrated.downtimeSeconds < 0.85 * nearest.downtimeSeconds)
        // Lower mean E2E delay than random and nearest; the cloud has the highest.
        #expect(orchestrated.meanDelaySeconds < random.meanDelaySeconds)
        #expect(orchestrated.meanDelaySeconds < nearest.meanDelaySeconds)
        #expect(
            cloud.meanDelaySeconds
                > max(orchestrated.meanDelaySeconds, nearest.meanDelaySeconds, random.meanDelaySeconds))
        // The cloud planner hands over but never migrates after placing the containers; everyone
        // hands over the same number of times on the same motion.
        #expect(cloud.migrations == 3)
        #expect(Set([orchestrated, nearest, random, cloud].map(\.handovers)).count == 1)
        #expect(orchestrated.outOfCoverageSeconds == 0)
    }

    /// Every plan these planners write validates against the schema.
    @Test func offlinePlansValidate() throws {
        let problem = try ProblemFixture.loadBundled(["Examples/ngo2020-testbed", "Models/ngo2020.yaml"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "edgeplan-offline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var files: [String] = []
        for planner in [PlannerKind.orchestrated, .nearest, .random, .cloud] {
            let planned = OfflinePlanner(
                problem: problem, solver: CBCSolver(), options: MILPOptions(timeLimitSeconds: 10),
                generatorVersion: "0.1.0"
            ).run(OfflinePlanningOptions(startSeconds: 0, endSeconds: 600, stepSeconds: 1, planner: planner))
            let file = directory.appendingPathComponent("\(planner.rawValue).json")
            try planned.plan.encoded().write(to: file)
            files.append(file.path)
            #expect(planned.plan.planner == planner.rawValue)
            #expect(planned.plan.coordination == (planner == .orchestrated ? "coordinated" : "sequential"))
            #expect(planned.plan.timeline.count == planned.plan.decisions.reduce(0) { $0 + $1.actions.count })
        }
        try PlanSchemaValidator.validate(files)
    }
}
