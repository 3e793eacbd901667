import MILP
import Solving

/// A column source over an explicit list, priced by looking at every column: the reference the
/// pricing tests compare against.
final class ListedColumns: ColumnSource {
    let userCount: Int
    let rowRoles: [RowRole]
    let rowBounds: [LPRow]
    let rowNames: [String]
    let all: [PricedColumn]
    let initial: [Int64]
    /// Keys of every column handed out by `price`, pass by pass.
    var handedOut: [[Int64]] = []

    /// Users 0..<userCount own rows 0..<userCount; `resourceRows` follow.
    init(userCount: Int, resourceRows: [(role: RowRole, upper: Double)], columns: [PricedColumn], initial: [Int64]) {
        self.userCount = userCount
        rowRoles = (0..<userCount).map { RowRole.assignment(user: Int32($0)) } + resourceRows.map(\.role)
        rowBounds =
            [LPRow](repeating: LPRow(lower: 1, upper: 1), count: userCount)
            + resourceRows.map { LPRow(lower: -.infinity, upper: $0.upper) }
        rowNames = rowRoles.indices.map { "r\($0)" }
        all = columns
        self.initial = initial
    }

    func assignmentRow(of user: Int) -> Int { user }

    func initialColumns() -> [PricedColumn] { all.filter { initial.contains($0.key) } }

    static func reducedCost(_ column: PricedColumn, duals: [Double], ignoresObjective: Bool) -> Double {
        zip(column.rows, column.coefficients).reduce(ignoresObjective ? 0 : column.objective) {
            $0 - duals[Int($1.0)] * $1.1
        }
    }

    func price(_ request: PricingRequest) -> PricingResult {
        var largest = [Double](repeating: -.infinity, count: userCount)
        var found: [[(Double, PricedColumn)]] = Array(repeating: [], count: userCount)
        for column in all {
            let user = Int(column.role.user)
            let reducedCost = Self.reducedCost(column, duals: request.duals, ignoresObjective: request.ignoresObjective)
            largest[user] = max(largest[user], reducedCost)
            if reducedCost >= request.minimumReducedCost[user] { found[user].append((reducedCost, column)) }
        }
        var columns: [PricedColumn] = []
        for var list in found {
            list.sort { $0.0 > $1.0 }
            columns += list.prefix(request.columnsPerUser ?? list.count).map(\.1)
        }
        if let limit = request.maximumColumns, columns.count > limit {
            return PricingResult(columns: [], largestReducedCost: largest, evaluated: all.count, overflowed: true)
        }
        handedOut.append(columns.map(\.key))
        return PricingResult(columns: columns, largestReducedCost: largest, evaluated: all.count)
    }

    /// The whole program, written out.
    var program: AssignmentProgram {
        var model = MILPModel(name: "listed", sense: .maximize)
        var terms = [[MILPTerm]](repeating: [], count: rowBounds.count)
        for (index, column) in all.enumerated() {
            model.addVariable(.binary(column.name, objective: column.objective))
            for (row, value) in zip(column.rows, column.coefficients) { terms[Int(row)].append(MILPTerm(index, value)) }
        }
        model.constraints = rowBounds.indices.map {
            MILPConstraint(name: rowNames[$0], terms: terms[$0], lower: rowBounds[$0].lower, upper: rowBounds[$0].upper)
        }
        return AssignmentProgram(model: model, rows: rowRoles, columns: all.map(\.role))
    }
}

extension PricedColumn {
    /// A column of `user` on `server` through station 0, in its assignment row and `rows`.
    static func listed(
        _ key: Int64, user: Int32, server: Int32, objective: Double, rows: [Int32] = [], coefficients: [Double] = []
    ) -> PricedColumn {
        PricedColumn(
            key: key, role: ColumnRole(user: user, server: server, station: 0), name: "c\(key)", objective: objective,
            rows: [user] + rows, coefficients: [1] + coefficients)
    }
}
