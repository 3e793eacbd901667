import Foundation
public import MILP

/// Solves an assignment program through the exact reductions: presolve (rows that cannot bind,
/// dominated columns), then independent components, each solved on its own — by taking every
/// user's best column where only assignment rows are left, by the backend otherwise — and the
/// answers put back together against the program handed in.
public struct ProgramSolver: Sendable {
    public let solver: any MILPSolver
    public let options: MILPOptions
    /// Worker processes for solving several components at once (neither library may run two solves
    /// in one process); nil solves them one after another here.
    public let workers: ProcessPoolSolver?
    /// Receives the solver's progress (incumbent, bound) where the backend reports it.
    public let progress: (@Sendable (SolverProgress) -> Void)?
    /// Whether the exact reductions run; without them the program goes to the backend as it is (for
    /// tests and comparisons: the answer is the same).
    public let reduces: Bool

    public init(
        solver: any MILPSolver, options: MILPOptions, workers: ProcessPoolSolver? = nil,
        progress: (@Sendable (SolverProgress) -> Void)? = nil, reduces: Bool = true
    ) {
        self.solver = solver
        self.options = options
        self.workers = workers
        self.progress = progress
        self.reduces = reduces
    }

    public func solve(_ program: AssignmentProgram) -> ProgramAnswer {
        guard reduces else {
            var answer = ProgramAnswer(solve(program.model, options: options, part: nil))
            answer.statistics.componentCount = 1
            answer.statistics.solverComponentCount = 1
            if answer.status == .infeasible {
                answer.infeasibleComponents = [
                    ModelComponent(
                        model: program.model, columns: Array(program.model.variables.indices),
                        rows: Array(program.model.constraints.indices))
                ]
            }
            return answer
        }
        let stopwatch = Stopwatch()
        var masked = MaskedProgram(program)
        let presolved = Presolve().reduceCounting(&masked)
        let split = ComponentSplit()
        let (components, layout) = split.apply(masked)
        let needSolver = components.indices.filter { !components[$0].isAssignmentOnly(in: program) }
        var answers = [MILPSolution?](repeating: nil, count: components.count)
        for index in components.indices where !needSolver.contains(index) {
            answers[index] = Self.bestPerRow(components[index].model, backend: solver.name)
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
            answers[largest] = solve(
                components[largest].model, options: options,
                part: Self.describe(components[largest], of: components.count))
            group.wait()
            for (index, solution) in zip(others, solvedElsewhere.values) { answers[index] = solution }
        } else {
            // One component at a time in this process: neither CBC nor GLPK may run two solves at
            // once in a process (see their backends); each gets the policy's threads and what is
            // left of the time limit.
            for index in needSolver {
                var remaining = options
                remaining.timeLimitSeconds = max(0.01, options.timeLimitSeconds - stopwatch.seconds)
                answers[index] = solve(
                    components[index].model, options: remaining,
                    part: Self.describe(components[index], of: components.count))
            }
        }
        var answer = split.invert(answers.map { $0 ?? Self.missing(backend: solver.name) }, layout)
        answer.backend = solver.name
        answer.seconds = stopwatch.seconds
        answer.statistics.droppedRowCount = presolved.rows
        answer.statistics.dominatedColumnCount = presolved.columns
        answer.statistics.solvedInWorkers = useWorkers
        return answer
    }

    /// One component in this process, reporting progress where the backend can.
    func solve(_ model: MILPModel, options: MILPOptions, part: String? = nil) -> MILPSolution {
        if let progress, let reporting = solver as? any ProgressReportingSolver {
            return reporting.solve(model, options: options) { state in
                var state = state
                state.part = part
                progress(state)
            }
        }
        return solver.solve(model, options: options)
    }

    /// "a component of 118,081 columns and 4,416 rows" when there are several, else nil.
    static func describe(_ component: ModelComponent, of count: Int) -> String? {
        count > 1
            ? "a component of \(component.model.variables.count) columns and \(component.model.constraints.count) rows"
            : nil
    }

    static func missing(backend: String) -> MILPSolution {
        MILPSolution(
            backend: backend, termination: .error, primal: .noSolution, objective: nil, bound: nil, seconds: 0,
            values: nil, message: "no answer for a component")
    }

    /// A component whose only rows are assignment rows: each user takes its best column (exact).
    static func bestPerRow(_ model: MILPModel, backend: String) -> MILPSolution {
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
                    seconds: 0, values: nil)
            }
            values[best.variable] = 1
            objective += model.variables[best.variable].objective
        }
        return MILPSolution(
            backend: backend, termination: .optimal, primal: .feasiblePoint, objective: objective, bound: objective,
            seconds: 0, values: values)
    }
}

/// What the worker processes returned, handed from their thread to the caller's.
private final class SolvedComponents: @unchecked Sendable {
    var values: [MILPSolution] = []
}
