import EdgeModel

/// Where a candidate's column has its nonzeros: its user's assignment row, the capacity rows of
/// its server (the user's demand of each resource) and its base station's user limit (1). Shared
/// by the priced program and the whole program written out, which must agree to the row.
struct ColumnRows: Sendable {
    /// Row of (server, resource kind), −1 where the program has none.
    let capacity: [Int32]
    /// Row of each base station's user limit, −1 where there is none.
    let userLimit: [Int32]

    static let kinds = ResourceKind.allCases

    /// The nonzeros of `candidate`'s column for a user with this demand (model units).
    func entries(assignmentRow: Int, candidate: Candidate, demand: [Double]) -> (rows: [Int32], coefficients: [Double])
    {
        var rows: [Int32] = [Int32(assignmentRow)]
        var coefficients: [Double] = [1]
        for k in Self.kinds.indices where demand[k] > 0 {
            let row = capacity[candidate.server.rawValue * Self.kinds.count + k]
            if row >= 0 {
                rows.append(row)
                coefficients.append(demand[k])
            }
        }
        let limitRow = userLimit[candidate.baseStation.rawValue]
        if limitRow >= 0 {
            rows.append(limitRow)
            coefficients.append(1)
        }
        return (rows, coefficients)
    }

    /// The column's name, `z#<user>#<bs>#<server>` (docs/model.md).
    static func name(_ problem: Problem, user: Int, candidate: Candidate) -> String {
        var name = "z#\(problem.workload.users[user].id)#"
        name += problem.topology.baseStations[candidate.baseStation.rawValue].id
        name += "#"
        name += problem.topology.servers[candidate.server.rawValue].id
        return name
    }
}
