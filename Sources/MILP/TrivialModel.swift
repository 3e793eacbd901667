/// A model without variables: backends hand it here rather than to a library that may not accept
/// an empty matrix.
public enum TrivialModel {
    public static func solve(_ model: MILPModel, backend: String, seconds: Double) -> MILPSolution {
        let feasible = model.constraints.allSatisfy { $0.lower <= 0 && 0 <= $0.upper }
        return MILPSolution(
            backend: backend, termination: feasible ? .optimal : .infeasible,
            primal: feasible ? .feasiblePoint : .noSolution, objective: feasible ? model.objectiveConstant : nil,
            bound: feasible ? model.objectiveConstant : nil, seconds: seconds, values: feasible ? [] : nil)
    }
}
