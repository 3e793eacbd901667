import CBCBackend
import EdgeModel
import MILP
import TestSupport
import Testing

@testable import Planner

/// Planning over time: who holds capacity while others are decided.
struct OfflinePlannerTests {
    static func problem() throws -> Problem {
        try ProblemFixture.loadBundled(["Examples/ngo2020-testbed", "Models/ngo2020.yaml"])
    }

    /// Users not being decided hold their placement; a migration in flight also holds its source.
    @Test func reservationHoldsOthersAndMigrationsInFlight() throws {
        let problem = try Self.problem()
        let planner = OfflinePlanner(
            problem: problem, solver: CBCSolver(), options: MILPOptions(), generatorVersion: "test")
        let attachments = [
            Attachment(baseStation: BaseStationIndex(0), server: ServerIndex(0)),  // openface: cpu 2
            Attachment(baseStation: BaseStationIndex(1), server: ServerIndex(1)),  // yolo: cpu 4
            Attachment(baseStation: BaseStationIndex(0), server: ServerIndex(0)),  // simple: cpu 0.5, being decided
        ]
        let yolo = problem.apps.first { $0.name == "yolo" }?.resources ?? .zero
        let reservation = planner.reservation(
            excluding: [2], attachments: attachments, inFlight: [(server: ServerIndex(2), demand: yolo, until: 99)])
        #expect(reservation.resources[ServerIndex(0)]?.cpu == Cores(2))
        #expect(reservation.resources[ServerIndex(1)]?.cpu == Cores(4))
        #expect(reservation.resources[ServerIndex(2)]?.cpu == Cores(4))
        #expect(reservation.users[BaseStationIndex(0)] == 1)
        #expect(reservation.users[BaseStationIndex(1)] == 1)
    }

    /// The baselines react to the handover within the next step, to the strongest base station.
    @Test func nearestHandsOverWhenTheRSSIForcesIt() throws {
        let problem = try Self.problem()
        let planned = OfflinePlanner(
            problem: problem, solver: CBCSolver(), options: MILPOptions(), generatorVersion: "test"
        )
        .run(OfflinePlanningOptions(startSeconds: 0, endSeconds: 300, stepSeconds: 1, planner: .nearest))
        // The Simple user walks 1 m/s from ap1 (x = 0) towards ap2 (x = 100): the 3 dB hysteresis
        // puts ap2 ahead at x = 100·10^0.1/(1 + 10^0.1) = 55.73 m, so at 55.73 s.
        let first = try #require(planned.plan.decisions.first { $0.user == "simple-walker" })
        #expect(first.to.bs == "ap2")
        #expect(first.to.server == "edge2")
        let handover = try #require(first.actions.first { $0.type == "handover" })
        #expect(abs(handover.at - 55.73) < 0.01)
        // Sequential: the migration starts once the handover is over.
        let migration = try #require(first.actions.first { $0.type == "migration" })
        #expect(migration.at >= handover.at + handover.duration - 1e-9)
        #expect(planned.plan.coordination == "sequential")
    }
}

extension OfflinePlannerTests {
    /// Planning a span with the candidates priced gives the plan of planning with every candidate
    /// built: the same decisions (each epoch's optimum is unique here), and the same objective in
    /// sum. The SUMO grid has 12 vehicles due at many epochs, with reservations of the others.
    @Test(arguments: [
        ["Examples/ngo2020-testbed", "Models/ngo2020.yaml"], ["Examples/sumo-grid", "Models/ngo2020.yaml"],
    ])
    func pricedPlansMatchBuiltPlans(_ inputs: [String]) throws {
        let problem = try ProblemFixture.loadBundled(inputs)
        let options = MILPOptions(timeLimitSeconds: 20, relativeGap: 0)
        let span = OfflinePlanningOptions(startSeconds: 0, endSeconds: 120, stepSeconds: 1, planner: .orchestrated)
        let built = OfflinePlanner(problem: problem, solver: CBCSolver(), options: options, generatorVersion: "test")
            .run(span)
        let priced = OfflinePlanner(
            problem: problem, solver: CBCSolver(), options: options, generatorVersion: "test", lpSolver: ClpLPSolver()
        ).run(span)
        #expect(built.solves > 0)
        #expect(priced.solves == built.solves)
        #expect(priced.stranded == built.stranded)
        let describe = { (plan: OfflinePlanResult) in
            plan.plan.decisions.map { "\($0.user)@\($0.decidedAt)→\($0.to.bs)/\($0.to.server)" }
        }
        #expect(describe(priced) == describe(built))
        let objective = try #require(built.plan.solver.objective)
        #expect(abs((priced.plan.solver.objective ?? .nan) - objective) <= 1e-6 * max(1, abs(objective)))
    }
}
