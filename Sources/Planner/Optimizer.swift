import Foundation
public import MILP

/// The answer for a whole lowered model, assembled from its components.
public struct OptimizationResult: Sendable {
    /// Status, objective, bound and gap of the whole program; values for every column of it.
    public let solution: MILPSolution
    /// Independent components after the exact reductions, and how many needed the solver.
    public let componentCount: Int
    public let solverComponentCount: Int
    /// Rows dropped because they cannot bind.
    public let droppedRowCount: Int
    /// Columns fixed to 0 because a better column of the same user uses a subset of their rows.
    public let dominatedColumnCount: Int
    /// Components the solver proved infeasible (indices into the full model's rows).
    public let infeasibleComponents: [ModelComponent]
    /// Whether the components were solved in parallel worker processes.
    public let solvedInWorkers: Bool
}

/// Solves a lowered model component by component.
public struct Optimizer: Sendable {
    public let solver: any MILPSolver
    public let options: MILPOptions
    /// Worker processes for solving several components at once (neither library may run two solves
    /// in one process); nil solves them one after another here.
    public let workers: ProcessPoolSolver?

    public init(solver: any MILPSolver, options: MILPOptions, workers: ProcessPoolSolver? = nil) {
        self.solver = solver
        self.options = options
        self.workers = workers
    }

    public func solve(_ lowered: LoweredModel) -> OptimizationResult {
        let stopwatch = Stopwatch()
        let model = lowered.model
        let reduction = Decomposition.reduce(lowered)
        let components = reduction.components
        let assignmentOnly = components.map { component in
            component.rows.allSatisfy { if case .assignment = lowered.rows[$0] { true } else { false } }
        }
        let needSolver = components.indices.filter { !assignmentOnly[$0] }
        var results = [MILPSolution?](repeating: nil, count: components.count)
        for index in components.indices where assignmentOnly[index] {
            results[index] = Self.bestPerRow(components[index], backend: solver.name)
        }
        let useWorkers = workers != nil && needSolver.count > 1
        if let workers, useWorkers {
            // Several components: the largest is solved here with the policy's threads (sending it
            // to a worker cost seconds of encoding on a 10,000-user city), the others meanwhile in
            // worker processes, one thread each, as many at once as there are cores.
            let largest =
                needSolver.max { components[$0].model.nonzeroCount < components[$1].model.nonzeroCount }
                ?? needSolver[0]
            let others = needSolver.filter { $0 != largest }
            var singleThread = options
            singleThread.threads = 1
            let single = singleThread
            let group = DispatchGroup()
            let solvedElsewhere = SolvedComponents()
            DispatchQueue.global().async(group: group) {
                solvedElsewhere.values = workers.solve(others.map { components[$0].model }, options: single)
            }
            results[largest] = solver.solve(components[largest].model, options: options)
            group.wait()
            for (index, solution) in zip(others, solvedElsewhere.values) { results[index] = solution }
        } else {
            // One component at a time in this process: neither CBC nor GLPK may run two solves at
            // once in a process (see their backends); each gets the policy's threads and what is
            // left of the time limit.
            for index in needSolver {
                var remaining = options
                remaining.timeLimitSeconds = max(0.01, options.timeLimitSeconds - stopwatch.seconds)
                results[index] = solver.solve(components[index].model, options: remaining)
            }
        }

        var values = [Double](repeating: 0, count: model.variables.count)
        var objective = model.objectiveConstant
        var bound: Double? = model.objectiveConstant
        var termination = TerminationReason.optimal
        var hasPoint = true
        var infeasible: [ModelComponent] = []
        var messages: [String] = []
        for (component, result) in zip(components, results) {
            guard let result else { continue }
            if let message = result.message { messages.append(message) }
            termination = Self.worse(termination, result.termination)
            if result.termination == .infeasible { infeasible.append(component) }
            if let point = result.values, result.primal == .feasiblePoint {
                for (local, column) in component.columns.enumerated() { values[column] = point[local] }
                objective += result.objective ?? 0
            } else {
                hasPoint = false
            }
            if let componentBound = result.bound, let total = bound {
                bound = total + componentBound
            } else {
                bound = nil
            }
        }
        let seconds = stopwatch.seconds
        let solution = MILPSolution(
            backend: solver.name, termination: termination, primal: hasPoint ? .feasiblePoint : .noSolution,
            objective: hasPoint ? objective : nil, bound: termination == .infeasible ? nil : bound, seconds: seconds,
            values: hasPoint ? values : nil, message: messages.isEmpty ? nil : messages.joined(separator: "; "))
        return OptimizationResult(
            solution: solution, componentCount: components.count, solverComponentCount: needSolver.count,
            droppedRowCount: reduction.droppedRows.count, dominatedColumnCount: reduction.dominatedColumns.count,
            infeasibleComponents: infeasible, solvedInWorkers: useWorkers)
    }

    /// A component whose only rows are assignment rows: each user takes its best column (exact).
    static func bestPerRow(_ component: ModelComponent, backend: String) -> MILPSolution {
        let model = component.model
        var values = [Double](repeating: 0, count: model.variables.count)
        var objective = model.objectiveConstant
        for row in model.constraints {
            // Ties go to the first column, which keeps answers deterministic.
            guard
                let best = row.terms.max(by: {
                    model.variables[$0.variable].objective < model.variables[$1.variable].objective
                        || (model.variables[$0.variable].objective == model.variables[$1.variable].objective
                            && $0.variable > $1.variable)
                })
            else {
                return MILPSolution(
                    backend: backend, termination: .infeasible, primal: .noSolution, objective: nil, bound: nil,
                    seconds: 0,
                    values: nil)
            }
            values[best.variable] = 1
            objective += model.variables[best.variable].objective
        }
        return MILPSolution(
            backend: backend, termination: .optimal, primal: .feasiblePoint, objective: objective, bound: objective,
            seconds: 0,
            values: values)
    }

    /// The status of a whole from the statuses of its parts.
    static func worse(_ a: TerminationReason, _ b: TerminationReason) -> TerminationReason {
        let order: [TerminationReason] = [.optimal, .otherLimit, .timeLimit, .unbounded, .error, .infeasible]
        return (order.firstIndex(of: a) ?? 0) >= (order.firstIndex(of: b) ?? 0) ? a : b
    }
}

/// What the worker processes returned, handed from their thread to the caller's.
private final class SolvedComponents: @unchecked Sendable {
    var values: [MILPSolution] = []
}
