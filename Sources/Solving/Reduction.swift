/// One step between the program as written and the one a solver is given (CVXPY's reductions):
/// `apply` rewrites the program and keeps what `invert` needs to turn an answer of the rewritten
/// program into an answer of the one it came from. Every reduction in edgeplan is exact: the
/// inverted answer has the original's optimum, bound and gap.
public protocol Reduction: Sendable {
    associatedtype Source
    associatedtype Target
    associatedtype Inverse
    associatedtype TargetAnswer
    associatedtype SourceAnswer

    func apply(_ source: Source) throws -> (target: Target, inverse: Inverse)
    func invert(_ answer: TargetAnswer, _ inverse: Inverse) -> SourceAnswer
}

/// A reduction that only switches rows or columns off: the program keeps its indexing, so
/// answers map back unchanged (a removed column is 0 in every answer).
public protocol MaskReduction: Reduction
where Source == MaskedProgram, Target == MaskedProgram, TargetAnswer == ProgramAnswer, SourceAnswer == ProgramAnswer {
    /// Switches off what the rule removes; returns how many rows or columns that was.
    func reduce(_ program: inout MaskedProgram) -> Int
}

extension MaskReduction {
    public func apply(_ source: MaskedProgram) -> (target: MaskedProgram, inverse: Int) {
        var target = source
        let removed = reduce(&target)
        return (target, removed)
    }

    public func invert(_ answer: ProgramAnswer, _ inverse: Int) -> ProgramAnswer { answer }
}
