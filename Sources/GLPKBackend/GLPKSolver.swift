internal import CGLPK
import Foundation
public import MILP

/// GLPK through glpk.h: `glp_intopt` with its presolver, the best bound taken in the callback.
public struct GLPKSolver: MILPSolver, ProgressReportingSolver {
    public let name = "glpk"
    public let capabilities = SolverCapabilities(supportsThreads: false, isThreadSafe: false)

    /// GLPK keeps its environment per thread at best; edgeplan never runs two solves at once.
    private static let lock = NSLock()

    public init() {}

    /// The version of the GLPK library loaded at run time, such as "5.0".
    public static var version: String { String(cString: glp_version()) }

    public func solve(_ model: MILPModel, options: MILPOptions, progress relay: (@Sendable (SolverProgress) -> Void)?)
        -> MILPSolution
    {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let stopwatch = Stopwatch()
        if model.variables.isEmpty {
            return TrivialModel.solve(model, backend: name, seconds: stopwatch.seconds)
        }
        glp_term_out(GLP_OFF)
        let handle = GLPKHandle()
        let problem = handle.problem
        glp_set_obj_dir(problem, model.sense == .maximize ? GLP_MAX : GLP_MIN)
        glp_set_obj_coef(problem, 0, model.objectiveConstant)
        if !model.constraints.isEmpty { glp_add_rows(problem, Int32(model.constraints.count)) }
        for (index, row) in model.constraints.enumerated() {
            let (type, lower, upper) = Self.bounds(row.lower, row.upper)
            glp_set_row_bnds(problem, Int32(index + 1), type, lower, upper)
        }
        glp_add_cols(problem, Int32(model.variables.count))
        for (index, variable) in model.variables.enumerated() {
            let column = Int32(index + 1)
            let (type, lower, upper) = Self.bounds(variable.lowerBound, variable.upperBound)
            glp_set_col_bnds(problem, column, type, lower, upper)
            glp_set_obj_coef(problem, column, variable.objective)
            if variable.isBinary {
                glp_set_col_kind(problem, column, GLP_BV)
            } else if variable.isInteger {
                glp_set_col_kind(problem, column, GLP_IV)
            }
        }
        // GLPK's arrays are 1-based: element 0 is ignored.
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var coefficients: [Double] = [0]
        for (rowIndex, row) in model.constraints.enumerated() {
            for term in row.terms {
                rowIndices.append(Int32(rowIndex + 1))
                columnIndices.append(Int32(term.variable + 1))
                coefficients.append(term.coefficient)
            }
        }
        glp_load_matrix(problem, Int32(coefficients.count - 1), rowIndices, columnIndices, coefficients)

        // The limit counts from the start of this call, loading the problem included.
        let deadline = options.timeLimitSeconds.isNaN ? Double.infinity : options.timeLimitSeconds
        let tracker = GLPKBoundTracker(relay: relay, stopwatch: stopwatch, deadlineSeconds: deadline)
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.presolve = GLP_ON
        parameters.msg_lev = GLP_MSG_OFF
        parameters.mip_gap = options.relativeGap
        // GLPK's own clock bounds the root LP; the search's clock starts only after the presolver
        // and the root LP (a 1 s limit returned after 2 s), so the callback stops the search by
        // this call's wall clock too.
        parameters.tm_lim = Self.milliseconds(deadline - stopwatch.seconds)
        parameters.cb_info = Unmanaged.passUnretained(tracker).toOpaque()
        parameters.cb_func = { tree, info in
            guard let tree, let info else { return }
            let tracker = Unmanaged<GLPKBoundTracker>.fromOpaque(info).takeUnretainedValue()
            if !tracker.stoppedAtDeadline, tracker.stopwatch.seconds >= tracker.deadlineSeconds {
                tracker.stoppedAtDeadline = true
                glp_ios_terminate(tree)
            }
            let node = glp_ios_best_node(tree)
            if node != 0 { tracker.bound = glp_ios_node_bound(tree, node) }
            guard let relay = tracker.relay else { return }
            // An improved incumbent, or the bound moved: report (GLPK's objective is the model's own).
            let reason = glp_ios_reason(tree)
            let problem = glp_ios_get_prob(tree)
            let incumbent =
                glp_mip_status(problem) == GLP_FEAS || glp_mip_status(problem) == GLP_OPT
                ? glp_mip_obj_val(problem) : nil
            if reason == GLP_IBINGO || tracker.bound != tracker.reportedBound {
                tracker.reportedBound = tracker.bound
                relay(SolverProgress(incumbent: incumbent, bound: tracker.bound, seconds: tracker.stopwatch.seconds))
            }
        }
        let code = withExtendedLifetime(tracker) { glp_intopt(problem, &parameters) }
        let status = glp_mip_status(problem)
        var point: [Double]?
        if status == GLP_OPT || status == GLP_FEAS {
            point = (1...model.variables.count).map { glp_mip_col_val(problem, Int32($0)) }
        }
        let objective = point.map { _ in glp_mip_obj_val(problem) }
        var termination: TerminationReason
        var bound: Double? = tracker.bound
        switch code {
        case 0:
            if status == GLP_OPT {
                termination = .optimal
                bound = objective  // the search finished: the optimum is proven
            } else if status == GLP_NOFEAS {
                termination = .infeasible
            } else {
                termination = .error
            }
        case GLP_EMIPGAP: termination = .optimal
        case GLP_ETMLIM: termination = .timeLimit
        // Only the callback terminates the search, and only at the deadline.
        case GLP_ESTOP where tracker.stoppedAtDeadline: termination = .timeLimit
        case GLP_ENOPFS: termination = .infeasible
        case GLP_ENODFS: termination = .unbounded
        default: termination = .error
        }
        if termination == .infeasible { bound = nil }
        return MILPSolution(
            backend: name, termination: termination, primal: point == nil ? .noSolution : .feasiblePoint,
            objective: objective, bound: bound, seconds: stopwatch.seconds, values: point,
            message: termination == .error ? "glp_intopt returned \(code), MIP status \(status)" : nil)
    }

    /// `tm_lim` in milliseconds, within Int32: an infinite or huge limit is GLPK's "none"
    /// (`INT_MAX`), a spent one is zero. (`Int(_:)` of an infinite limit trapped.)
    static func milliseconds(_ seconds: Double) -> Int32 {
        guard !seconds.isNaN else { return Int32.max }
        let milliseconds = (seconds * 1000).rounded(.up)
        if milliseconds >= Double(Int32.max) { return Int32.max }
        return milliseconds <= 0 ? 0 : Int32(milliseconds)
    }

    /// GLPK's bound type for `[lower, upper]`.
    static func bounds(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): lower == upper ? (GLP_FX, lower, upper) : (GLP_DB, lower, upper)
        }
    }
}

/// Owns one `glp_prob`, deleted when the handle goes.
final class GLPKHandle {
    let problem: OpaquePointer

    init() { problem = glp_create_prob() }

    deinit { glp_delete_prob(problem) }
}

/// Receives the best bound from GLPK's branch-and-bound callback (after `glp_intopt` the tree is
/// gone, and the bound with it), and stops the search at the deadline.
final class GLPKBoundTracker {
    var bound: Double?
    var reportedBound: Double?
    let relay: (@Sendable (SolverProgress) -> Void)?
    /// Started when the solve began.
    let stopwatch: Stopwatch
    /// Seconds on `stopwatch` after which the search is terminated.
    let deadlineSeconds: Double
    /// Whether the callback terminated the search for time (`glp_intopt` then says `GLP_ESTOP`).
    var stoppedAtDeadline = false

    init(relay: (@Sendable (SolverProgress) -> Void)?, stopwatch: Stopwatch, deadlineSeconds: Double) {
        self.relay = relay
        self.stopwatch = stopwatch
        self.deadlineSeconds = deadlineSeconds
    }
}
