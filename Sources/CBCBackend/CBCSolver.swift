internal import CCbc
import Foundation
public import MILP

/// CBC (COIN-OR branch and cut) through its C interface.
public struct CBCSolver: MILPSolver, ProgressReportingSolver {
    public let name = "cbc"
    public let capabilities = SolverCapabilities(supportsThreads: true, isThreadSafe: false)

    /// CbcMain, behind the C interface, keeps static state: two solves at once in one process
    /// were seen to garble each other's arguments, after which CBC prints "Coin:" and reads
    /// commands from standard input. Solves are serialised; CBC's own threads parallelise one.
    private static let lock = NSLock()

    public init() {}

    /// The version of the CBC library loaded at run time, such as "2.10.8".
    public static var version: String { String(cString: Cbc_getVersion()) }

    /// Runs `body` with file descriptor 1 on /dev/null (nothing else writes standard output while
    /// a solve runs: reports and plans are written after it).
    static func withStandardOutputSilenced(_ body: () -> Void) {
        fflush(nil)
        let saved = dup(1)
        let sink = open("/dev/null", O_WRONLY)
        guard saved >= 0, sink >= 0 else {
            if saved >= 0 { close(saved) }
            if sink >= 0 { close(sink) }
            body()
            return
        }
        dup2(sink, 1)
        close(sink)
        body()
        fflush(nil)
        dup2(saved, 1)
        close(saved)
    }

    /// A CBC model holding `model`, with the options set.
    static func load(_ model: MILPModel, options: MILPOptions) -> CBCHandle {
        let handle = CBCHandle()
        let cbc = handle.model
        if model.variables.allSatisfy(\.isInteger) {
            // Pure integer programs (every lowered plan) go in at once, by column: adding rows one
            // by one resized CBC's column-ordered matrix for each row.
            loadAtOnce(model, into: cbc)
        } else {
            loadOneByOne(model, into: cbc)
        }
        Cbc_setObjSense(cbc, model.sense == .maximize ? -1 : 1)
        Cbc_setLogLevel(cbc, 0)
        // CBC counts CPU time unless told otherwise; users mean wall-clock seconds.
        Cbc_setParameter(cbc, "timeMode", "elapsed")
        Cbc_setMaximumSeconds(cbc, options.timeLimitSeconds)
        Cbc_setAllowableFractionGap(cbc, options.relativeGap)
        if options.threads > 1 { Cbc_setParameter(cbc, "threads", String(options.threads)) }
        // No preprocessing: CBC 2.10.8's returned 6 for max 3x + 2b, x + 4b ≤ 5, x ∈ [0, 2.5]
        // continuous (the optimum is 7.5), treating the column as integer; when it settled a tiny
        // model by itself, CBC skipped branch and bound and kept no solution; and on the assignment
        // programs it found SOS rows and gained nothing (below).
        Cbc_setParameter(cbc, "preprocess", "off")
        // The assignment program's LP relaxation is nearly integral (the largest component of the
        // 10,000-user city: 6 fractional columns of 118,081, root gap 3e-5); the feasibility pump
        // then ran for seconds after a mini branch and bound had already met the gap. Without it
        // (and without preprocessing, which found SOS rows and gained nothing) CBC took 2.1 s
        // instead of 11.3 s, same certified gap.
        Cbc_setParameter(cbc, "feasibilityPump", "off")
        return handle
    }

    /// The whole matrix in one call (column-major), then names and integrality.
    static func loadAtOnce(_ model: MILPModel, into cbc: UnsafeMutableRawPointer) {
        let infinity = Double.greatestFiniteMagnitude
        var counts = [Int](repeating: 0, count: model.variables.count + 1)
        for row in model.constraints { for term in row.terms { counts[term.variable + 1] += 1 } }
        for column in model.variables.indices { counts[column + 1] += counts[column] }
        var starts = counts.map { CoinBigIndex($0) }
        var fill = counts
        var indices = [Int32](repeating: 0, count: counts.last ?? 0)
        var values = [Double](repeating: 0, count: counts.last ?? 0)
        for (index, row) in model.constraints.enumerated() {
            for term in row.terms {
                indices[fill[term.variable]] = Int32(index)
                values[fill[term.variable]] = term.coefficient
                fill[term.variable] += 1
            }
        }
        var columnLower = model.variables.map { max($0.lowerBound, -infinity) }
        var columnUpper = model.variables.map { min($0.upperBound, infinity) }
        var objective = model.variables.map(\.objective)
        var rowLower = model.constraints.map { max($0.lower, -infinity) }
        var rowUpper = model.constraints.map { min($0.upper, infinity) }
        Cbc_loadProblem(
            cbc, Int32(model.variables.count), Int32(model.constraints.count), &starts, &indices, &values,
            &columnLower, &columnUpper, &objective, &rowLower, &rowUpper)
        for (index, variable) in model.variables.enumerated() {
            Cbc_setColName(cbc, Int32(index), variable.name)
            Cbc_setInteger(cbc, Int32(index))
        }
        for (index, row) in model.constraints.enumerated() { Cbc_setRowName(cbc, Int32(index), row.name) }
    }

    /// Column by column, then row by row. Columns carry their integrality as they are added: with
    /// Cbc_loadProblem followed by Cbc_setInteger, CBC 2.10.8 was seen to branch on continuous
    /// columns too.
    static func loadOneByOne(_ model: MILPModel, into cbc: UnsafeMutableRawPointer) {
        let infinity = Double.greatestFiniteMagnitude
        for variable in model.variables {
            Cbc_addCol(
                cbc, variable.name, max(variable.lowerBound, -infinity), min(variable.upperBound, infinity),
                variable.objective, variable.isInteger ? 1 : 0, 0, nil, nil)
        }
        for row in model.constraints {
            let columns = row.terms.map { Int32($0.variable) }
            let coefficients = row.terms.map(\.coefficient)
            let (sense, rhs): (UInt8, Double) =
                switch (row.lower.isFinite, row.upper.isFinite) {
                case (true, true):
                    row.lower == row.upper ? (UInt8(ascii: "E"), row.upper) : (UInt8(ascii: "R"), row.upper)
                case (false, true): (UInt8(ascii: "L"), row.upper)
                case (true, false): (UInt8(ascii: "G"), row.lower)
                case (false, false): (UInt8(ascii: "N"), 0)
                }
            Cbc_addRow(cbc, row.name, Int32(columns.count), columns, coefficients, CChar(bitPattern: sense), rhs)
            if sense == UInt8(ascii: "R") { Cbc_setRowLower(cbc, Int32(Cbc_getNumRows(cbc) - 1), row.lower) }
        }
    }

    public func solve(_ model: MILPModel, options: MILPOptions, progress relay: (@Sendable (SolverProgress) -> Void)?)
        -> MILPSolution
    {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        let stopwatch = Stopwatch()
        if model.variables.isEmpty {
            return TrivialModel.solve(model, backend: name, seconds: stopwatch.seconds)
        }
        let handle = Self.load(model, options: options)
        if let relay {
            CBCProgress.current = CBCProgress(
                relay: relay, constant: model.objectiveConstant, sign: model.sense == .maximize ? -1 : 1)
            // Messages must be made for the callback to see them; the callback prints nothing.
            Cbc_setLogLevel(handle.model, 1)
            Cbc_registerCallBack(handle.model, CBCProgress.callback)
        }
        defer { CBCProgress.current = nil }
        if relay != nil {
            // At log level 1 CbcMain also prints its banner, options and statistics with printf, on
            // standard output, which may be carrying a plan: send them to /dev/null meanwhile.
            Self.withStandardOutputSilenced { Cbc_solve(handle.model) }
        } else {
            Cbc_solve(handle.model)
        }
        let cbc = handle.model
        var point: [Double]?
        if let best = Cbc_bestSolution(cbc) {
            point = Array(UnsafeBufferPointer(start: best, count: model.variables.count))
        }
        let constant = model.objectiveConstant
        // The point's own objective, computed exactly as the model states it.
        let objectiveValue = point.map { model.objectiveValue(of: $0) }
        let termination: TerminationReason
        if Cbc_isProvenInfeasible(cbc) != 0 {
            termination = .infeasible
        } else if Cbc_isContinuousUnbounded(cbc) != 0 {
            termination = .unbounded
        } else if Cbc_isProvenOptimal(cbc) != 0 {
            termination = .optimal
        } else if Cbc_isSecondsLimitReached(cbc) != 0 {
            termination = .timeLimit
        } else if Cbc_isAbandoned(cbc) != 0 {
            termination = .error
        } else if Cbc_status(cbc) == 1 {
            termination = .otherLimit
        } else {
            termination = point == nil ? .error : .optimal
        }
        // Without a point the bound is only meaningful if the search finished.
        var bound: Double? = Cbc_getBestPossibleObjValue(cbc) + constant
        if let value = bound, !value.isFinite || abs(value) >= 1e40 { bound = nil }
        if termination == .infeasible { bound = nil }
        return MILPSolution(
            backend: name, termination: termination, primal: point == nil ? .noSolution : .feasiblePoint,
            objective: objectiveValue, bound: bound, seconds: stopwatch.seconds, values: point,
            message: termination == .error
                ? "CBC stopped with status \(Cbc_status(cbc)), secondary \(Cbc_secondaryStatus(cbc))" : nil)
    }
}

/// Owns one `Cbc_Model`, deleted when the handle goes.
final class CBCHandle {
    /// `Cbc_Model` is `void` in the C header, so Swift sees a raw pointer.
    let model: UnsafeMutableRawPointer

    init() { model = Cbc_newModel() }

    deinit { Cbc_deleteModel(model) }
}

/// Relays CBC's log messages about its incumbent and bound. CBC's message callback carries no
/// user data, and solves are serialised by `CBCSolver.lock`, so the solve in progress is global.
final class CBCProgress: @unchecked Sendable {
    nonisolated(unsafe) static var current: CBCProgress?
    let relay: @Sendable (SolverProgress) -> Void
    let constant: Double
    /// CBC's messages speak of the minimisation it solves: −1 turns them back for a maximisation.
    let sign: Double
    let stopwatch = Stopwatch()
    var incumbent: Double?
    var bound: Double?

    init(relay: @escaping @Sendable (SolverProgress) -> Void, constant: Double, sign: Double) {
        self.relay = relay
        self.constant = constant
        self.sign = sign
    }

    /// The numbers of CBC 2.10's messages (CbcMessage.cpp), with the values they carry.
    func receive(_ number: Int32, _ values: [Double]) {
        func value(_ index: Int) -> Double? {
            guard index < values.count, abs(values[index]) < 1e40 else { return nil }
            return sign * values[index] + constant
        }
        switch number {
        case 1, 4, 12, 16: incumbent = value(0) ?? incumbent  // search completed; integer solutions
        case 10:  // after n nodes: best solution, best possible
            incumbent = value(0) ?? incumbent
            bound = value(1) ?? bound
        case 13: bound = value(1) ?? bound  // root node: the LP bound after cuts
        default: return
        }
        relay(SolverProgress(incumbent: incumbent, bound: bound, seconds: stopwatch.seconds))
    }

    static let callback: cbc_callback = { _, number, doubleCount, doubles, _, _, _, _ in
        guard let progress = CBCProgress.current else { return }
        let values = doubles.map { Array(UnsafeBufferPointer(start: $0, count: Int(doubleCount))) } ?? []
        progress.receive(number, values)
    }
}
