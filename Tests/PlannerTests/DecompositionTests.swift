import CBCBackend
import EdgeModel
import GLPKBackend
import MILP
import Planner
import Solving
import TestSupport
import Testing

/// Each exact reduction keeps the optimum.
struct DecompositionTests {
    static let options = MILPOptions(timeLimitSeconds: 20, relativeGap: 0, threads: 1)

    static func lowered(_ problem: Problem) -> LoweredModel {
        let generator = CandidateGenerator(problem: problem, paths: PathCache(topology: problem.topology))
        return ModelLowering.lower(
            problem: problem, candidates: problem.workload.users.indices.map { generator.candidates(forUser: $0) })
    }

    /// What the exact reductions remove, and the components they leave.
    static func reduce(_ lowered: LoweredModel) -> (
        droppedRows: [Int], dominatedColumns: [Int], components: [ModelComponent]
    ) {
        var masked = MaskedProgram(lowered.program)
        _ = Presolve().reduce(&masked)
        let components = ComponentSplit().apply(masked).target
        return (
            masked.isRowKept.indices.filter { !masked.isRowKept[$0] },
            masked.isColumnActive.indices.filter { !masked.isColumnActive[$0] }, components
        )
    }

    /// Dropping rows that cannot bind: the full model and the model without them (and without the
    /// dominated columns, whose removal can leave more rows unable to bind) have one optimum.
    @Test func droppingRowsThatCannotBind() {
        var generator = RandomInstances(seed: 99)
        var droppedSomething = 0
        for _ in 0..<60 {
            let lowered = Self.lowered(generator.problem())
            let reduction = Self.reduce(lowered)
            let dropped = reduction.droppedRows
            droppedSomething += dropped.isEmpty ? 0 : 1
            var without = lowered.model
            for column in reduction.dominatedColumns { without.variables[column].upperBound = 0 }
            without.constraints = lowered.model.constraints.enumerated().filter { !dropped.contains($0.offset) }.map(
                \.element)
            let full = CBCSolver().solve(lowered.model, options: Self.options)
            let reduced = CBCSolver().solve(without, options: Self.options)
            #expect(SolveStatus(full) == SolveStatus(reduced))
            if let a = full.objective, let b = reduced.objective { #expect(abs(a - b) <= 1e-6 * max(1, abs(a))) }
        }
        #expect(droppedSomething > 30)
    }

    /// Removing dominated columns (and the rows that then cannot bind): the full model and the model
    /// with those columns fixed to 0 have one optimum.
    @Test func removingDominatedColumns() {
        var generator = RandomInstances(seed: 7)
        var removedSomething = 0
        for _ in 0..<60 {
            let lowered = Self.lowered(generator.problem())
            let reduction = Self.reduce(lowered)
            removedSomething += reduction.dominatedColumns.isEmpty ? 0 : 1
            var fixed = lowered.model
            for column in reduction.dominatedColumns { fixed.variables[column].upperBound = 0 }
            let full = CBCSolver().solve(lowered.model, options: Self.options)
            let reduced = CBCSolver().solve(fixed, options: Self.options)
            #expect(SolveStatus(full) == SolveStatus(reduced))
            if let a = full.objective, let b = reduced.objective { #expect(abs(a - b) <= 1e-6 * max(1, abs(a))) }
            // A dominated column is never the only column of its user.
            for column in reduction.dominatedColumns {
                let user = lowered.columns[column].user
                #expect(
                    lowered.columns.indices.contains {
                        lowered.columns[$0].user == user && !reduction.dominatedColumns.contains($0)
                    })
            }
        }
        #expect(removedSomething >= 5)
    }

    /// Two users of one app attached to the first base station and its edge server, which has one
    /// core, so its row binds; a cloud with room for everyone. Base stations 20 m apart, each
    /// linked to the edge server.
    static func contestedEdge(stations: [String], cloudCompute: String, userX: [Int]) -> String {
        var yaml = "kind: Topology\nname: t\nbaseStations:\n"
        for (i, station) in stations.enumerated() {
            yaml += "  - {id: \(station), position: [\(20 * i), 0], txPower: 20 dBm}\n"
        }
        yaml += """
            servers:
              - {id: edge, tier: edge, compute: 1, capacity: {cpu: 1, memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}
              - {id: cloud, tier: cloud, compute: \(cloudCompute), capacity: {cpu: 1000, memory: 1 TB, storage: 1 TB, netio: 100 Gbps}}
            links:

            """
        for station in stations { yaml += "  - {between: [\(station), edge], bandwidth: 1 Gbps, rtt: 1 ms}\n" }
        yaml += """
              - {between: [edge, cloud], bandwidth: 1 Gbps, rtt: 20 ms}
            ---
            kind: AppProfile
            name: app
            image: 500 MB
            checkpoint: {full: 50 MB, delta: 5 MB}
            state: application
            resources: {cpu: 1, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 20 /s, processing: 100 ms}
            ---
            kind: Policy
            name: p
            ---
            kind: Workload
            name: w
            users:

            """
        for (i, x) in userX.enumerated() {
            yaml +=
                "  - {id: u\(i + 1), app: app, attachment: {bs: \(stations[0]), server: edge}, position: [\(x), 0]}\n"
        }
        return yaml
    }

    /// A free column (in no row that can bind) with a larger objective removes the user's other
    /// columns; one that is worse removes nothing.
    @Test func dominanceByHand() throws {
        // Two users, one edge core: the edge row binds, the cloud's never does.
        for (compute, expectDominated) in [("4", 2), ("1", 0)] {
            let problem = try ProblemFixture.load(
                Self.contestedEdge(stations: ["b"], cloudCompute: compute, userX: [1, 2]))
            let lowered = Self.lowered(problem)
            let reduction = Self.reduce(lowered)
            // A fast cloud beats staying for both users; a slow one does not, and the edge stays contested.
            #expect(reduction.dominatedColumns.count == expectDominated, "compute \(compute)")
            if expectDominated > 0 {
                // The edge row then has no columns left and cannot bind either: every user is alone.
                #expect(reduction.components.count == 2)
                #expect(reduction.components.allSatisfy { $0.model.constraints.count == 1 })
            }
        }
    }

    /// Two base stations reach the contested edge server: of each user's two columns on it (same
    /// rows, same coefficients), the one with the handover is worse and goes.
    @Test func dominanceBySameRows() throws {
        let problem = try ProblemFixture.load(
            Self.contestedEdge(stations: ["b1", "b2"], cloudCompute: "1", userX: [5, 6]))
        let lowered = Self.lowered(problem)
        #expect(lowered.model.variables.count == 8)
        let reduction = Self.reduce(lowered)
        let names = reduction.dominatedColumns.map { lowered.model.variables[$0].name }.sorted()
        #expect(names == ["z#u1#b2#edge", "z#u2#b2#edge"])
        let full = CBCSolver().solve(lowered.model, options: Self.options)
        let reduced = ProgramSolver(solver: CBCSolver(), options: Self.options).solve(lowered.program)
        #expect(abs((full.objective ?? .nan) - (reduced.objective ?? 0)) <= 1e-9)
    }

    /// Ten clusters that share nothing: ten components, whose optima add up to
    /// the optimum of the whole.
    @Test(arguments: ["cbc", "glpk"])
    func independentComponentsAddUp(_ backend: String) throws {
        var yaml = "kind: Topology\nname: clusters\nbaseStations:\n"
        for cluster in 0..<10 {
            yaml += "  - {id: b\(cluster), position: [\(cluster * 10_000), 0], txPower: 20 dBm, maxUsers: 2}\n"
        }
        yaml += "servers:\n"
        for cluster in 0..<10 {
            for server in 0..<2 {
                yaml +=
                    "  - {id: s\(cluster)-\(server), tier: edge, compute: \(1 + server), capacity: {cpu: \(2 + cluster % 2), memory: 16 GB, storage: 100 GB, netio: 1 Gbps}}\n"
            }
        }
        yaml += "links:\n"
        for cluster in 0..<10 {
            yaml += "  - {between: [b\(cluster), s\(cluster)-0], bandwidth: 1 Gbps, rtt: 1 ms}\n"
            yaml += "  - {between: [s\(cluster)-0, s\(cluster)-1], bandwidth: 200 Mbps, rtt: \(5 + cluster) ms}\n"
        }
        yaml += """
            ---
            kind: AppProfile
            name: app
            image: 500 MB
            checkpoint: {full: 50 MB, delta: 5 MB}
            state: application
            resources: {cpu: 2, memory: 1 GB, storage: 1 GB, netio: 10 Mbps}
            task: {size: 100 KB, rate: 20 /s, processing: 100 ms}
            ---
            kind: Policy
            name: p
            gainWindow: 60 s
            ---
            kind: Workload
            name: w
            users:

            """
        for cluster in 0..<10 {
            for user in 0..<2 {
                yaml +=
                    "  - {id: u\(cluster)-\(user), app: app, attachment: {bs: b\(cluster), server: s\(cluster)-0}, position: [\(cluster * 10_000 + user), 0]}\n"
            }
        }
        let problem = try ProblemFixture.load(yaml)
        let lowered = Self.lowered(problem)
        let solver: any MILPSolver = backend == "cbc" ? CBCSolver() : GLPKSolver()
        let whole = solver.solve(lowered.model, options: Self.options)
        let split = ProgramSolver(solver: solver, options: Self.options).solve(lowered.program)
        #expect(split.statistics.componentCount == 10)
        #expect(split.statistics.solverComponentCount == 10)
        #expect(split.status == .optimal)
        #expect(
            abs((split.objective ?? .nan) - (whole.objective ?? .nan)) <= 1e-6
                * max(1, abs(whole.objective ?? 1)))
        #expect(
            abs((split.bound ?? .nan) - (whole.objective ?? .nan)) <= 1e-6 * max(1, abs(whole.objective ?? 1)))
        if let values = split.values { #expect(lowered.model.isFeasible(values)) }
    }
}
