public import MILP

/// An independent part of a lowered model: its own columns and rows, re-indexed.
public struct ModelComponent: Sendable {
    public let model: MILPModel
    /// Column i of `model` is column `columns[i]` of the full model.
    public let columns: [Int]
    /// Row i of `model` is row `rows[i]` of the full model.
    public let rows: [Int]
}

/// Exact reductions (each tested to keep the optimum):
/// - a capacity or user-limit row that cannot bind (even if every user took its largest demand in
///   it) is dropped;
/// - users linked by no remaining row are independent: each connected component of the
///   user–row graph is its own program.
public enum Decomposition {
    public static func reduce(_ lowered: LoweredModel) -> (components: [ModelComponent], droppedRows: [Int]) {
        let model = lowered.model
        // The user of each column, and dense user numbers for union–find.
        var userSlot: [Int: Int] = [:]
        for origin in lowered.columns where userSlot[origin.user] == nil { userSlot[origin.user] = userSlot.count }
        let columnUser = lowered.columns.map { userSlot[$0.user] ?? 0 }
        var kept: [Int] = []
        var dropped: [Int] = []
        for (index, row) in model.constraints.enumerated() {
            if case .assignment = lowered.rows[index] {
                kept.append(index)
                continue
            }
            // Largest coefficient per user: a user takes exactly one column, so this bounds the row.
            var largest: [Int: Double] = [:]
            for term in row.terms {
                let user = columnUser[term.variable]
                largest[user] = max(largest[user] ?? -.infinity, term.coefficient)
            }
            let maximumActivity = largest.values.reduce(0) { $0 + max(0, $1) }
            let minimumActivity = largest.isEmpty ? 0 : row.terms.reduce(0) { $0 + min(0, $1.coefficient) }
            if maximumActivity <= row.upper && minimumActivity >= row.lower {
                dropped.append(index)
            } else {
                kept.append(index)
            }
        }
        var parent = Array(0..<max(userSlot.count, 1))
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for index in kept {
            let users = model.constraints[index].terms.map { columnUser[$0.variable] }
            guard let first = users.first else { continue }
            for other in users.dropFirst() {
                let (a, b) = (find(first), find(other))
                if a != b { parent[a] = b }
            }
        }
        // Group columns and rows by the root of their users, in first-appearance order.
        var componentOfRoot: [Int: Int] = [:]
        var componentColumns: [[Int]] = []
        var componentRows: [[Int]] = []
        for (column, user) in columnUser.enumerated() {
            let root = find(user)
            if componentOfRoot[root] == nil {
                componentOfRoot[root] = componentColumns.count
                componentColumns.append([])
                componentRows.append([])
            }
            componentColumns[componentOfRoot[root] ?? 0].append(column)
        }
        var orphanRows: [Int] = []
        for index in kept {
            let row = model.constraints[index]
            guard let term = row.terms.first, let component = componentOfRoot[find(columnUser[term.variable])] else {
                // A row without columns (a user with no candidate, or an overfilled reservation).
                orphanRows.append(index)
                continue
            }
            componentRows[component].append(index)
        }
        var components: [ModelComponent] = zip(componentColumns, componentRows).map { columns, rows in
            var local = [Int: Int]()
            for (position, column) in columns.enumerated() { local[column] = position }
            let sub = MILPModel(
                name: model.name, sense: model.sense, variables: columns.map { model.variables[$0] },
                constraints: rows.map { index in
                    var row = model.constraints[index]
                    row.terms = row.terms.map { MILPTerm(local[$0.variable] ?? 0, $0.coefficient) }
                    return row
                })
            return ModelComponent(model: sub, columns: columns, rows: rows)
        }
        if !orphanRows.isEmpty {
            components.append(
                ModelComponent(
                    model: MILPModel(
                        name: model.name, sense: model.sense, constraints: orphanRows.map { model.constraints[$0] }),
                    columns: [], rows: orphanRows))
        }
        return (components, dropped)
    }
}
