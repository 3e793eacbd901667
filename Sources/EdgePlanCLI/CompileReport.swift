import EdgeModel
import Foundation
import MILP
import Planner
import Solving

/// Renders the result of `compile` for people.
enum CompileReport {
    static func text(problem: Problem, result: CompileResult) -> String {
        let topology = problem.topology
        var out = ""
        let model = result.lowered.model
        if let solution = result.answer {
            let statistics = solution.statistics
            out += "solver \(solution.backend): \(solution.status.rawValue)"
            if let objective = solution.objective { out += ", objective \(number(objective)) s" }
            out += ", bound \(solution.bound.map { number($0) + " s" } ?? "none")"
            out += ", gap \(solution.gap.map(number) ?? "none"), \(String(format: "%.3f", solution.seconds)) s\n"
            out +=
                result.pricing == nil
                ? "model: \(model.variables.count) variables"
                : "restricted program: \(model.variables.count) columns of the whole program"
            out += ", \(model.constraints.count) constraints, \(model.nonzeroCount) nonzeros; "
            out +=
                "\(statistics.componentCount) independent components (\(statistics.solverComponentCount) sent to the solver"
            out += statistics.solvedInWorkers ? ", in parallel worker processes), " : "), "
            out += "\(statistics.droppedRowCount) rows that cannot bind dropped, "
            out += "\(statistics.dominatedColumnCount) dominated columns removed\n"
            if let pricing = result.pricing, solution.status != .infeasible {
                out += "pricing: \(pricing.generatedColumns) columns generated in \(pricing.rounds) rounds"
                if pricing.phaseOneRounds > 0 { out += " (and \(pricing.phaseOneRounds) of phase one)" }
                // Ten digits: the LP solvers agree on them, not always on the last bit.
                let bound = pricing.lpBound.map { String(format: "%.10g", $0) } ?? "none"
                out += pricing.converged ? ", LP bound \(bound) s" : ", not converged (LP bound \(bound) s)"
                if pricing.stoppedForMemory { out += " — stopped: more columns would not fit in --max-memory" }
                out +=
                    pricing.certifiedByFixing
                    ? "; reduced-cost fixing added \(pricing.fixingColumns) columns, so the solver's bound holds for the whole program"
                    : "; the bound is the LP relaxation's"
                out += "\n"
            }
            if let message = solution.message, solution.status != .optimal { out += "solver message: \(message)\n" }
        }
        for finding in result.infeasibility {
            out += "infeasible: \(finding.describe(problem))\n"
        }
        guard !result.decisions.isEmpty else { return out }
        out += "decisions at t = \(number(result.time.value)) s:\n"
        var rows = [["user", "from", "to", "gain/task", "tasks", "downtime", "objective"]]
        for decision in result.decisions {
            let user = problem.workload.users[decision.user]
            let c = decision.candidate
            rows.append([
                user.id,
                "\(topology.baseStations[decision.from.baseStation.rawValue].id)/\(topology.servers[decision.from.server.rawValue].id)",
                "\(topology.baseStations[c.baseStation.rawValue].id)/\(topology.servers[c.server.rawValue].id)",
                String(format: "%.4f s", c.gainPerTaskSeconds), number(c.tasks),
                String(format: "%.3f s", c.downtimeSeconds),
                String(format: "%.4f s", c.objectiveSeconds),
            ])
        }
        out += TextTable.render(rows, indent: "  ")
        return out
    }

    static func number(_ value: Double) -> String { CheckReport.format(value) }
}
